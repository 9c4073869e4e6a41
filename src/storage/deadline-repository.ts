import type { Kysely, Selectable } from 'kysely';
import type {
  Deadline,
  DeadlineRepository,
  DeadlineStatus,
  DeadlineSubjectType,
} from '../domain/deadline.ts';
import { isLegalTrigger, type LegalConditions, type LegalRule, type MetBy } from '../domain/legal-rule.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { DeadlineTable, LegalRuleTable, Schema } from './schema.ts';

function ruleFromRow(r: Selectable<LegalRuleTable>): LegalRule {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    triggers: r.trigger.split(',').filter(isLegalTrigger),
    conditions: JSON.parse(r.conditions) as LegalConditions,
    durationMinutes: r.durationMinutes,
    legalBasis: r.legalBasis,
    metBy: r.metBy as MetBy,
    active: r.active === 1,
  };
}

function ruleToRow(r: LegalRule): Selectable<LegalRuleTable> {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    trigger: r.triggers.join(','),
    conditions: JSON.stringify(r.conditions),
    durationMinutes: r.durationMinutes,
    legalBasis: r.legalBasis,
    metBy: r.metBy,
    active: r.active ? 1 : 0,
  };
}

function deadlineFromRow(r: Selectable<DeadlineTable>): Deadline {
  return {
    id: r.id,
    ruleId: r.ruleId,
    subjectType: r.subjectType as DeadlineSubjectType,
    subjectId: r.subjectId,
    eventId: r.eventId,
    placePath: r.placePath,
    startedAt: r.startedAt,
    dueAt: r.dueAt,
    status: r.status as DeadlineStatus,
    metAt: r.metAt,
    metBy: r.metBy,
    metReference: r.metReference,
    breachedAt: r.breachedAt,
  };
}

/** Legal rules and the deadlines they start. */
export function deadlineRepository(db: Kysely<Schema>): DeadlineRepository {
  return {
    async upsertRule(rule) {
      const existing = await db
        .selectFrom('legalRules')
        .selectAll()
        .where('code', '=', rule.code)
        .executeTakeFirst();
      if (existing === undefined) {
        await db.insertInto('legalRules').values(ruleToRow(rule)).execute();
        return { rule, change: 'inserted' };
      }
      const next = ruleToRow({ ...rule, id: existing.id });
      const same = (Object.keys(next) as Array<keyof typeof next>).every((k) => next[k] === existing[k]);
      if (same) return { rule: ruleFromRow(existing), change: 'unchanged' };
      await db.updateTable('legalRules').set(next).where('id', '=', existing.id).execute();
      return { rule: ruleFromRow(next), change: 'updated' };
    },
    async rules() {
      const rows = await db.selectFrom('legalRules').selectAll().orderBy('code').execute();
      return rows.map(ruleFromRow);
    },
    async ruleById(id) {
      const r = await db.selectFrom('legalRules').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : ruleFromRow(r);
    },
    async insertDeadline(d) {
      await db
        .insertInto('deadlines')
        .values({
          id: d.id,
          ruleId: d.ruleId,
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          eventId: d.eventId,
          placePath: d.placePath,
          startedAt: d.startedAt,
          dueAt: d.dueAt,
          status: d.status,
          metAt: d.metAt,
          metBy: d.metBy,
          metReference: d.metReference,
          breachedAt: d.breachedAt,
        })
        .execute();
    },
    async getDeadline(id) {
      const r = await db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : deadlineFromRow(r);
    },
    async forSubject(ruleId, subjectType, subjectId) {
      const rows = await db
        .selectFrom('deadlines')
        .selectAll()
        .where('subjectType', '=', subjectType)
        .where('subjectId', '=', subjectId)
        .where('ruleId', '=', ruleId)
        .orderBy('startedAt')
        .execute();
      return rows.map(deadlineFromRow);
    },
    async forEvent(eventId) {
      const rows = await db
        .selectFrom('deadlines')
        .selectAll()
        .where('eventId', '=', eventId)
        .orderBy('dueAt')
        .orderBy('id')
        .execute();
      return rows.map(deadlineFromRow);
    },
    async forSignals(signalIds) {
      if (signalIds.length === 0) return [];
      const rows = await db
        .selectFrom('deadlines')
        .selectAll()
        .where('subjectType', '=', 'signal')
        .where('subjectId', 'in', [...signalIds])
        .orderBy('startedAt')
        .execute();
      return rows.map(deadlineFromRow);
    },
    async list(f) {
      const [lo, hi] = pathPrefixRange(f.placePathPrefix);
      let q = db
        .selectFrom('deadlines')
        .innerJoin('legalRules', 'legalRules.id', 'deadlines.ruleId')
        .where('deadlines.placePath', '>=', lo)
        .where('deadlines.placePath', '<', hi);
      if (f.status !== undefined) q = q.where('deadlines.status', '=', f.status);
      if (f.eventId !== undefined) q = q.where('deadlines.eventId', '=', f.eventId);
      if (f.subjectType !== undefined) q = q.where('deadlines.subjectType', '=', f.subjectType);
      if (f.subjectId !== undefined) q = q.where('deadlines.subjectId', '=', f.subjectId);
      if (f.ruleCode !== undefined) q = q.where('legalRules.code', '=', f.ruleCode);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll('deadlines')
        .orderBy('deadlines.dueAt')
        .orderBy('deadlines.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return { items: rows.map(deadlineFromRow), total: Number(total.n) };
    },
    async pastDue(at, limit) {
      const rows = await db
        .selectFrom('deadlines')
        .selectAll()
        .where('status', '=', 'due')
        .where('dueAt', '<=', at)
        .orderBy('dueAt')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(deadlineFromRow);
    },
    async markBreached(id, at) {
      const r = await db
        .updateTable('deadlines')
        .set({ status: 'breached', breachedAt: at })
        .where('id', '=', id)
        .where('status', '=', 'due')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markMet(id, at, by, reference) {
      const r = await db
        .updateTable('deadlines')
        .set({ status: 'met', metAt: at, metBy: by, metReference: reference })
        .where('id', '=', id)
        .where('status', 'in', ['due', 'breached'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async setEvent(id, eventId) {
      await db.updateTable('deadlines').set({ eventId }).where('id', '=', id).execute();
    },
  };
}
