/**
 * The signal inbox query: filters, sort and paging (offset, or keyset with an opaque cursor), and the
 * page it returns. The service narrows `placePathPrefix` to the caller's jurisdiction.
 */
import { invalid } from './errors.ts';
import type { Signal, SignalSource, SignalState } from './signal.ts';

export const SIGNAL_SORTS = ['created', 'updated', 'priority', 'last-epoch'] as const;
export type SignalSort = (typeof SIGNAL_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** The sort key values of the last row of a page: the keyset to continue after. */
export interface SignalCursor {
  readonly sort: SignalSort;
  readonly direction: SortDirection;
  /** created/updated/last-epoch: that column; priority: the rank, then `createdAt`. */
  readonly keys: ReadonlyArray<string | number>;
  readonly id: string;
}

export type SignalPaging =
  | { readonly kind: 'offset'; readonly offset: number }
  | { readonly kind: 'cursor'; readonly after: SignalCursor | null };

export interface SignalListQuery {
  /** Only signals whose place path starts with this (the jurisdiction, narrowed by a place filter). */
  readonly placePathPrefix: string;
  readonly hazardIds?: ReadonlyArray<string>;
  readonly sources?: ReadonlyArray<SignalSource>;
  /** Absent: every state but `merged` (duplicates are seen through the signal they were merged into). */
  readonly states?: ReadonlyArray<SignalState>;
  /**
   * Signals whose last epoch (latest alarm or report) lies in [from, to] (`YYYY-MM-DD`, either end
   * open). Not "overlaps": an interval-overlap test cannot be answered from one index range, and a
   * signal is dated by when it was last seen.
   */
  readonly from?: string;
  readonly to?: string;
  /** A user id, or null for unassigned signals. */
  readonly assigneeId?: string | null;
  /** Case-insensitive substring of the title. */
  readonly text?: string;
  readonly sort: SignalSort;
  readonly direction: SortDirection;
  readonly limit: number;
  readonly paging: SignalPaging;
}

/** Totals are counted exactly up to this; beyond it `total` is this and `totalExact` false ("100,000+"). */
export const MAX_EXACT_TOTAL = 100_000;

export interface SignalPage {
  readonly items: ReadonlyArray<Signal>;
  /** How many signals match the filters (all pages), exactly up to MAX_EXACT_TOTAL. */
  readonly total: number;
  /** False when more than MAX_EXACT_TOTAL match: `total` is then a lower bound. */
  readonly totalExact: boolean;
  /** Opaque cursor for the next page (keyset paging), or null on the last page. */
  readonly nextCursor: string | null;
}

/** The keyset values of a signal for a sort. */
export function cursorOf(
  signal: Signal,
  sort: SignalSort,
  direction: SortDirection,
  rank: number,
): SignalCursor {
  switch (sort) {
    case 'created':
      return { sort, direction, keys: [signal.createdAt], id: signal.id };
    case 'updated':
      return { sort, direction, keys: [signal.updatedAt], id: signal.id };
    case 'last-epoch':
      return { sort, direction, keys: [signal.lastEpoch], id: signal.id };
    case 'priority':
      return { sort, direction, keys: [rank, signal.createdAt], id: signal.id };
  }
}

export function encodeCursor(c: SignalCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.direction, c.keys, c.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor made for the same sort and direction; throws VALIDATION (field `cursor`) otherwise. */
export function decodeCursor(text: string, sort: SignalSort, direction: SortDirection): SignalCursor {
  const bad = (message: string) => invalid([{ field: 'cursor', message }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('not a cursor returned by this list');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[3] !== 'string' ||
    !Array.isArray(parsed[2]) ||
    !parsed[2].every((k: unknown) => typeof k === 'string' || typeof k === 'number')
  ) {
    throw bad('not a cursor returned by this list');
  }
  if (parsed[0] !== sort || parsed[1] !== direction)
    throw bad(`the cursor was made for sort ${parsed[0]} ${parsed[1]}, not ${sort} ${direction}`);
  const keys = parsed[2] as ReadonlyArray<string | number>;
  if (keys.length !== (sort === 'priority' ? 2 : 1)) throw bad('not a cursor returned by this list');
  return { sort, direction, keys, id: parsed[3] };
}
