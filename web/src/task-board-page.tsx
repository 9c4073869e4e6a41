import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';
import {
  type ActorView,
  allowedTaskTransitions,
  type Page,
  TASK_STATES,
  type TaskState,
  type TaskSummary,
} from './api-types.ts';
import { Countdown } from './countdown.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { followLink } from './router.ts';
import { TaskDetailsPanel } from './task-details.tsx';
import { useColleagues } from './use-colleagues.ts';
import { useDepartments } from './use-departments.ts';

/** The task board: the tasks you may see (a responder's: their department's) in columns by state. */
export function TaskBoardPage(props: { readonly canUpdate: boolean }) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const { colleagues, userName } = useColleagues();
  const [actor, setActor] = useState<ActorView | null>(null);
  useEffect(() => {
    api<ActorView>('GET', '/api/auth/me')
      .then(setActor)
      .catch(() => {});
  }, []);
  const [department, setDepartment] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [why, setWhy] = useState('');
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [tasks, setTasks] = useState<ReadonlyArray<TaskSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [moveError, setMoveError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<Page<TaskSummary>>('GET', '/api/tasks?limit=500')
      .then((r) => setTasks(r.items))
      .catch((err: unknown) => setError(err));
  }, []);
  useEffect(load, [load]);

  async function move(task: TaskSummary, state: TaskState) {
    setMoveError(null);
    // Optimistic: the card moves at once; a refusal puts it back and says why.
    setTasks((all) => all?.map((x) => (x.id === task.id ? { ...x, state } : x)) ?? null);
    try {
      await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/state`, {
        version: task.version,
        state,
        ...(why.trim() === '' ? {} : { reason: why.trim() }),
      });
      setWhy('');
    } catch (err) {
      setMoveError(err);
      if (!(err instanceof ApiError && err.status === 409))
        setTasks((all) => all?.map((x) => (x.id === task.id ? task : x)) ?? null);
    }
    load();
  }

  if (error !== null) return <ErrorNotice error={error} onRetry={load} />;
  if (tasks === null) return <p className="loading">{t('loading')}</p>;
  return (
    <section aria-labelledby="tasks-board-title">
      <h1 id="tasks-board-title">{t('taskBoard')}</h1>
      <div className="forms-filters">
        <label>
          {t('department')}
          <select name="boardDepartment" value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t('fm.allDepartments')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d.id)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="overdueOnly"
            checked={overdueOnly}
            onChange={(e) => setOverdueOnly(e.target.checked)}
          />
          {t('fm.overdueOnly')}
        </label>
        {props.canUpdate && (
          <label>
            {t('fm.moveWhy')}
            <input name="boardWhy" value={why} onChange={(e) => setWhy(e.target.value)} />
          </label>
        )}
      </div>
      <ErrorNotice error={moveError} />
      <div className="columns">
        {TASK_STATES.map((state) => {
          const column = tasks.filter(
            (x) =>
              x.state === state &&
              (department === '' || x.departmentId === department) &&
              (!overdueOnly || x.overdue),
          );
          return (
            <section
              key={state}
              className="column"
              aria-labelledby={`col-${state}`}
              data-testid={`column-${state}`}
            >
              <h2 id={`col-${state}`}>
                {t(`taskState.${state}`)} ({column.length})
              </h2>
              {column.length === 0 && <p className="muted">{t('noTasks')}</p>}
              {column.map((task) => (
                <article key={task.id} className={`task-card${task.overdue ? ' overdue' : ''}`}>
                  <h3>{task.title}</h3>
                  <p className="muted">
                    {name(task.departmentId)} · {t(`taskPriority.${task.priority}`)}
                  </p>
                  <p>
                    {task.overdue && <strong className="late">{t('overdue')} · </strong>}
                    <Countdown dueAt={task.dueAt} />
                  </p>
                  <p>
                    <a href={`/events/${encodeURIComponent(task.eventId)}`} onClick={followLink}>
                      {t('openEvent')}
                    </a>
                  </p>
                  <button
                    type="button"
                    aria-expanded={openTask === task.id}
                    onClick={() => setOpenTask(openTask === task.id ? null : task.id)}
                  >
                    {openTask === task.id ? t('fm.hideDetails') : t('fm.details')}
                  </button>
                  {openTask === task.id && actor !== null && (
                    <TaskDetailsPanel
                      taskId={task.id}
                      canUpdate={props.canUpdate}
                      actor={actor}
                      colleagues={colleagues}
                      departmentName={name}
                      userName={userName}
                      onChanged={load}
                    />
                  )}
                  {props.canUpdate && openTask !== task.id && (
                    <div className="actions">
                      {allowedTaskTransitions(task.state).map((to) => (
                        <button key={to} type="button" onClick={() => void move(task, to)}>
                          {t(`taskAction.${to}`)}
                        </button>
                      ))}
                    </div>
                  )}
                </article>
              ))}
            </section>
          );
        })}
      </div>
    </section>
  );
}
