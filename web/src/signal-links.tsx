import './forms.css';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, query } from './api.ts';
import { type ActorView, roleCan, SIGNAL_STATES } from './api-types.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { ConflictNotice } from './conflict-notice.tsx';
import {
  type FullSignal,
  type FullSignalDetails,
  SIGNAL_LINK_KINDS,
  type SignalLinkKind,
} from './forms-types.ts';

import { useI18n } from './i18n/i18n.tsx';
import { followLink } from './router.ts';
import { useSignalTitles } from './use-signal-titles.ts';

/** Text that looks like a signal id (a UUID, or a long part of one) rather than words of a title. */
const looksLikeId = (text: string): boolean => /^[0-9a-f-]{8,}$/i.test(text);

/** Finds signals by words of their title, or by id; any state, the caller's jurisdiction only. */
function useSignalSearch(text: string, exclude: string) {
  const [found, setFound] = useState<ReadonlyArray<FullSignal>>([]);
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    setSearching(true);
    const timer = setTimeout(() => {
      const byId = looksLikeId(q)
        ? api<FullSignalDetails>('GET', `/api/signals/${encodeURIComponent(q)}`)
            .then((d) => [d.signal])
            .catch(() => [])
        : Promise.resolve([]);
      const byTitle = api<{ readonly items: ReadonlyArray<FullSignal> }>(
        'GET',
        `/api/signals${query({ q, state: SIGNAL_STATES.join(','), limit: 10, sort: 'updated' })}`,
      )
        .then((p) => p.items)
        .catch(() => []);
      void Promise.all([byId, byTitle]).then(([a, b]) => {
        if (!live) return;
        const all = [...a, ...b].filter(
          (s, i, xs) => s.id !== exclude && xs.findIndex((x) => x.id === s.id) === i,
        );
        setFound(all);
        setSearching(false);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, exclude]);
  return { found, searching };
}

/**
 * Links between signals (shown on both): see them, remove one, link another signal found by words of its
 * title or by id; and merge this signal, as a duplicate, into the one chosen. Every write carries the
 * version read; a conflict says so in plain words and offers a reload.
 */
export function SignalLinks(props: {
  readonly details: FullSignalDetails;
  readonly actor: ActorView;
  readonly onChanged: () => void;
}) {
  const { t, dateTime } = useI18n();
  const s = props.details.signal;
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<FullSignal | null>(null);
  const [kind, setKind] = useState<SignalLinkKind>('related');
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const { found, searching } = useSignalSearch(search, s.id);
  const others = props.details.links.map((l) => ({
    ...l,
    other: l.signalId === s.id ? l.otherSignalId : l.signalId,
  }));
  const titles = useSignalTitles([
    ...others.map((o) => o.other),
    ...props.details.mergedIds,
    ...(s.mergedIntoId === null ? [] : [s.mergedIntoId]),
  ]);
  const canTriage = roleCan(props.actor.role, 'triage') && s.state !== 'merged';
  const title = (id: string) => titles[id] ?? id.slice(0, 8);
  const base = `/api/signals/${encodeURIComponent(s.id)}`;

  async function write(work: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      props.onChanged();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409 && err.code !== 'CONFLICT') props.onChanged();
    } finally {
      setBusy(false);
    }
  }

  function link(event: FormEvent) {
    event.preventDefault();
    if (chosen === null) return;
    const target = chosen;
    void write(
      async () => {
        await api('POST', `${base}/links`, { version: s.version, otherSignalId: target.id, kind });
        setChosen(null);
        setSearch('');
      },
      t('fm.linked', { title: target.title }),
    );
  }

  function unlink(other: string) {
    void write(
      () => api('DELETE', `${base}/links/${encodeURIComponent(other)}${query({ version: s.version })}`),
      t('fm.unlinked', { title: title(other) }),
    );
  }

  function merge() {
    if (chosen === null) return;
    if (why.trim() === '') {
      setDone(t('fm.mergeWhyRequired'));
      return;
    }
    const target = chosen;
    void write(
      async () => {
        await api('POST', `${base}/merge`, {
          version: s.version,
          targetId: target.id,
          targetVersion: target.version,
          reason: why.trim(),
        });
        setChosen(null);
        setSearch('');
        setWhy('');
      },
      t('fm.merged', { title: target.title }),
    );
  }

  function reload() {
    setError(null);
    props.onChanged();
  }

  return (
    <section aria-labelledby="links-title" className="forms-panel">
      <h2 id="links-title">{t('fm.links')}</h2>
      {s.mergedIntoId !== null && (
        <p className="notice" data-testid="merged-into">
          {t('fm.mergedInto')}{' '}
          <a href={`/signals/${encodeURIComponent(s.mergedIntoId)}`} onClick={followLink}>
            {title(s.mergedIntoId)}
          </a>
        </p>
      )}
      {others.length === 0 ? (
        <p className="muted">{t('fm.noLinks')}</p>
      ) : (
        <ul data-testid="signal-links" className="forms-list">
          {others.map((l) => (
            <li key={`${l.signalId}-${l.otherSignalId}`}>
              <span className="forms-tag">{t(`fm.linkKind.${l.kind}`)}</span>{' '}
              <a href={`/signals/${encodeURIComponent(l.other)}`} onClick={followLink}>
                {title(l.other)}
              </a>{' '}
              <span className="muted">
                <time dateTime={l.at}>{dateTime(l.at)}</time>
              </span>
              {canTriage && (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('fm.removeLinkTo', { title: title(l.other) })}
                  onClick={() => unlink(l.other)}
                >
                  {t('fm.removeLink')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.details.mergedIds.length > 0 && (
        <>
          <h3>{t('fm.duplicatesMerged')}</h3>
          <ul className="forms-list" data-testid="merged-duplicates">
            {props.details.mergedIds.map((id) => (
              <li key={id}>
                <a href={`/signals/${encodeURIComponent(id)}`} onClick={followLink}>
                  {title(id)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {canTriage && (
        <form onSubmit={link} aria-labelledby="link-form-title">
          <h3 id="link-form-title">{t('fm.linkAnother')}</h3>
          <label>
            {t('fm.findSignal')}
            <input
              name="linkSearch"
              type="search"
              value={search}
              placeholder={t('fm.findSignalHint')}
              onChange={(e) => {
                setSearch(e.target.value);
                setChosen(null);
              }}
            />
          </label>
          {search.trim().length >= 2 && (
            <fieldset className="forms-choices">
              <legend>{t('fm.matchingSignals')}</legend>
              {searching && found.length === 0 ? (
                <p className="muted">{t('loading')}</p>
              ) : found.length === 0 ? (
                <p className="muted">{t('fm.noMatch')}</p>
              ) : (
                found.map((f) => (
                  <label key={f.id} className="inline">
                    <input
                      type="radio"
                      name="linkTarget"
                      checked={chosen?.id === f.id}
                      onChange={() => setChosen(f)}
                    />
                    {f.title} <span className="muted">({t(`state.${f.state}`)})</span>
                  </label>
                ))
              )}
            </fieldset>
          )}
          <div className="forms-inline">
            <ChoiceSelect
              label={t('fm.linkKind')}
              name="linkKind"
              value={kind}
              choices={SIGNAL_LINK_KINDS}
              optionLabel={(k) => t(`fm.linkKind.${k}`)}
              onChange={setKind}
            />
            <button type="submit" className="primary" disabled={busy || chosen === null}>
              {t('fm.linkSignal')}
            </button>
          </div>
          <div className="forms-inline">
            <label>
              {t('fm.mergeWhy')}
              <input name="mergeWhy" value={why} onChange={(e) => setWhy(e.target.value)} />
            </label>
            <button type="button" disabled={busy || chosen === null} onClick={merge}>
              {t('fm.mergeInto')}
            </button>
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
