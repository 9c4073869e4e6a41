import type { Kysely } from 'kysely';
import type { ResponseFacts, SignalFacts } from '../domain/response-facts.ts';
import type { Schema } from './schema.ts';

/**
 * Read-only facts about signals, hazards, places, users and departments for the assessment and
 * response services (those tables are written by other parts of Tocsin).
 */
export function responseFactsRepository(db: Kysely<Schema>): ResponseFacts {
  const verifiedAt = (signalIds: ReadonlyArray<string>) =>
    db
      .selectFrom('signalTransitions')
      .select(['signalId', (eb) => eb.fn.max('at').as('at')])
      .where('signalId', 'in', [...signalIds])
      .where('toState', '=', 'verified')
      .groupBy('signalId')
      .execute();

  async function withVerifiedAt(
    rows: ReadonlyArray<Omit<SignalFacts, 'verifiedAt'> & { readonly updatedAt: string }>,
  ): Promise<SignalFacts[]> {
    if (rows.length === 0) return [];
    const at = new Map((await verifiedAt(rows.map((r) => r.id))).map((r) => [r.signalId, r.at]));
    return rows.map(({ updatedAt, ...r }) => ({
      ...r,
      // A verified signal without a recorded transition (imported as verified) counts from its last update.
      verifiedAt: at.get(r.id) ?? (r.state === 'verified' ? updatedAt : null),
    }));
  }

  const signalColumns = [
    'id',
    'state',
    'title',
    'hazardId',
    'placeId',
    'placePath',
    'mergedIntoId',
    'updatedAt',
  ] as const;

  return {
    async signals(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('signals')
        .select([...signalColumns])
        .where('id', 'in', [...ids])
        .execute();
      return withVerifiedAt(rows);
    },
    async hazard(id) {
      return db
        .selectFrom('hazards')
        .select(['id', 'name', 'ihrCategory', 'nationalClass'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async place(id) {
      return db.selectFrom('places').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
    },
    async user(id) {
      const u = await db
        .selectFrom('users')
        .select(['id', 'role', 'departmentId', 'active'])
        .where('id', '=', id)
        .executeTakeFirst();
      return u === undefined ? undefined : { ...u, active: u.active === 1 };
    },
    async departmentExists(id) {
      const d = await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
      return d !== undefined;
    },
    async verifiedSignalsWithoutDeadline({ ruleId, nationalClass }, limit) {
      let q = db.selectFrom('signals').where('signals.state', '=', 'verified');
      if (nationalClass !== undefined)
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('hazards')
              .select('hazards.id')
              .whereRef('hazards.id', '=', 'signals.hazardId')
              .where('hazards.nationalClass', '=', nationalClass),
          ),
        );
      const rows = await q
        .select(signalColumns.map((c) => `signals.${c}` as const))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('deadlines')
                .select('deadlines.id')
                .where('deadlines.ruleId', '=', ruleId)
                .where('deadlines.subjectType', '=', 'signal')
                .whereRef('deadlines.subjectId', '=', 'signals.id'),
            ),
          ),
        )
        .orderBy('signals.createdAt')
        .orderBy('signals.id')
        .limit(limit)
        .execute();
      return withVerifiedAt(rows);
    },
  };
}
