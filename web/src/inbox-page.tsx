import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api, query } from './api.ts';
import {
  type ActorView,
  allowedTransitions,
  type Named,
  type Page,
  type Place,
  SIGNAL_STATES,
  type Signal,
  type SignalSort,
  type TriageState,
} from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { DEFAULT_FILTERS, type Filters, InboxFilters } from './inbox-filters.tsx';
import { currentWindow, InboxList } from './inbox-list.tsx';
import { useSignalChunks } from './inbox-signal-chunks.ts';
import { navigate } from './router.ts';
import './inbox.css';

const FILTERS_KEY = 'tocsin.inbox.filters';
const LAST_VISIT_KEY = 'tocsin.inbox.lastVisit';

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
  return place === null ? saved : { ...saved, place };
}

/** When the inbox was last opened (signals created since then get a "new" marker); records this visit. */
function takeLastVisit(): string | null {
  try {
    const previous = localStorage.getItem(LAST_VISIT_KEY);
    localStorage.setItem(LAST_VISIT_KEY, new Date().toISOString());
    return previous;
  } catch {
    return null;
  }
}

function stateParam(state: string): string | undefined {
  if (state === 'open') return undefined;
  if (state === 'all') return SIGNAL_STATES.join(',');
  return state;
}

/** Keys typed into a field are text, not shortcuts (a check box is not a text field). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return target.type !== 'checkbox' && target.type !== 'radio';
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export function InboxPage(props: { readonly actor: ActorView }) {
  const { t, number } = useI18n();
  const [filters, setFilters] = useState<Filters>(savedFilters);
  const [lastVisit] = useState(takeLastVisit);
  const [cursor, setCursor] = useState(0);
  const [anchor, setAnchor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [triage, setTriage] = useState<TriageState | null>(null);
  const [reason, setReason] = useState('');
  const [triageNote, setTriageNote] = useState<TriageNote | null>(null);
  const [triageError, setTriageError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [hazards, setHazards] = useState<ReadonlyArray<Named>>([]);
  const [places, setPlaces] = useState<ReadonlyArray<Place>>([]);
  const reasonRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

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

  const baseQuery = useMemo(
    () =>
      query({
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
      }),
    [filters],
  );
  const chunks = useSignalChunks(baseQuery, reload, () =>
    currentWindow(scrollRef.current, Number.MAX_SAFE_INTEGER),
  );
  const total = chunks.total ?? 0;
  const { row } = chunks;

  useEffect(() => {
    if (chunks.total !== null) setCursor((c) => Math.min(c, Math.max(0, chunks.total ?? 0) - 1));
  }, [chunks.total]);

  const [placeName, setPlaceName] = useState<string | null>(null);
  useEffect(() => {
    if (filters.place === '') return;
    api<Place>('GET', `/api/places/${encodeURIComponent(filters.place)}`)
      .then((p) => setPlaceName(p.name))
      .catch(() => setPlaceName(null));
  }, [filters.place]);
  const hazardName = useMemo(() => new Map(hazards.map((h) => [h.id, h.name])), [hazards]);
  const update = useCallback((patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected(new Set());
    setCursor(0);
    setAnchor(0);
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
  }, []);
  const sortBy = (sort: SignalSort) =>
    update(
      filters.sort === sort
        ? { direction: filters.direction === 'asc' ? 'desc' : 'asc' }
        : { sort, direction: 'desc' },
    );

  /** The signals a triage key acts on: the selection, or else the row under the cursor. */
  const targets = useCallback((): Signal[] => {
    if (selected.size > 0) return chunks.loaded().filter((s) => selected.has(s.id));
    const s = row(cursor);
    return s === undefined ? [] : [s];
  }, [chunks, row, selected, cursor]);

  const startTriage = useCallback((to: TriageState) => {
    setTriage(to);
    setTriageNote(null);
    setTriageError(null);
  }, []);
  // The reason field takes the focus as it appears, in the same commit: with a timer, keys typed
  // meanwhile would reach the inbox's shortcuts (the "d" of "districts" would pick "discarded").
  useLayoutEffect(() => {
    if (triage !== null) reasonRef.current?.focus();
  }, [triage]);

  /** Toggles one row, or with `range` sets every loaded row from the anchor to it like the anchor's new state. */
  const toggle = useCallback(
    (index: number, range: boolean) => {
      const s = row(index);
      if (s === undefined) return;
      setSelected((prev) => {
        const next = new Set(prev);
        if (range) {
          const on = !prev.has(s.id);
          for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
            const r = row(i);
            if (r === undefined) continue;
            if (on) next.add(r.id);
            else next.delete(r.id);
          }
        } else if (next.has(s.id)) next.delete(s.id);
        else next.add(s.id);
        return next;
      });
      if (!range) setAnchor(index);
      setCursor(index);
    },
    [row, anchor],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      const inList = e.target instanceof Node && scrollRef.current?.contains(e.target) === true;
      const last = Math.max(0, total - 1);
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 360) / 36) - 1);
      const move = (to: number) => {
        e.preventDefault();
        setCursor(Math.max(0, Math.min(last, to)));
      };
      if (e.key === 'j' || (inList && e.key === 'ArrowDown')) move(cursor + 1);
      else if (e.key === 'k' || (inList && e.key === 'ArrowUp')) move(cursor - 1);
      else if (inList && e.key === 'PageDown') move(cursor + page);
      else if (inList && e.key === 'PageUp') move(cursor - page);
      else if (inList && e.key === 'Home') move(0);
      else if (inList && e.key === 'End') move(last);
      else if (e.key === 'x' || e.key === 'X') {
        e.preventDefault();
        toggle(cursor, e.key === 'X');
      } else if (e.key === 'Enter' && e.target === document.body) {
        const s = row(cursor);
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
  }, [row, total, cursor, targets, startTriage, toggle]);

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

  const loadedCount = chunks.loaded().length;
  const allSelected = selected.size > 0 && selected.size === loadedCount;
  const filtered =
    JSON.stringify({ ...filters, sort: '', direction: '' }) !==
    JSON.stringify({ ...DEFAULT_FILTERS, sort: '', direction: '' });

  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <h1 id="inbox-title">{t('inboxTitle')}</h1>
      <InboxFilters
        filters={filters}
        hazards={hazards}
        places={places}
        placeName={placeName}
        onChange={update}
      />

      <p className="muted shortcuts">{t('inboxShortcuts')}</p>
      <div className="toolbar">
        <span data-testid="total" aria-live="polite">
          {chunks.total === null
            ? t('loading')
            : t(chunks.totalExact ? 'signalsCount' : 'signalsCountAtLeast', { total: number(total, 0) })}
        </span>
        {selected.size > 0 && <span>{t('selected', { n: number(selected.size, 0) })}</span>}
        {(['under-review', 'monitoring', 'discarded', 'verified'] as const).map((s) => (
          <button key={s} type="button" disabled={total === 0} onClick={() => startTriage(s)}>
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
      <ErrorNotice error={chunks.error} onRetry={() => setReload((n) => n + 1)} />

      {chunks.total === null && chunks.error === null && (
        <p className="visually-hidden" role="status">
          {t('inboxLoadingSignals')}
        </p>
      )}
      {chunks.total === 0 && !chunks.stale ? (
        <div className="empty inbox-empty" data-testid="inbox-empty">
          <p>{filtered ? t('noSignals') : t('inboxNothingOpen')}</p>
          {filtered && (
            <button type="button" onClick={() => update(DEFAULT_FILTERS)}>
              {t('inboxClearFilters')}
            </button>
          )}
        </div>
      ) : (
        <InboxList
          chunks={chunks}
          scrollRef={scrollRef}
          cursor={cursor}
          onCursor={setCursor}
          selected={selected}
          onToggle={toggle}
          allSelected={allSelected}
          onToggleAll={() => setSelected(allSelected ? new Set() : new Set(chunks.loaded().map((s) => s.id)))}
          hazardName={hazardName}
          lastVisit={lastVisit}
          sort={filters.sort}
          direction={filters.direction}
          onSort={sortBy}
        />
      )}
    </section>
  );
}
