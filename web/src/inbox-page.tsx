import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, query } from './api.ts';
import {
  type ActorView,
  allowedTransitions,
  type Named,
  type Page,
  type Place,
  SIGNAL_SORTS,
  SIGNAL_STATES,
  type Signal,
  type SignalPage,
  type SignalSort,
  type TriageState,
} from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { followLink, navigate } from './router.ts';

const PAGE_SIZE = 50;
const FILTERS_KEY = 'tocsin.inbox.filters';

interface Filters {
  readonly state: string;
  readonly source: string;
  readonly assignee: string;
  readonly hazard: string;
  readonly place: string;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly sort: SignalSort;
  readonly direction: 'asc' | 'desc';
  readonly page: number;
}

const DEFAULT_FILTERS: Filters = {
  state: 'open',
  source: '',
  assignee: '',
  hazard: '',
  place: '',
  from: '',
  to: '',
  text: '',
  sort: 'last-epoch',
  direction: 'desc',
  page: 0,
};

/** Single keys for the triage states (the signal page offers the same moves as buttons). */
const TRIAGE_KEYS: Readonly<Record<string, TriageState>> = {
  r: 'under-review',
  m: 'monitoring',
  d: 'discarded',
  v: 'verified',
};

/** A message after triage, rendered in the language of the moment. */
type TriageNote =
  | { readonly key: 'reasonRequired' }
  | { readonly key: 'triageDone'; readonly ok: number; readonly failed: number };

function savedFilters(): Filters {
  let saved = DEFAULT_FILTERS;
  try {
    const raw = sessionStorage.getItem(FILTERS_KEY);
    if (raw !== null) saved = { ...DEFAULT_FILTERS, ...(JSON.parse(raw) as Partial<Filters>) };
  } catch {
    saved = DEFAULT_FILTERS;
  }
  // A link such as the map's (/signals?place=DE-08336) opens the inbox on that place.
  const place = new URLSearchParams(location.search).get('place');
  return place === null ? saved : { ...saved, place, page: 0 };
}

function stateParam(state: string): string | undefined {
  if (state === 'open') return undefined;
  if (state === 'all') return SIGNAL_STATES.join(',');
  return state;
}

function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export function InboxPage(props: { readonly actor: ActorView }) {
  const { t, date, number } = useI18n();
  const [filters, setFilters] = useState<Filters>(savedFilters);
  const [data, setData] = useState<SignalPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [triage, setTriage] = useState<TriageState | null>(null);
  const [reason, setReason] = useState('');
  const [triageNote, setTriageNote] = useState<TriageNote | null>(null);
  const [triageError, setTriageError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [hazards, setHazards] = useState<ReadonlyArray<Named>>([]);
  const [places, setPlaces] = useState<ReadonlyArray<Place>>([]);
  const reasonRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
  }, [filters]);

  useEffect(() => {
    api<Page<Named>>('GET', '/api/hazards?limit=500')
      .then((r) => setHazards(r.items))
      .catch(() => {});
    api<Page<Place>>('GET', `/api/places${query({ parent: props.actor.jurisdictionPlaceId, limit: 500 })}`)
      .then((r) => setPlaces(r.items))
      .catch(() => {});
  }, [props.actor.jurisdictionPlaceId]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    const q = query({
      state: stateParam(filters.state),
      source: filters.source,
      assignee: filters.assignee,
      hazard: filters.hazard,
      place: filters.place,
      from: filters.from,
      to: filters.to,
      q: filters.text,
      sort: filters.sort,
      direction: filters.direction,
      limit: PAGE_SIZE,
      offset: filters.page * PAGE_SIZE,
      // a reload after triage asks again even when the filters did not change
      _: reload === 0 ? undefined : reload,
    });
    api<SignalPage>('GET', `/api/signals${q}`)
      .then((page) => {
        if (!live) return;
        setData(page);
        setCursor((c) => Math.min(c, Math.max(0, page.items.length - 1)));
      })
      .catch((err: unknown) => live && setError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters, reload]);

  const items = useMemo(() => data?.items ?? [], [data]);
  const [placeName, setPlaceName] = useState<string | null>(null);
  useEffect(() => {
    if (filters.place === '') return;
    api<Place>('GET', `/api/places/${encodeURIComponent(filters.place)}`)
      .then((p) => setPlaceName(p.name))
      .catch(() => setPlaceName(null));
  }, [filters.place]);
  const hazardName = useMemo(() => new Map(hazards.map((h) => [h.id, h.name])), [hazards]);
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, page: 0, ...patch }));
    setSelected(new Set());
    setCursor(0);
  };

  /** The signals a triage key acts on: the selection, or else the row under the cursor. */
  const targets = useCallback((): Signal[] => {
    if (selected.size > 0) return items.filter((s) => selected.has(s.id));
    const s = items[cursor];
    return s === undefined ? [] : [s];
  }, [items, selected, cursor]);

  const startTriage = useCallback((to: TriageState) => {
    setTriage(to);
    setTriageNote(null);
    setTriageError(null);
    setTimeout(() => reasonRef.current?.focus(), 0);
  }, []);

  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        setCursor((c) => Math.max(0, Math.min(items.length - 1, c + (e.key === 'j' ? 1 : -1))));
      } else if (e.key === 'x') {
        const s = items[cursor];
        if (s !== undefined) toggle(s.id);
      } else if (e.key === 'Enter' && e.target === document.body) {
        const s = items[cursor];
        if (s !== undefined) navigate(`/signals/${encodeURIComponent(s.id)}`);
      } else if (e.key === 'Escape') {
        setTriage(null);
      } else {
        const to = TRIAGE_KEYS[e.key];
        if (to !== undefined && targets().length > 0) {
          e.preventDefault();
          startTriage(to);
        }
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [items, cursor, targets, startTriage, toggle]);

  useEffect(() => {
    tableRef.current?.querySelector(`tr[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  async function applyTriage() {
    if (triage === null) return;
    if (reason.trim() === '') {
      setTriageError(null);
      setTriageNote({ key: 'reasonRequired' });
      return;
    }
    let ok = 0;
    let failed = 0;
    let lastError: unknown = null;
    for (const s of targets()) {
      if (!allowedTransitions(s.state).includes(triage)) {
        failed++;
        continue;
      }
      try {
        await api('POST', `/api/signals/${encodeURIComponent(s.id)}/transitions`, {
          version: s.version,
          to: triage,
          reason: reason.trim(),
        });
        ok++;
      } catch (err) {
        failed++;
        lastError = err;
      }
    }
    setTriageNote({ key: 'triageDone', ok, failed });
    setTriageError(lastError);
    setTriage(null);
    setReason('');
    setSelected(new Set());
    setReload((n) => n + 1);
  }

  const total = data?.total ?? 0;
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  const allSelected = items.length > 0 && items.every((s) => selected.has(s.id));

  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <h1 id="inbox-title">{t('inboxTitle')}</h1>
      <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filterState')}
          <select name="state" value={filters.state} onChange={(e) => update({ state: e.target.value })}>
            <option value="open">{t('filterOpen')}</option>
            <option value="all">{t('filterAll')}</option>
            {SIGNAL_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterSource')}
          <select name="source" value={filters.source} onChange={(e) => update({ source: e.target.value })}>
            <option value="">{t('filterAnySource')}</option>
            <option value="indicator">{t('source.indicator')}</option>
            <option value="event-based">{t('source.event-based')}</option>
          </select>
        </label>
        <label>
          {t('filterAssignee')}
          <select
            name="assignee"
            value={filters.assignee}
            onChange={(e) => update({ assignee: e.target.value })}
          >
            <option value="">{t('filterAnyone')}</option>
            <option value="me">{t('filterMe')}</option>
            <option value="none">{t('filterUnassigned')}</option>
          </select>
        </label>
        <label>
          {t('filterHazard')}
          <select name="hazard" value={filters.hazard} onChange={(e) => update({ hazard: e.target.value })}>
            <option value="">{t('filterAnyHazard')}</option>
            {hazards.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterPlace')}
          <select name="place" value={filters.place} onChange={(e) => update({ place: e.target.value })}>
            <option value="">{t('filterAnyPlace')}</option>
            {filters.place !== '' && !places.some((p) => p.id === filters.place) && (
              <option value={filters.place}>{placeName ?? filters.place}</option>
            )}
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterFrom')}
          <input
            name="from"
            type="date"
            value={filters.from}
            onChange={(e) => update({ from: e.target.value })}
          />
        </label>
        <label>
          {t('filterTo')}
          <input name="to" type="date" value={filters.to} onChange={(e) => update({ to: e.target.value })} />
        </label>
        <label>
          {t('filterText')}
          <input
            name="q"
            type="search"
            value={filters.text}
            onChange={(e) => update({ text: e.target.value })}
          />
        </label>
        <label>
          {t('sortBy')}
          <select
            name="sort"
            value={filters.sort}
            onChange={(e) => update({ sort: SIGNAL_SORTS.find((s) => s === e.target.value) ?? 'last-epoch' })}
          >
            {SIGNAL_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('direction')}
          <select
            name="direction"
            value={filters.direction}
            onChange={(e) => update({ direction: e.target.value === 'asc' ? 'asc' : 'desc' })}
          >
            <option value="desc">{t('descending')}</option>
            <option value="asc">{t('ascending')}</option>
          </select>
        </label>
      </form>

      <p className="muted shortcuts">{t('shortcuts')}</p>
      <div className="toolbar">
        <span data-testid="total" aria-live="polite">
          {data === null
            ? t('loading')
            : t(data.totalExact ? 'signalsCount' : 'signalsCountAtLeast', { total: number(total, 0) })}
        </span>
        {selected.size > 0 && <span>{t('selected', { n: number(selected.size, 0) })}</span>}
        {(['under-review', 'monitoring', 'discarded', 'verified'] as const).map((s) => (
          <button key={s} type="button" disabled={items.length === 0} onClick={() => startTriage(s)}>
            {t(`action.${s}`)}
          </button>
        ))}
      </div>

      {triage !== null && (
        <form
          className="triage-panel"
          onSubmit={(e) => {
            e.preventDefault();
            void applyTriage();
          }}
        >
          <label>
            {t('triageTo', { n: number(targets().length, 0), state: t(`state.${triage}`) })} — {t('reason')}
            <input
              ref={reasonRef}
              name="reason"
              value={reason}
              placeholder={t('reasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <button type="submit" className="primary">
            {t('apply')}
          </button>
          <button type="button" onClick={() => setTriage(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {triageNote !== null && (
        <p className="notice" role="status">
          {triageNote.key === 'triageDone'
            ? t('triageDone', { ok: number(triageNote.ok, 0), failed: number(triageNote.failed, 0) })
            : t(triageNote.key)}
        </p>
      )}
      <ErrorNotice error={triageError} />
      <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />

      <table className="signals" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('selectAll')}
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((s) => s.id)))}
              />
            </th>
            <th scope="col">{t('colTitle')}</th>
            <th scope="col">{t('colState')}</th>
            <th scope="col">{t('colPriority')}</th>
            <th scope="col">{t('colSource')}</th>
            <th scope="col">{t('colLastSeen')}</th>
            <th scope="col" className="num">
              {t('colObserved')}
            </th>
            <th scope="col" className="num">
              {t('colExpected')}
            </th>
          </tr>
        </thead>
        <tbody ref={tableRef}>
          {items.map((s, i) => {
            const ex = s.explanation;
            return (
              <tr
                key={s.id}
                data-index={i}
                aria-selected={selected.has(s.id)}
                className={[i === cursor ? 'cursor' : '', s.state === 'new' ? 'unread' : ''].join(' ')}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('selectRow', { title: s.title })}
                    checked={selected.has(s.id)}
                    onChange={() => toggle(s.id)}
                  />
                </td>
                <td>
                  <a
                    href={`/signals/${encodeURIComponent(s.id)}`}
                    onClick={followLink}
                    onFocus={() => setCursor(i)}
                  >
                    {s.title}
                  </a>
                  {s.hazardId !== null && hazardName.has(s.hazardId) && (
                    <span className="muted"> · {hazardName.get(s.hazardId)}</span>
                  )}
                </td>
                <td>
                  <span className={`state state-${s.state}`}>{t(`state.${s.state}`)}</span>
                </td>
                <td>{t(`priority.${s.priority}`)}</td>
                <td>{t(`source.${s.source}`)}</td>
                <td>{date(s.lastEpoch)}</td>
                <td className="num">
                  {ex.kind === 'indicator' && ex.observed !== null ? number(ex.observed, 0) : ''}
                </td>
                <td className="num">
                  {ex.kind === 'indicator' && ex.expected !== null ? number(ex.expected) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!loading && items.length === 0 && error === null && <p className="empty">{t('noSignals')}</p>}
      <nav className="pager" aria-label={t('pageOf', { page: filters.page + 1 })}>
        <button
          type="button"
          disabled={filters.page === 0}
          onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}
        >
          {t('previous')}
        </button>
        <span>{t('pageOf', { page: number(filters.page + 1, 0) })}</span>
        <button
          type="button"
          disabled={filters.page >= lastPage}
          onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}
        >
          {t('next')}
        </button>
      </nav>
    </section>
  );
}
