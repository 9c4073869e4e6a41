import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import {
  type ActorView,
  type Page,
  roleCan,
  TASK_PRIORITIES,
  type TaskPriority,
  type TaskSummary,
} from './api-types.ts';
import { ChoiceSelect } from './choice-select.tsx';

import { Countdown } from './countdown.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { EventAssessments } from './event-assessments.tsx';
import { EventEdit } from './event-edit.tsx';
import { EventReports } from './event-reports.tsx';
import { EventSignals } from './event-signals.tsx';
import { EventStatusControl } from './event-status.tsx';
import type { FullEventDetails } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { IhrForm } from './ihr-form.tsx';
import { RiskAssessmentForm } from './risk-assessment-form.tsx';
import { TaskDetailsPanel } from './task-details.tsx';
import { useColleagues } from './use-colleagues.ts';
import { useDepartments } from './use-departments.ts';

/** `datetime-local` value two days from now (the browser's time zone). */
function inTwoDays(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An event: status, risk, linked signals, deadlines with countdowns, its tasks and assigning new ones. */
export function EventPage(props: { readonly id: string; readonly actor: ActorView }) {
  const { t, dateTime } = useI18n();
  const { departments, name } = useDepartments();
  const [details, setDetails] = useState<FullEventDetails | null>(null);
  const { colleagues, userName } = useColleagues();
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [tasks, setTasks] = useState<ReadonlyArray<TaskSummary>>([]);
  const [error, setError] = useState<unknown>(null);
  const [title, setTitle] = useState('');
  const [department, setDepartment] = useState('');
  const [due, setDue] = useState(inTwoDays);
  const [priority, setPriority] = useState<TaskPriority>('normal');
  const [formError, setFormError] = useState<unknown>(null);
  const [refresh, setRefresh] = useState(0);
  const base = `/api/events/${encodeURIComponent(props.id)}`;

  const load = useCallback(() => {
    api<FullEventDetails>('GET', base)
      .then((d) => {
        setDetails(d);
        setRefresh((n) => n + 1);
      })
      .catch((err: unknown) => setError(err));
    api<Page<TaskSummary>>('GET', `${base}/tasks?limit=200`)
      .then((r) => setTasks(r.items))
      .catch(() => {});
  }, [base]);
  useEffect(load, [load]);

  async function assign(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    try {
      await api('POST', `${base}/tasks`, {
        title,
        departmentId: department,
        dueAt: new Date(due).toISOString(),
        priority,
      });
      setTitle('');
      load();
      setRefresh((n) => n + 1);
    } catch (err) {
      setFormError(err);
    }
  }

  if (error !== null) return <ErrorNotice error={error} onRetry={load} />;
  if (details === null) return <p className="loading">{t('loading')}</p>;
  const e = details.event;
  return (
    <article aria-labelledby="event-title">
      <h1 id="event-title">{e.title}</h1>
      <dl className="facts">
        <dt>{t('eventStatus')}</dt>
        <dd data-testid="event-status">{t(`eventStatus.${e.status}`)}</dd>
        <dt>{t('overallRisk')}</dt>
        <dd>{e.riskLevel === null ? t('riskUnassessed') : t(`risk.${e.riskLevel}`)}</dd>
        <dt>{t('leadDepartment')}</dt>
        <dd>{name(e.leadDepartmentId)}</dd>
        <dt>{t('fm.coordinator')}</dt>
        <dd>{userName(e.coordinatorId)}</dd>
      </dl>
      {roleCan(props.actor.role, 'escalate') && e.status !== 'closed' && (
        <EventEdit event={e} colleagues={colleagues} onChanged={load} />
      )}
      <EventStatusControl event={e} canManage={roleCan(props.actor.role, 'escalate')} onChanged={load} />
      <EventSignals
        event={e}
        signalIds={details.signalIds}
        canManage={roleCan(props.actor.role, 'escalate')}
        onChanged={load}
      />
      <h2>{t('deadlines')}</h2>
      {details.deadlines.length === 0 ? (
        <p className="muted">{t('noDeadlines')}</p>
      ) : (
        <ul>
          {details.deadlines.map((d) => (
            <li key={d.id}>
              {d.ruleName} <span className="muted">({d.legalBasis})</span> ·{' '}
              {d.status === 'met' ? (
                <>
                  {t('deadlineMet')}
                  {d.metAt !== null && <span className="muted"> · {dateTime(d.metAt)}</span>}
                </>
              ) : (
                <>
                  {d.status === 'breached' && <strong className="late">{t('fm.breached')} · </strong>}
                  <Countdown dueAt={d.dueAt} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 id="tasks-title">{t('tasks')}</h2>
      {tasks.length === 0 ? (
        <p className="muted">{t('noTasks')}</p>
      ) : (
        <ul aria-labelledby="tasks-title" data-testid="event-tasks">
          {tasks.map((task) => (
            <li key={task.id} className={task.overdue ? 'overdue' : ''}>
              {task.title} · {name(task.departmentId)} · {t(`taskState.${task.state}`)} ·{' '}
              <Countdown dueAt={task.dueAt} />{' '}
              <button
                type="button"
                aria-expanded={openTask === task.id}
                onClick={() => setOpenTask(openTask === task.id ? null : task.id)}
              >
                {openTask === task.id ? t('fm.hideDetails') : t('fm.details')}
              </button>
              {openTask === task.id && (
                <TaskDetailsPanel
                  taskId={task.id}
                  canUpdate={roleCan(props.actor.role, 'update-task')}
                  actor={props.actor}
                  colleagues={colleagues}
                  departmentName={name}
                  userName={userName}
                  onChanged={load}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {roleCan(props.actor.role, 'assign') && (
        <form className="assess-form" onSubmit={assign} aria-labelledby="assign-title">
          <h3 id="assign-title">{t('assignTask')}</h3>
          <label>
            {t('taskTitle')}
            <input name="taskTitle" required value={title} onChange={(ev) => setTitle(ev.target.value)} />
          </label>
          <div className="row">
            <label>
              {t('department')}
              <select
                name="taskDepartment"
                required
                value={department}
                onChange={(ev) => setDepartment(ev.target.value)}
              >
                <option value="">—</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {name(d.id)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('dueAt')}
              <input
                name="taskDue"
                type="datetime-local"
                required
                value={due}
                onChange={(ev) => setDue(ev.target.value)}
              />
            </label>
            <ChoiceSelect
              label={t('priority')}
              name="taskPriority"
              value={priority}
              choices={TASK_PRIORITIES}
              optionLabel={(p) => t(`taskPriority.${p}`)}
              onChange={setPriority}
            />
          </div>
          <div>
            <button type="submit" className="primary">
              {t('assign')}
            </button>
          </div>
          <ErrorNotice error={formError} />
        </form>
      )}
      <EventAssessments eventId={props.id} refresh={refresh} userName={userName} />
      {roleCan(props.actor.role, 'assess') && e.status !== 'closed' && (
        <details className="forms-panel">
          <summary>{t('fm.reassessEvent')}</summary>
          <RiskAssessmentForm eventId={props.id} showHistory={false} onSaved={load} />
          <IhrForm eventId={props.id} showHistory={false} onSaved={load} />
        </details>
      )}
      <EventReports eventId={props.id} role={props.actor.role} refresh={refresh} />
    </article>
  );
}
