import type { Kysely, Selectable } from 'kysely';
import { conflict } from '../domain/errors.ts';
import type {
  EventRepository,
  EventStatus,
  ResponseEvent,
  TimelineEntry,
  TimelineKind,
} from '../domain/event.ts';
import type { RiskLevel } from '../domain/risk-assessment.ts';
import type { SituationReport, SituationReportRepository } from '../domain/situation-report.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { EventTable, Schema } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { throwVersionConflict } from './version-conflict.ts';

function eventFromRow(r: Selectable<EventTable>): ResponseEvent {
  return {
    id: r.id,
    title: r.title,
    hazardId: r.hazardId,
    placeId: r.placeId,
    placePath: r.placePath,
    leadDepartmentId: r.leadDepartmentId,
    coordinatorId: r.coordinatorId,
    status: r.status as EventStatus,
    riskLevel: r.riskLevel as RiskLevel | null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** Events with their signals, timeline and situation reports. */
export function eventRepository(db: Kysely<Schema>): EventRepository & SituationReportRepository {
  return {
    async insertEvent(e) {
      await db
        .insertInto('events')
        .values({ ...e })
        .execute();
    },
    async getEvent(id) {
      const r = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : eventFromRow(r);
    },
    async listEvents(f) {
      const [lo, hi] = pathPrefixRange(f.placePathPrefix);
      let q = db.selectFrom('events').where('placePath', '>=', lo).where('placePath', '<', hi);
      if (f.status !== undefined) q = q.where('status', '=', f.status);
      if (f.hazardId !== undefined) q = q.where('hazardId', '=', f.hazardId);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return { items: rows.map(eventFromRow), total: Number(total.n) };
    },
    async updateEvent(next, expectedVersion) {
      const r = await db
        .updateTable('events')
        .set({
          title: next.title,
          hazardId: next.hazardId,
          leadDepartmentId: next.leadDepartmentId,
          coordinatorId: next.coordinatorId,
          status: next.status,
          riskLevel: next.riskLevel,
          updatedAt: next.updatedAt,
          version: next.version,
        })
        .where('id', '=', next.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        await throwVersionConflict(db, 'events', 'event', next.id, expectedVersion);
      }
    },
    async linkSignals(eventId, signalIds) {
      if (signalIds.length === 0) return;
      await db
        .insertInto('eventSignals')
        .values(signalIds.map((signalId) => ({ eventId, signalId })))
        .onConflict((oc) => oc.columns(['eventId', 'signalId']).doNothing())
        .execute();
    },
    async unlinkSignal(eventId, signalId) {
      await db
        .deleteFrom('eventSignals')
        .where('eventId', '=', eventId)
        .where('signalId', '=', signalId)
        .execute();
    },
    async signalIdsOf(eventId) {
      const rows = await db
        .selectFrom('eventSignals')
        .select('signalId')
        .where('eventId', '=', eventId)
        .orderBy('signalId')
        .execute();
      return rows.map((r) => r.signalId);
    },
    async eventIdsOfSignal(signalId) {
      const rows = await db
        .selectFrom('eventSignals')
        .select('eventId')
        .where('signalId', '=', signalId)
        .orderBy('eventId')
        .execute();
      return rows.map((r) => r.eventId);
    },
    async appendTimeline(entry) {
      const last = await db
        .selectFrom('eventTimeline')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('eventId', '=', entry.eventId)
        .executeTakeFirst();
      await db
        .insertInto('eventTimeline')
        .values({ ...entry, seq: Number(last?.seq ?? 0) + 1 })
        .execute();
    },
    async timeline(eventId) {
      const rows = await db
        .selectFrom('eventTimeline')
        .selectAll()
        .where('eventId', '=', eventId)
        .orderBy('seq')
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(({ seq: _seq, ...r }): TimelineEntry => ({ ...r, kind: r.kind as TimelineKind }));
    },
    async insertReport(r) {
      try {
        await db
          .insertInto('situationReports')
          .values({ ...r })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err))
          throw conflict('situation report of event', r.eventId, r.version - 1, r.version);
        throw err;
      }
    },
    async reports(eventId) {
      const rows = await db
        .selectFrom('situationReports')
        .selectAll()
        .where('eventId', '=', eventId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r): SituationReport => ({ ...r }));
    },
    async report(eventId, version) {
      const r = await db
        .selectFrom('situationReports')
        .selectAll()
        .where('eventId', '=', eventId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r === undefined ? undefined : { ...r };
    },
    async publish(eventId, version, at) {
      const r = await db
        .updateTable('situationReports')
        .set({ publishedAt: at })
        .where('eventId', '=', eventId)
        .where('version', '=', version)
        .where('publishedAt', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
