import './forms.css';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import { type ActorView, allowedTaskTransitions, type TaskState } from './api-types.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { ConflictNotice } from './conflict-notice.tsx';
import { Countdown } from './countdown.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { type Colleague, EVIDENCE_KINDS, type EvidenceKind, type TaskDetails } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { TaskReassign } from './task-reassign.tsx';

/**
 * One task in full: what to do, who, by when, its evidence (notes and links); and, for whoever may work
 * on it, attaching evidence, moving it to another state with a reason, or completing it with evidence in
 * one step. Every move carries the version read; a conflict says so and offers a reload.
 */
export function TaskDetailsPanel(props: {
  readonly taskId: string;
  readonly canUpdate: boolean;
  readonly actor: ActorView;
  readonly colleagues: ReadonlyArray<Colleague>;
  readonly departmentName: (id: string) => string;
  readonly userName: (id: string | null) => string;
  /** Called after every change, so the list around the panel can reload. */
  readonly onChanged: () => void;
}) {
  const { t, dateTime } = useI18n();
  const [details, setDetails] = useState<TaskDetails | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [kind, setKind] = useState<EvidenceKind>('note');
  const [body, setBody] = useState('');
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const path = `/api/tasks/${encodeURIComponent(props.taskId)}`;

  const load = useCallback(() => {
    api<TaskDetails>('GET', path)
      .then((d) => {
        setDetails(d);
        setLoadError(null);
      })
      .catch((err: unknown) => setLoadError(err));
  }, [path]);
  useEffect(load, [load]);

  async function run(work: () => Promise<void>, message: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      load();
    }
  }

  const attach = () =>
    api('POST', `${path}/evidence`, { kind, body: body.trim() }).then(() => {
      setBody('');
    });

  function addEvidence(event: FormEvent) {
    event.preventDefault();
    if (body.trim() === '') return;
    void run(attach, t('fm.evidenceAdded'));
  }

  function move(state: TaskState, withEvidence: boolean) {
    if (details === null) return;
    const version = details.task.version;
    void run(
      async () => {
        if (withEvidence && body.trim() !== '') await attach();
        await api('POST', `${path}/state`, {
          version,
          state,
          ...(why.trim() === '' ? {} : { reason: why.trim() }),
        });
        setWhy('');
      },
      t('fm.taskMoved', { state: t(`taskState.${state}`) }),
    );
  }

  if (loadError !== null) return <ErrorNotice error={loadError} onRetry={load} />;
  if (details === null) return <p className="loading">{t('loading')}</p>;
  const task = details.task;
  const allowed = allowedTaskTransitions(task.state);
  return (
    <div className="forms-details" data-testid="task-details">
      <dl className="facts">
        <dt>{t('department')}</dt>
        <dd>{props.departmentName(task.departmentId)}</dd>
        <dt>{t('fm.taskAssignee')}</dt>
        <dd>{task.assigneeId === null ? t('fm.wholeDepartment') : props.userName(task.assigneeId)}</dd>
        <dt>{t('dueAt')}</dt>
        <dd>
          {dateTime(task.dueAt)} · <Countdown dueAt={task.dueAt} />
        </dd>
        <dt>{t('stateLabel')}</dt>
        <dd>{t(`taskState.${task.state}`)}</dd>
      </dl>
      <TaskReassign
        key={task.version}
        task={task}
        actor={props.actor}
        colleagues={props.colleagues}
        onChanged={() => {
          load();
          props.onChanged();
        }}
      />
      {task.description !== '' && <p>{task.description}</p>}
      <h4>{t('fm.evidence')}</h4>
      {details.evidence.length === 0 ? (
        <p className="muted">{t('fm.noEvidence')}</p>
      ) : (
        <ul data-testid="task-evidence">
          {details.evidence.map((e) => (
            <li key={e.id}>
              {e.kind === 'link' ? (
                <a href={e.body} rel="noopener noreferrer" target="_blank">
                  {e.body}
                </a>
              ) : (
                e.body
              )}{' '}
              <span className="muted">
                · {props.userName(e.authorId)} · <time dateTime={e.at}>{dateTime(e.at)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canUpdate && (
        <form onSubmit={addEvidence} aria-label={t('fm.addEvidence')}>
          <div className="forms-inline">
            <ChoiceSelect
              label={t('fm.evidenceKind')}
              name="evidenceKind"
              value={kind}
              choices={EVIDENCE_KINDS}
              optionLabel={(k) => t(`fm.evidenceKind.${k}`)}
              onChange={setKind}
            />
            {kind === 'link' ? (
              <label>
                {t('fm.evidenceUrl')}
                <input
                  name="evidenceBody"
                  type="url"
                  placeholder="https://"
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                />
              </label>
            ) : (
              <label>
                {t('fm.evidenceNote')}
                <textarea
                  name="evidenceBody"
                  rows={2}
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                />
              </label>
            )}
            <button type="submit" disabled={busy || body.trim() === ''}>
              {t('fm.attachEvidence')}
            </button>
          </div>
          {allowed.length > 0 && (
            <div className="forms-inline">
              <label>
                {t('fm.moveWhy')}
                <input name="taskWhy" value={why} onChange={(e) => setWhy(e.target.value)} />
              </label>
              <div className="actions">
                {allowed.includes('done') && (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy || body.trim() === ''}
                    onClick={() => move('done', true)}
                  >
                    {t('fm.completeWithEvidence')}
                  </button>
                )}
                {allowed.map((to) => (
                  <button key={to} type="button" disabled={busy} onClick={() => move(to, false)}>
                    {t('fm.moveTo', { state: t(`taskState.${to}`) })}
                  </button>
                ))}
              </div>
            </div>
          )}
        </form>
      )}
      {done !== null && (
        <div className="notice" role="status">
          {done}
        </div>
      )}
      <ConflictNotice
        error={error}
        onReload={() => {
          setError(null);
          load();
          props.onChanged();
        }}
      />
    </div>
  );
}
