import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import {
  type ActorView,
  type EventDetails,
  type Page,
  roleCan,
  TASK_PRIORITIES,
  type TaskPriority,
  type TaskSummary,
} from './api-types.ts';
import { Countdown } from './countdown.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { EventReports } from './event-reports.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { followLink } from './router.ts';
import { useDepartments } from './use-departments.ts';

/** `datetime-local` value two days from now (the browser's time zone). */
function inTwoDays(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An event: status, risk, linked signals, deadlines with countdowns, its tasks and assigning new ones. */
export function EventPage(props: { readonly id: string; readonly actor: ActorView }) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const [details, setDetails] = useState<EventDetails | null>(null);
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
    api<EventDetails>('GET', base)
      .then(setDetails)
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
      </dl>
      <h2>{t('linkedSignals')}</h2>
      <ul>
        {details.signalIds.map((id) => (
          <li key={id}>
            <a href={`/signals/${encodeURIComponent(id)}`} onClick={followLink}>
              {t('signalTitle')} {id.slice(0, 8)}
            </a>
          </li>
        ))}
      </ul>
      <h2>{t('deadlines')}</h2>
      {details.deadlines.length === 0 ? (
        <p className="muted">{t('noDeadlines')}</p>
      ) : (
        <ul>
          {details.deadlines.map((d) => (
            <li key={d.id}>
              {d.ruleName} <span className="muted">({d.legalBasis})</span> ·{' '}
              {d.status === 'met' ? t('deadlineMet') : <Countdown dueAt={d.dueAt} />}
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
              <Countdown dueAt={task.dueAt} />
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
            <label>
              {t('priority')}
              <select
                name="taskPriority"
                value={priority}
                onChange={(ev) => setPriority(TASK_PRIORITIES.find((p) => p === ev.target.value) ?? 'normal')}
              >
                {TASK_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`taskPriority.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div>
            <button type="submit" className="primary">
              {t('assign')}
            </button>
          </div>
          <ErrorNotice error={formError} />
        </form>
      )}
      <EventReports eventId={props.id} role={props.actor.role} refresh={refresh} />
    </article>
  );
}
