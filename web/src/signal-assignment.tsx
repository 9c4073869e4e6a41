import './forms.css';
import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import { type ActorView, roleCan } from './api-types.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import type { Colleague, FullSignal } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { useDepartments } from './use-departments.ts';

/** Who may be assigned the signal: an active colleague who may triage and whose jurisdiction holds it. */
function eligible(colleagues: ReadonlyArray<Colleague>, signal: FullSignal): ReadonlyArray<Colleague> {
  return colleagues.filter(
    (c) => roleCan(c.role, 'triage') && signal.placePath.startsWith(c.jurisdictionPath),
  );
}

/**
 * The signal's assignee: assign it to a colleague (chosen by department), to oneself, or unassign it,
 * at the version read (a conflict says so and offers a reload).
 */
export function SignalAssignment(props: {
  readonly signal: FullSignal;
  readonly actor: ActorView;
  readonly colleagues: ReadonlyArray<Colleague>;
  readonly userName: (id: string | null) => string;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const [chosen, setChosen] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const s = props.signal;
  const canTriage = roleCan(props.actor.role, 'triage') && s.state !== 'merged';
  const people = eligible(props.colleagues, s);
  const groups = [
    ...departments.map((d) => ({ id: d.id, label: name(d.id) })),
    { id: '', label: t('fm.noDepartment') },
  ]
    .map((g) => ({ ...g, people: people.filter((p) => (p.departmentId ?? '') === g.id) }))
    .filter((g) => g.people.length > 0);

  async function assign(assigneeId: string | null) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api('PUT', `/api/signals/${encodeURIComponent(s.id)}/assignee`, {
        version: s.version,
        assigneeId,
        ...(note.trim() === '' ? {} : { reason: note.trim() }),
      });
      setNote('');
      setChosen('');
      setDone(
        assigneeId === null ? t('fm.unassigned') : t('fm.assignedTo', { name: props.userName(assigneeId) }),
      );
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function reload() {
    setError(null);
    props.onChanged();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen !== '') void assign(chosen);
  }

  return (
    <section aria-labelledby="assignment-title" className="forms-panel">
      <h2 id="assignment-title">{t('fm.assignment')}</h2>
      <p data-testid="signal-assignee">
        {s.assigneeId === null
          ? t('fm.nobodyAssigned')
          : t('fm.currentAssignee', { name: props.userName(s.assigneeId) })}
      </p>
      {canTriage && (
        <form onSubmit={submit} className="forms-inline">
          <label>
            {t('fm.assignee')}
            <select name="assignee" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t('fm.choosePerson')}</option>
              {groups.map((g) => (
                <optgroup key={g.id} label={g.label}>
                  {g.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.displayName} ({t(`role.${p.role}`)})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            {t('fm.noteOptional')}
            <input name="assignNote" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy || chosen === ''}>
              {t('fm.assignSignal')}
            </button>
            {s.assigneeId !== props.actor.userId && (
              <button type="button" disabled={busy} onClick={() => void assign(props.actor.userId)}>
                {t('fm.assignToMe')}
              </button>
            )}
            {s.assigneeId !== null && (
              <button type="button" disabled={busy} onClick={() => void assign(null)}>
                {t('fm.unassign')}
              </button>
            )}
          </div>
        </form>
      )}
      {done !== null && (
        <div className="notice" role="status">
          {done}
        </div>
      )}
      <ConflictNotice error={error} onReload={reload} />
    </section>
  );
}
