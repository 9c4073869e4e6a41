import './forms.css';
import { useState } from 'react';
import { api } from './api.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { allowedEventTransitions, type EventStatus, type FullEvent } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/** Moves an event along active ⇄ contained → closed, with a reason, at the version read. */
export function EventStatusControl(props: {
  readonly event: FullEvent;
  readonly canManage: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<EventStatus | null>(null);
  const allowed = allowedEventTransitions(props.event.status);

  async function move(status: EventStatus) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api('POST', `/api/events/${encodeURIComponent(props.event.id)}/status`, {
        version: props.event.version,
        status,
        ...(why.trim() === '' ? {} : { reason: why.trim() }),
      });
      setWhy('');
      setDone(status);
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!props.canManage) return null;
  return (
    <section aria-labelledby="event-status-title" className="forms-panel">
      <h2 id="event-status-title">{t('fm.eventStatusChange')}</h2>
      {allowed.length === 0 ? (
        <p className="muted">{t('fm.eventClosed')}</p>
      ) : (
        <div className="forms-inline">
          <label>
            {t('fm.statusWhy')}
            <input name="statusWhy" value={why} onChange={(e) => setWhy(e.target.value)} />
          </label>
          <div className="actions">
            {allowed.map((s) => (
              <button key={s} type="button" disabled={busy} onClick={() => void move(s)}>
                {t(`fm.eventAction.${s}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {done !== null && (
        <div className="notice" role="status">
          {t('fm.eventMoved', { status: t(`eventStatus.${done}`) })}
        </div>
      )}
      <ConflictNotice
        error={error}
        onReload={() => {
          setError(null);
          props.onChanged();
        }}
      />
    </section>
  );
}
