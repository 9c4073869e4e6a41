import './forms.css';
import { type FormEvent, useEffect, useState } from 'react';
import { api, query } from './api.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import type { FullEvent, FullSignal, FullSignalDetails } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { followLink } from './router.ts';

/**
 * The event's signals (with their titles and states), and adding more verified signals to it (their
 * deadlines follow the event), at the event's version.
 */
export function EventSignals(props: {
  readonly event: FullEvent;
  readonly signalIds: ReadonlyArray<string>;
  readonly canManage: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const [signals, setSignals] = useState<Readonly<Record<string, FullSignal>>>({});
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ReadonlyArray<FullSignal>>([]);
  const [chosen, setChosen] = useState<ReadonlyArray<string>>([]);
  const [busy, setBusy] = useState(false);
  const [removeWhy, setRemoveWhy] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = props.signalIds.join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids
  useEffect(() => {
    for (const id of props.signalIds)
      api<FullSignalDetails>('GET', `/api/signals/${encodeURIComponent(id)}`)
        .then((d) => setSignals((x) => ({ ...x, [id]: d.signal })))
        .catch(() => {});
  }, [key]);

  useEffect(() => {
    if (!props.canManage) return;
    let live = true;
    const timer = setTimeout(() => {
      api<{ readonly items: ReadonlyArray<FullSignal> }>(
        'GET',
        `/api/signals${query({ state: 'verified', q: search.trim(), limit: 20, sort: 'updated' })}`,
      )
        .then((p) => {
          if (live) setFound(p.items.filter((s) => !props.signalIds.includes(s.id)));
        })
        .catch(() => {});
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, props.canManage, props.signalIds]);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/events/${encodeURIComponent(props.event.id)}/signals`, {
        version: props.event.version,
        signalIds: chosen,
      });
      setChosen([]);
      setSearch('');
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(signalId: string) {
    if (removeWhy.trim() === '') {
      setNote(t('fm.removeWhyRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await api(
        'DELETE',
        `/api/events/${encodeURIComponent(props.event.id)}/signals/${encodeURIComponent(signalId)}${query({
          version: props.event.version,
          reason: removeWhy.trim(),
        })}`,
      );
      setRemoveWhy('');
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const canRemove = props.canManage && props.event.status !== 'closed' && props.signalIds.length > 1;
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <section aria-labelledby="event-signals-title">
      <h2 id="event-signals-title">{t('linkedSignals')}</h2>
      <ul className="forms-list" data-testid="event-signals">
        {props.signalIds.map((id) => {
          const s = signals[id];
          return (
            <li key={id}>
              <a href={`/signals/${encodeURIComponent(id)}`} onClick={followLink}>
                {s?.title ?? `${t('signalTitle')} ${id.slice(0, 8)}`}
              </a>
              {s !== undefined && <span className="muted">({t(`state.${s.state}`)})</span>}
              {canRemove && (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('fm.removeFromEvent', { title: s?.title ?? id.slice(0, 8) })}
                  onClick={() => void remove(id)}
                >
                  {t('fm.removeSignal')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {canRemove && (
        <label>
          {t('fm.removeWhy')}
          <input name="removeSignalWhy" value={removeWhy} onChange={(e) => setRemoveWhy(e.target.value)} />
        </label>
      )}
      {note !== null && (
        <div className="notice" role="status">
          {note}
        </div>
      )}
      {props.canManage && props.event.status !== 'closed' && (
        <form onSubmit={add} aria-labelledby="add-signals-title">
          <h3 id="add-signals-title">{t('fm.addSignals')}</h3>
          <label>
            {t('fm.findVerified')}
            <input
              name="eventSignalSearch"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <fieldset className="forms-choices">
            <legend>{t('fm.verifiedSignals')}</legend>
            {found.length === 0 ? (
              <p className="muted">{t('fm.noMatch')}</p>
            ) : (
              found.map((s) => (
                <label key={s.id} className="inline">
                  <input
                    type="checkbox"
                    name="eventSignal"
                    checked={chosen.includes(s.id)}
                    onChange={() => toggle(s.id)}
                  />
                  {s.title}
                </label>
              ))
            )}
          </fieldset>
          <div className="actions">
            <button type="submit" disabled={busy || chosen.length === 0}>
              {t('fm.addToEvent', { n: chosen.length })}
            </button>
          </div>
        </form>
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
