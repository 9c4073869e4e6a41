import { type Expression, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { conflict } from '../domain/errors.ts';
import {
  OPEN_SIGNAL_STATES,
  type Signal,
  type SignalAlarm,
  type SignalChanges,
  type SignalComment,
  type SignalLink,
  type SignalLinkKind,
  type SignalRepository,
  type SignalSource,
  type SignalState,
  type SignalTransition,
} from '../domain/signal.ts';
import type { SignalExplanation } from '../domain/signal-explanation.ts';
import { priorityRank, type SignalPriority } from '../domain/signal-priority.ts';
import {
  cursorOf,
  encodeCursor,
  MAX_EXACT_TOTAL,
  type SignalListQuery,
  type SignalPage,
} from '../domain/signal-query.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema, SignalTable } from './schema.ts';
import { throwVersionConflict } from './version-conflict.ts';

/**
 * The priority rank of a row, and the condition "the signal is open". Keep both identical to the
 * expressions of migration 0003 (`signals_state_priority`, the `signals_open_*` partial indexes):
 * the planners use an expression or partial index only when the query's terms match it.
 */
const PRIORITY_RANK_SQL = sql<number>`(case priority when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end)`;
export const OPEN_STATES_SQL = sql<SqlBool>`(case when state in ('new', 'under-review', 'monitoring') then 1 else 0 end) = 1`;

/** Batch size for multi-row inserts (SQLite allows 32,766 bound values per statement). */
const BATCH = 500;

function signalFromRow(r: Selectable<SignalTable>): Signal {
  return {
    id: r.id,
    source: r.source as SignalSource,
    state: r.state as SignalState,
    title: r.title,
    hazardId: r.hazardId,
    placeId: r.placeId,
    placePath: r.placePath,
    seriesId: r.seriesId,
    configId: r.configId,
    // Rows written outside Tocsin may lack a period; they then count from their creation date.
    firstEpoch: r.firstEpoch ?? r.createdAt.slice(0, 10),
    lastEpoch: r.lastEpoch ?? r.createdAt.slice(0, 10),
    explanation: JSON.parse(r.explanation) as SignalExplanation,
    priority: r.priority as SignalPriority,
    assigneeId: r.assigneeId,
    mergedIntoId: r.mergedIntoId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

function rowFromSignal(s: Signal): Selectable<SignalTable> {
  return { ...s, explanation: JSON.stringify(s.explanation) };
}

/** `%text%` for LIKE with `\` as the escape character, so `%` and `_` in the text match themselves. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Signals of the inbox, their alarms, transitions, comments and links, on either dialect. */
export function signalRepository(
  db: Kysely<Schema>,
  options: { readonly maxExactTotal?: number } = {},
): SignalRepository {
  const cap = options.maxExactTotal ?? MAX_EXACT_TOTAL;
  async function get(id: string): Promise<Signal | undefined> {
    const r = await db.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : signalFromRow(r);
  }

  /** The ids merged into `id`, directly or through a chain of merges. */
  async function mergedInto(id: string): Promise<string[]> {
    const out: string[] = [];
    let frontier = [id];
    const seen = new Set(frontier);
    while (frontier.length > 0) {
      const rows = await db
        .selectFrom('signals')
        .select('id')
        .where('mergedIntoId', 'in', frontier)
        .execute();
      frontier = rows.map((r) => r.id).filter((x) => !seen.has(x));
      for (const x of frontier) {
        seen.add(x);
        out.push(x);
      }
    }
    return out;
  }

  /** Whether `states` is exactly the open states (then the open-signal partial indexes apply). */
  const isOpenSet = (states: ReadonlyArray<SignalState>): boolean =>
    states.length === OPEN_SIGNAL_STATES.length && OPEN_SIGNAL_STATES.every((s) => states.includes(s));

  async function list(q: SignalListQuery): Promise<SignalPage> {
    let base = db.selectFrom('signals');
    // Every path starts with '/', so the root jurisdiction needs no condition (which keeps the planner
    // free to walk the sort index).
    if (q.placePathPrefix !== '/' && q.placePathPrefix !== '') {
      const [lo, hi] = pathPrefixRange(q.placePathPrefix);
      base = base.where('placePath', '>=', lo).where('placePath', '<', hi);
    }
    if (q.hazardIds !== undefined && q.hazardIds.length > 0)
      base = base.where('hazardId', 'in', [...q.hazardIds]);
    if (q.sources !== undefined && q.sources.length > 0) base = base.where('source', 'in', [...q.sources]);
    if (q.states === undefined) base = base.where('state', '<>', 'merged');
    else if (isOpenSet(q.states)) base = base.where(OPEN_STATES_SQL);
    else if (q.states.length === 1) base = base.where('state', '=', q.states[0]);
    else if (q.states.length > 0) base = base.where('state', 'in', [...q.states]);
    if (q.from !== undefined) base = base.where('lastEpoch', '>=', q.from);
    if (q.to !== undefined) base = base.where('lastEpoch', '<=', q.to);
    if (q.assigneeId === null) base = base.where('assigneeId', 'is', null);
    else if (q.assigneeId !== undefined) base = base.where('assigneeId', '=', q.assigneeId);
    if (q.text !== undefined && q.text.trim() !== '') {
      const pattern = containsPattern(q.text.trim());
      base = base.where(sql<SqlBool>`lower(${sql.ref('title')}) like ${pattern} escape '\\'`);
    }

    // Counted up to a cap: past it the total is a lower bound (reading a million index entries for
    // "780,000 discarded signals" would cost more than the page itself).
    const totalRow = await db
      .selectFrom(
        base
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('matching'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const counted = Number(totalRow.n);

    // The page in two steps: the ids in order (from an index, or a sort of narrow rows), then those rows.
    const desc = q.direction === 'desc';
    const cmp = sql.raw(desc ? '<' : '>');
    let filtered = base;
    if (q.paging.kind === 'cursor' && q.paging.after !== null) {
      const { keys, id } = q.paging.after;
      let cond: Expression<SqlBool>;
      switch (q.sort) {
        case 'created':
          cond = sql<SqlBool>`(${sql.ref('createdAt')}, ${sql.ref('id')}) ${cmp} (${keys[0]}, ${id})`;
          break;
        case 'updated':
          cond = sql<SqlBool>`(${sql.ref('updatedAt')}, ${sql.ref('id')}) ${cmp} (${keys[0]}, ${id})`;
          break;
        case 'last-epoch':
          cond = sql<SqlBool>`(${sql.ref('lastEpoch')}, ${sql.ref('id')}) ${cmp} (${keys[0]}, ${id})`;
          break;
        case 'priority':
          cond = sql<SqlBool>`(${PRIORITY_RANK_SQL}, ${sql.ref('createdAt')}, ${sql.ref('id')}) ${cmp} (${keys[0]}, ${keys[1]}, ${id})`;
          break;
      }
      filtered = filtered.where(cond);
    }
    const dir = desc ? 'desc' : 'asc';
    const sortKeys: ReadonlyArray<Expression<unknown>> = {
      created: [sql.ref('createdAt')],
      updated: [sql.ref('updatedAt')],
      'last-epoch': [sql.ref('lastEpoch')],
      priority: [PRIORITY_RANK_SQL, sql.ref('createdAt')],
    }[q.sort];
    const offset = q.paging.kind === 'offset' ? q.paging.offset : 0;
    let rows: ReadonlyArray<{ id: string }>;
    if (q.from !== undefined || q.to !== undefined) {
      // A date range selects a bounded set that is correlated with every sort key: PostgreSQL would walk
      // a sort index and filter, expecting matches early, and read most of the table for an old range.
      // The subquery's LIMIT (of no consequence) keeps both planners from merging it into the outer
      // query, so the range is read from its index first and only the matches are sorted.
      const matches = filtered
        .select(['id', 'createdAt', 'updatedAt', 'lastEpoch', 'priority'])
        .limit(2_000_000_000)
        .as('matches');
      let page = db.selectFrom(matches).select('id');
      for (const k of sortKeys) page = page.orderBy(k, dir);
      rows = await page
        .orderBy('id', dir)
        .limit(q.limit + 1)
        .offset(offset)
        .execute();
    } else {
      let page = filtered.select('id');
      for (const k of sortKeys) page = page.orderBy(k, dir);
      page = page.orderBy('id', dir).limit(q.limit + 1);
      rows = await (offset > 0 ? page.offset(offset) : page).execute();
    }
    const ids = rows.map((r) => r.id);
    const shown = ids.slice(0, q.limit);
    const byId = new Map(
      shown.length === 0
        ? []
        : (await db.selectFrom('signals').selectAll().where('id', 'in', shown).execute()).map((r) => [
            r.id,
            r,
          ]),
    );
    const items = shown.flatMap((id) => {
      const r = byId.get(id);
      return r === undefined ? [] : [signalFromRow(r)];
    });
    const last = items.at(-1);
    return {
      items,
      total: Math.min(counted, cap),
      totalExact: counted <= cap,
      nextCursor:
        ids.length > q.limit && last !== undefined
          ? encodeCursor(cursorOf(last, q.sort, q.direction, priorityRank(last.priority)))
          : null,
    };
  }

  return {
    get,
    list,
    async details(id) {
      const signal = await get(id);
      if (signal === undefined) return undefined;
      const mergedIds = await mergedInto(id);
      const ids = [id, ...mergedIds];
      const [alarms, transitions, comments, links] = await Promise.all([
        db
          .selectFrom('signalAlarms')
          .selectAll()
          .where('signalId', 'in', ids)
          .orderBy('epoch')
          .orderBy('signalId')
          .execute(),
        db
          .selectFrom('signalTransitions')
          .selectAll()
          .where('signalId', '=', id)
          .orderBy('at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('signalComments')
          .selectAll()
          .where('signalId', 'in', ids)
          .orderBy('at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('signalLinks')
          .selectAll()
          .where((eb) => eb.or([eb('signalId', '=', id), eb('otherSignalId', '=', id)]))
          .orderBy('at')
          .execute(),
      ]);
      return {
        signal,
        alarms,
        transitions: transitions.map((t) => ({
          ...t,
          fromState: t.fromState as SignalState | null,
          toState: t.toState as SignalState,
        })),
        comments,
        links: links.map((l) => ({ ...l, kind: l.kind as SignalLinkKind })),
        mergedIds,
      };
    },
    async insert(signal) {
      await db.insertInto('signals').values(rowFromSignal(signal)).execute();
    },
    async update(id, expectedVersion, changes: SignalChanges, at) {
      const { explanation, ...rest } = changes;
      const r = await db
        .updateTable('signals')
        .set({
          ...rest,
          ...(explanation === undefined ? {} : { explanation: JSON.stringify(explanation) }),
          updatedAt: at,
          version: expectedVersion + 1,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        await throwVersionConflict(db, 'signals', 'signal', id, expectedVersion);
      }
      const stored = await get(id);
      if (stored === undefined) throw conflict('signal', id, expectedVersion, undefined);
      return stored;
    },
    async addAlarms(alarms: ReadonlyArray<SignalAlarm>) {
      for (let i = 0; i < alarms.length; i += BATCH) {
        await db
          .insertInto('signalAlarms')
          .values(alarms.slice(i, i + BATCH).map((a) => ({ ...a })))
          .execute();
      }
    },
    async addTransition(t: SignalTransition) {
      await db
        .insertInto('signalTransitions')
        .values({ ...t })
        .execute();
    },
    async addComment(c: SignalComment) {
      await db
        .insertInto('signalComments')
        .values({ ...c })
        .execute();
    },
    async addLink(l: SignalLink) {
      const existing = await db
        .selectFrom('signalLinks')
        .select('signalId')
        .where((eb) =>
          eb.or([
            eb.and([eb('signalId', '=', l.signalId), eb('otherSignalId', '=', l.otherSignalId)]),
            eb.and([eb('signalId', '=', l.otherSignalId), eb('otherSignalId', '=', l.signalId)]),
          ]),
        )
        .executeTakeFirst();
      if (existing !== undefined) return false;
      await db
        .insertInto('signalLinks')
        .values({ ...l })
        .execute();
      return true;
    },
    async removeLink(signalId, otherSignalId) {
      const r = await db
        .deleteFrom('signalLinks')
        .where((eb) =>
          eb.or([
            eb.and([eb('signalId', '=', signalId), eb('otherSignalId', '=', otherSignalId)]),
            eb.and([eb('signalId', '=', otherSignalId), eb('otherSignalId', '=', signalId)]),
          ]),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async placePath(placeId) {
      const r = await db.selectFrom('places').select('path').where('id', '=', placeId).executeTakeFirst();
      return r?.path;
    },
    async assignee(userId) {
      const r = await db
        .selectFrom('users')
        .innerJoin('places', 'places.id', 'users.jurisdictionPlaceId')
        .select(['users.id', 'users.role', 'users.active', 'places.path'])
        .where('users.id', '=', userId)
        .executeTakeFirst();
      return r === undefined
        ? undefined
        : { id: r.id, role: r.role, active: r.active === 1, jurisdictionPath: r.path };
    },
    async seriesSignalState(seriesId, configId, fromEpoch) {
      const [recorded, open] = await Promise.all([
        db
          .selectFrom('signalAlarms')
          .innerJoin('signals', 'signals.id', 'signalAlarms.signalId')
          .select(['signalAlarms.epoch', 'signalAlarms.signalId', 'signals.state'])
          .where('signals.seriesId', '=', seriesId)
          .where('signals.configId', '=', configId)
          .where('signalAlarms.epoch', '>=', fromEpoch)
          .execute(),
        db
          .selectFrom('signals')
          .selectAll()
          .where('seriesId', '=', seriesId)
          .where('configId', '=', configId)
          .where('state', 'in', [...OPEN_SIGNAL_STATES])
          .execute(),
      ]);
      return {
        recorded: recorded.map((r) => ({
          epoch: r.epoch,
          signalId: r.signalId,
          state: r.state as SignalState,
        })),
        open: open.map(signalFromRow),
      };
    },
  };
}
