/**
 * The signal inbox (permission signal:read, always narrowed to the caller's jurisdiction): a filtered,
 * sorted, paged list of signals of both sources alike, and one signal with its alarms, transitions,
 * comments and links.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditEntry, AuditReader } from '../domain/audit-entry.ts';
import { type FieldProblem, invalid, notFound } from '../domain/errors.ts';
import type { Transactor } from '../domain/ports.ts';
import {
  isSignalSource,
  isSignalState,
  OPEN_SIGNAL_STATES,
  type SignalDetails,
  type SignalRepository,
  type SignalSource,
  type SignalState,
} from '../domain/signal.ts';
import {
  decodeCursor,
  SIGNAL_SORTS,
  type SignalPage,
  type SignalPaging,
  type SignalSort,
  type SortDirection,
} from '../domain/signal-query.ts';

export interface InboxStore {
  readonly signals: SignalRepository;
  readonly audit: AuditReader;
}

/** How many audit entries a signal's history shows at most (the newest). */
const HISTORY_LIMIT = 500;

/** The inbox filters as a client sends them. */
export interface InboxFilters {
  readonly hazardIds?: ReadonlyArray<string>;
  /** A place: only signals in its subtree. */
  readonly placeId?: string;
  readonly sources?: ReadonlyArray<string>;
  /** Absent: the open states (new, under-review, monitoring) — the inbox proper. */
  readonly states?: ReadonlyArray<string>;
  /** `YYYY-MM-DD`: signals whose last epoch lies in [from, to]. */
  readonly from?: string;
  readonly to?: string;
  /** A user id, `me`, or `none` (unassigned). */
  readonly assignee?: string;
  readonly text?: string;
  readonly sort?: string;
  readonly direction?: string;
  readonly limit?: number;
  /** Keyset paging: the `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Offset paging (not together with `cursor`). */
  readonly offset?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const EMPTY_PAGE: SignalPage = Object.freeze({ items: [], total: 0, totalExact: true, nextCursor: null });

export function createSignalInbox(deps: { readonly tx: Transactor<InboxStore> }) {
  const { tx } = deps;
  return {
    async list(actor: Actor, f: InboxFilters): Promise<SignalPage> {
      requirePermission(actor, 'signal:read');
      const problems: FieldProblem[] = [];
      const states = f.states ?? OPEN_SIGNAL_STATES;
      if (!states.every(isSignalState))
        problems.push({
          field: 'state',
          message: 'use new, under-review, monitoring, discarded, verified or merged',
        });
      const sources = f.sources ?? [];
      if (!sources.every(isSignalSource))
        problems.push({ field: 'source', message: 'use indicator or event-based' });
      const sort = (f.sort ?? 'created') as SignalSort;
      if (!SIGNAL_SORTS.includes(sort))
        problems.push({ field: 'sort', message: `use ${SIGNAL_SORTS.join(', ')}` });
      const direction = (f.direction ?? 'desc') as SortDirection;
      if (direction !== 'asc' && direction !== 'desc')
        problems.push({ field: 'direction', message: 'use asc or desc' });
      const limit = f.limit ?? DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
        problems.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
      for (const key of ['from', 'to'] as const) {
        const v = f[key];
        if (v !== undefined && !DATE.test(v))
          problems.push({ field: key, message: 'must be a date YYYY-MM-DD' });
      }
      if (f.cursor !== undefined && f.offset !== undefined)
        problems.push({ field: 'cursor', message: 'use either cursor or offset paging, not both' });
      if (f.offset !== undefined && (!Number.isInteger(f.offset) || f.offset < 0))
        problems.push({ field: 'offset', message: 'must be an integer ≥ 0' });
      if (problems.length > 0) throw invalid(problems);
      const paging: SignalPaging =
        f.offset !== undefined
          ? { kind: 'offset', offset: f.offset }
          : {
              kind: 'cursor',
              after: f.cursor === undefined ? null : decodeCursor(f.cursor, sort, direction),
            };
      const assigneeId =
        f.assignee === undefined
          ? undefined
          : f.assignee === 'none'
            ? null
            : f.assignee === 'me'
              ? actor.userId
              : f.assignee;

      return tx.transaction(async ({ signals }) => {
        let prefix = actor.jurisdictionPath;
        if (f.placeId !== undefined) {
          const path = await signals.placePath(f.placeId);
          if (path === undefined) throw invalid([{ field: 'placeId', message: `no place ${f.placeId}` }]);
          if (path.startsWith(prefix)) prefix = path;
          else if (!prefix.startsWith(path)) return EMPTY_PAGE;
        }
        return signals.list({
          placePathPrefix: prefix,
          hazardIds: f.hazardIds,
          sources: sources as ReadonlyArray<SignalSource>,
          states: states as ReadonlyArray<SignalState>,
          from: f.from,
          to: f.to,
          assigneeId,
          text: f.text,
          sort,
          direction,
          limit,
          paging,
        });
      });
    },

    /** One signal with its alarms, transitions, comments and links (those of its duplicates included). */
    async get(actor: Actor, id: string): Promise<SignalDetails> {
      requirePermission(actor, 'signal:read');
      return tx.transaction(async ({ signals }) => {
        const details = await signals.details(id);
        if (details === undefined) throw notFound('signal', id);
        requireJurisdiction(actor, details.signal.placePath, `signal ${id}`);
        return details;
      });
    },

    /**
     * Everything done to one signal, oldest first, from the audit log: transitions, assignments,
     * comments, links made and removed, merges, priority changes and detection updates.
     */
    async history(actor: Actor, id: string): Promise<ReadonlyArray<AuditEntry>> {
      requirePermission(actor, 'signal:read');
      return tx.transaction(async ({ signals, audit }) => {
        const signal = await signals.get(id);
        if (signal === undefined) throw notFound('signal', id);
        requireJurisdiction(actor, signal.placePath, `signal ${id}`);
        return audit.forObject('signal', id, HISTORY_LIMIT);
      });
    },
  };
}

export type SignalInbox = ReturnType<typeof createSignalInbox>;
