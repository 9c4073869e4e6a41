// biome-ignore-all lint/a11y/noRedundantRoles: explicit row/cell roles, as CSS display on table parts can drop the implicit ones
// biome-ignore-all lint/a11y/noNoninteractiveElementToInteractiveRole: the virtualised table is an ARIA grid (keyboard rows, multi-select)
// biome-ignore-all lint/a11y/useFocusableInteractive: cells are reached through the roving tab stop on the cursor row, not one by one
import { memo, type RefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Signal, SignalSort } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import type { SignalChunks } from './inbox-signal-chunks.ts';
import { type RowWindow, rowWindow, scrollTopFor } from './inbox-window.ts';
import { eventDetailsOf } from './reports-types.ts';
import { followLink } from './router.ts';

/** Every row is exactly this tall (px): the window arithmetic depends on it. */
export const ROW_HEIGHT = 36;
/** Rows rendered above and below the visible ones (at least; the window moves in blocks of half this). */
export const OVERSCAN = 8;
const COLUMNS = 8;
/** Chunks in view are asked for at most this often (ms) while scrolling. */
const FETCH_EVERY = 60;
/** The tallest the list's scroll box gets: what a 1366×768 screen leaves under the filters. */
const SCROLL_MAX = 'max(18rem, calc(100vh - 21rem))';
/** Rows of the loading skeleton shown before the first answer. */
const SKELETON_ROWS = 8;
const SKELETON_INDICES: ReadonlyArray<number> = Array.from({ length: SKELETON_ROWS }, (_, i) => i);
const CELL_INDICES: ReadonlyArray<number> = Array.from({ length: COLUMNS }, (_, i) => i);

export interface InboxListProps {
  readonly chunks: SignalChunks;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly cursor: number;
  readonly onCursor: (index: number) => void;
  readonly selected: ReadonlySet<string>;
  /** A click on a row's box; `range` when shift was held (select from the last clicked row). */
  readonly onToggle: (index: number, range: boolean) => void;
  readonly onToggleAll: () => void;
  readonly allSelected: boolean;
  readonly hazardName: ReadonlyMap<string, string>;
  /** Signals created after this instant get a "new" marker (null: first visit, no markers). */
  readonly lastVisit: string | null;
  readonly sort: SignalSort;
  readonly direction: 'asc' | 'desc';
  readonly onSort: (sort: SignalSort) => void;
}

/** The window of rows for the scroll container's current position. */
export function currentWindow(el: HTMLElement | null, total: number): RowWindow {
  return rowWindow(el?.scrollTop ?? 0, el?.clientHeight || 600, ROW_HEIGHT, total, OVERSCAN, OVERSCAN / 2);
}

/**
 * The inbox as a virtualised grid: one scroll container, a body as tall as all rows, and only the rows
 * in view (plus a few, plus the cursor's) rendered, each placed at index × ROW_HEIGHT. Rows whose chunk
 * has not arrived show a skeleton; chunks are asked for once the scroll position has rested for a moment.
 */
export function InboxList(props: InboxListProps) {
  const { t, date, number } = useI18n();
  const { chunks, scrollRef, cursor } = props;
  const total = chunks.total ?? 0;
  const [win, setWin] = useState<RowWindow>(() => currentWindow(null, total));

  // Re-window on scroll and resize, setting state only when the rendered range changes.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const update = () =>
      setWin((w) => {
        const next = currentWindow(el, total);
        return next.start === w.start && next.end === w.end ? w : next;
      });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [scrollRef, total]);

  // Ask for the chunks in view at most every FETCH_EVERY ms while scrolling (a fast fling does not fetch
  // every chunk it passes; a slow scroll still fills rows as it goes).
  const { want } = chunks;
  const latest = useRef(win);
  const wantRef = useRef(want);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = win;
    wantRef.current = want;
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      wantRef.current(latest.current);
    }, FETCH_EVERY);
  }, [win, want]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  // Keep the cursor's row in view, and keep focus on it when focus is in the list.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null || total === 0) return;
    const top = scrollTopFor(cursor, el.scrollTop, el.clientHeight - headerHeight(el), ROW_HEIGHT);
    if (top !== el.scrollTop) el.scrollTop = top;
    const body = el.querySelector('tbody');
    if (body?.contains(document.activeElement) === true) {
      const row = body.querySelector<HTMLElement>(`tr[data-index="${cursor}"]`);
      const target = row?.querySelector<HTMLElement>('a') ?? row;
      if (target !== document.activeElement) target?.focus({ preventScroll: true });
    }
  }, [cursor, scrollRef, total]);

  const indices = useMemo(() => {
    const out: number[] = [];
    const end = Math.min(win.end, total);
    for (let i = win.start; i < end; i++) out.push(i);
    if (cursor < total && (cursor < win.start || cursor >= end)) {
      out.push(cursor);
      out.sort((a, b) => a - b);
    }
    return out;
  }, [win, total, cursor]);

  const sortHeader = (sort: SignalSort, label: string, className?: string) => (
    <th
      scope="col"
      role="columnheader"
      className={className}
      aria-sort={props.sort === sort ? (props.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="inbox-sort" onClick={() => props.onSort(sort)}>
        {label}
        <span aria-hidden="true">{props.sort === sort ? (props.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  const firstLoad = chunks.total === null;
  return (
    <div
      ref={scrollRef}
      className="inbox-scroll"
      // as tall as the rows (plus the header row), at most the room the screen leaves
      style={{
        height: `min(${((firstLoad ? SKELETON_ROWS : total) + 1) * ROW_HEIGHT + 2}px, ${SCROLL_MAX})`,
      }}
    >
      <table
        className="signals inbox-grid"
        role="grid"
        aria-labelledby="inbox-title"
        aria-multiselectable="true"
        aria-rowcount={firstLoad ? -1 : total + 1}
        aria-colcount={COLUMNS}
        // busy while a new list is on its way; chunks loaded while scrolling show skeleton rows instead
        // (dimming the whole list on each chunk would flicker)
        aria-busy={firstLoad || chunks.stale}
      >
        <thead role="rowgroup">
          <tr role="row" aria-rowindex={1} style={{ height: ROW_HEIGHT }}>
            <th scope="col" role="columnheader">
              <input
                type="checkbox"
                aria-label={t('inboxSelectLoaded')}
                checked={props.allSelected}
                disabled={total === 0}
                onChange={props.onToggleAll}
              />
            </th>
            <th scope="col" role="columnheader">
              {t('colTitle')}
            </th>
            <th scope="col" role="columnheader">
              {t('colState')}
            </th>
            {sortHeader('priority', t('colPriority'))}
            <th scope="col" role="columnheader">
              {t('colSource')}
            </th>
            {sortHeader('last-epoch', t('colLastSeen'))}
            <th scope="col" role="columnheader" className="num">
              {t('colObserved')}
            </th>
            <th scope="col" role="columnheader" className="num">
              {t('colExpected')}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" style={{ height: (firstLoad ? SKELETON_ROWS : total) * ROW_HEIGHT }}>
          {firstLoad
            ? SKELETON_INDICES.map((i) => <SkeletonRow key={`skeleton-${i}`} index={i} />)
            : indices.map((i) => {
                // Keyed by signal, so a focused row keeps its element (and focus) while it is rendered.
                const s = chunks.row(i);
                if (s === undefined) return <SkeletonRow key={`pending-${i}`} index={i} />;
                return (
                  <SignalRow
                    key={s.id}
                    index={i}
                    signal={s}
                    cursor={i === cursor}
                    selected={props.selected.has(s.id)}
                    isNew={props.lastVisit !== null && s.createdAt > props.lastVisit}
                    hazard={s.hazardId === null ? undefined : props.hazardName.get(s.hazardId)}
                    onCursor={props.onCursor}
                    onToggle={props.onToggle}
                    t={t}
                    date={date}
                    number={number}
                  />
                );
              })}
        </tbody>
      </table>
    </div>
  );
}

function headerHeight(el: HTMLElement): number {
  return el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
}

const place = (index: number) => ({ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT });

const SkeletonRow = memo(function SkeletonRow(props: { readonly index: number }) {
  return (
    <tr
      role="row"
      aria-rowindex={props.index + 2}
      data-index={props.index}
      className="inbox-skeleton"
      style={place(props.index)}
      tabIndex={-1}
    >
      {CELL_INDICES.map((c) => (
        <td key={c} role="gridcell">
          <span className="inbox-bar" />
        </td>
      ))}
    </tr>
  );
});

type I18nFns = Pick<ReturnType<typeof useI18n>, 't' | 'date' | 'number'>;

/** One signal's row; memoised, so scrolling renders only the rows that come into view. */
const SignalRow = memo(function SignalRow(
  props: I18nFns & {
    readonly index: number;
    readonly signal: Signal;
    readonly cursor: boolean;
    readonly selected: boolean;
    readonly isNew: boolean;
    readonly hazard: string | undefined;
    readonly onCursor: (index: number) => void;
    readonly onToggle: (index: number, range: boolean) => void;
  },
) {
  const { t, date, number, signal: s, index: i } = props;
  const ex = s.explanation;
  const unread = s.state === 'new';
  return (
    <tr
      role="row"
      aria-rowindex={i + 2}
      data-index={i}
      aria-selected={props.selected}
      className={[props.cursor ? 'cursor' : '', unread ? 'unread' : ''].join(' ')}
      style={place(i)}
    >
      <td role="gridcell">
        <input
          type="checkbox"
          aria-label={t('selectRow', { title: s.title })}
          checked={props.selected}
          tabIndex={props.cursor ? 0 : -1}
          onClick={(e) => props.onToggle(i, e.shiftKey)}
          onChange={() => {}}
        />
      </td>
      <td role="gridcell" className="inbox-title-cell">
        {unread && (
          <span className="inbox-dot" title={t('inboxUnread')}>
            <span className="visually-hidden">{t('inboxUnread')}</span>
          </span>
        )}
        <a
          href={`/signals/${encodeURIComponent(s.id)}`}
          onClick={followLink}
          onFocus={() => props.onCursor(i)}
          tabIndex={props.cursor ? 0 : -1}
          title={s.title}
        >
          {s.title}
        </a>
        {props.hazard !== undefined && <span className="muted"> · {props.hazard}</span>}
        {props.isNew && <span className="badge inbox-new">{t('inboxNewBadge')}</span>}
        {(eventDetailsOf(ex)?.flags.length ?? 0) > 0 && (
          <span className="badge black-swan-badge">{t('blackSwan.title')}</span>
        )}
      </td>
      <td role="gridcell">
        <span className={`state state-${s.state}`}>{t(`state.${s.state}`)}</span>
      </td>
      <td role="gridcell">{t(`priority.${s.priority}`)}</td>
      <td role="gridcell">{t(`source.${s.source}`)}</td>
      <td role="gridcell">{date(s.lastEpoch)}</td>
      <td role="gridcell" className="num">
        {ex.kind === 'indicator' && ex.observed !== null ? number(ex.observed, 0) : ''}
      </td>
      <td role="gridcell" className="num">
        {ex.kind === 'indicator' && ex.expected !== null ? number(ex.expected) : ''}
      </td>
    </tr>
  );
});
