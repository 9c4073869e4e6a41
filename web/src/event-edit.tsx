import './forms.css';
import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import type { Colleague, FullEvent } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { SaveCancel } from './save-cancel.tsx';
import { useDepartments } from './use-departments.ts';

/** Changes an event's title, lead department or coordinator, with a reason, at the version read. */
export function EventEdit(props: {
  readonly event: FullEvent;
  readonly colleagues: ReadonlyArray<Colleague>;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const e = props.event;
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(e.title);
  const [lead, setLead] = useState(e.leadDepartmentId);
  const [coordinator, setCoordinator] = useState(e.coordinatorId);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const coordinators = props.colleagues.filter(
    (c) => (c.role === 'coordinator' || c.role === 'admin') && e.placePath.startsWith(c.jurisdictionPath),
  );

  function start() {
    setTitle(e.title);
    setLead(e.leadDepartmentId);
    setCoordinator(e.coordinatorId);
    setWhy('');
    setError(null);
    setOpen(true);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('PATCH', `/api/events/${encodeURIComponent(e.id)}`, {
        version: e.version,
        ...(title.trim() === e.title ? {} : { title: title.trim() }),
        ...(lead === e.leadDepartmentId ? {} : { leadDepartmentId: lead }),
        ...(coordinator === e.coordinatorId ? {} : { coordinatorId: coordinator }),
        ...(why.trim() === '' ? {} : { reason: why.trim() }),
      });
      setOpen(false);
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!open)
    return (
      <p>
        <button type="button" onClick={start}>
          {t('fm.editEvent')}
        </button>
      </p>
    );
  return (
    <form className="assess-form" onSubmit={save} aria-labelledby="event-edit-title">
      <h2 id="event-edit-title">{t('fm.editEvent')}</h2>
      <label>
        {t('fm.eventTitle')}
        <input name="eventTitle" required value={title} onChange={(ev) => setTitle(ev.target.value)} />
      </label>
      <div className="forms-inline">
        <label>
          {t('leadDepartment')}
          <select name="eventLead" value={lead} onChange={(ev) => setLead(ev.target.value)}>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fm.coordinator')}
          <select
            name="eventCoordinator"
            value={coordinator}
            onChange={(ev) => setCoordinator(ev.target.value)}
          >
            {!coordinators.some((c) => c.id === coordinator) && (
              <option value={coordinator}>{coordinator}</option>
            )}
            {coordinators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fm.statusWhy')}
          <input name="eventEditWhy" value={why} onChange={(ev) => setWhy(ev.target.value)} />
        </label>
      </div>
      <SaveCancel
        busy={busy}
        saveLabel={t('fm.save')}
        cancelLabel={t('fm.cancel')}
        onCancel={() => setOpen(false)}
      />
      <ConflictNotice
        error={error}
        onReload={() => {
          setError(null);
          setOpen(false);
          props.onChanged();
        }}
      />
    </form>
  );
}
