import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import type { ActorView, EventSummary, Signal } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { navigate } from './router.ts';
import { useDepartments } from './use-departments.ts';

/** Escalates a verified signal to an event (the caller coordinates it) and opens the event. */
export function EscalateForm(props: { readonly signal: Signal; readonly actor: ActorView }) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const [title, setTitle] = useState(props.signal.title);
  const [department, setDepartment] = useState(props.actor.departmentId ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<EventSummary>('POST', '/api/events', {
        signalIds: [props.signal.id],
        title,
        leadDepartmentId: department,
        coordinatorId: props.actor.userId,
        ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
      });
      navigate(`/events/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="escalate-title">
      <h2 id="escalate-title">{t('escalateTitle')}</h2>
      <form className="assess-form" onSubmit={submit}>
        <label>
          {t('eventTitle')}
          <input name="eventTitle" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('leadDepartment')}
          <select
            name="leadDepartment"
            required
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
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
          {t('reason')}
          <input name="escalateReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('escalate')}
          </button>
        </div>
        <ErrorNotice error={error} />
      </form>
    </section>
  );
}
