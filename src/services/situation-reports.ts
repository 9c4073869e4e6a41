/**
 * Versioned situation reports of an event: every saved draft is a new version (permission
 * event:manage), publishing marks the latest version published; readers with event:read see all.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import type { EventRepository, ResponseEvent } from '../domain/event.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import {
  requireDraft,
  requireReportBody,
  type SituationReport,
  type SituationReportRepository,
} from '../domain/situation-report.ts';

export interface SituationReportStore {
  readonly events: Pick<EventRepository, 'getEvent' | 'appendTimeline'> & SituationReportRepository;
  readonly audit: AuditWriter;
}

export interface SituationReportDeps {
  readonly tx: Transactor<SituationReportStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export function situationReports({ tx, clock, ids }: SituationReportDeps) {
  async function eventFor(
    store: SituationReportStore,
    actor: Actor,
    eventId: string,
  ): Promise<ResponseEvent> {
    requirePermission(actor, 'event:read');
    const event = await store.events.getEvent(eventId);
    if (event === undefined) throw notFound('event', eventId);
    requireJurisdiction(actor, event.placePath, `event ${eventId}`);
    return event;
  }

  return {
    /** Every version, newest first. */
    async list(actor: Actor, eventId: string): Promise<ReadonlyArray<SituationReport>> {
      return tx.transaction(async (store) => {
        await eventFor(store, actor, eventId);
        return store.events.reports(eventId);
      });
    },

    async get(actor: Actor, eventId: string, version: number): Promise<SituationReport> {
      return tx.transaction(async (store) => {
        await eventFor(store, actor, eventId);
        const r = await store.events.report(eventId, version);
        if (r === undefined) throw notFound(`situation report of event ${eventId} version`, String(version));
        return r;
      });
    },

    /**
     * Saves a draft as the next version. `basedOnVersion` is the latest version the author saw (0 for
     * none): if someone saved another version meanwhile, this is a conflict, not an overwrite.
     */
    async draft(
      actor: Actor,
      eventId: string,
      body: string,
      basedOnVersion: number,
    ): Promise<SituationReport> {
      requirePermission(actor, 'event:manage');
      const text = requireReportBody(body);
      return tx.transaction(async (store) => {
        await eventFor(store, actor, eventId);
        const [latest] = await store.events.reports(eventId);
        const latestVersion = latest?.version ?? 0;
        if (latestVersion !== basedOnVersion)
          throw new DomainError(
            'CONFLICT',
            `situation report of event ${eventId} is at version ${latestVersion}, you based yours on ${basedOnVersion}; reload and try again`,
            { expectedVersion: basedOnVersion, actualVersion: latestVersion },
          );
        const now = isoNow(clock);
        const report: SituationReport = {
          id: ids.next(),
          eventId,
          version: latestVersion + 1,
          body: text,
          authorId: actor.userId,
          createdAt: now,
          publishedAt: null,
        };
        await store.events.insertReport(report);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'situation-report.draft',
            objectType: 'situation-report',
            objectId: report.id,
            before: null,
            after: report,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId,
          at: now,
          kind: 'situation-report',
          text: `Situation report v${report.version} drafted`,
          actorId: actor.userId,
        });
        return report;
      });
    },

    /** Publishes a version; only the latest version, and only once. */
    async publish(actor: Actor, eventId: string, version: number): Promise<SituationReport> {
      requirePermission(actor, 'event:manage');
      return tx.transaction(async (store) => {
        await eventFor(store, actor, eventId);
        const report = await store.events.report(eventId, version);
        if (report === undefined)
          throw notFound(`situation report of event ${eventId} version`, String(version));
        requireDraft(report);
        const [latest] = await store.events.reports(eventId);
        if (latest !== undefined && latest.version !== version)
          throw new DomainError(
            'CONFLICT',
            `version ${version} is not the latest situation report (that is version ${latest.version}); publish the latest`,
            { expectedVersion: version, actualVersion: latest.version },
          );
        const now = isoNow(clock);
        if (!(await store.events.publish(eventId, version, now)))
          throw new DomainError('CONFLICT', `situation report version ${version} was published meanwhile`, {
            version,
          });
        const published = { ...report, publishedAt: now };
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'situation-report.publish',
            objectType: 'situation-report',
            objectId: report.id,
            before: { publishedAt: null },
            after: { publishedAt: now, version },
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId,
          at: now,
          kind: 'situation-report',
          text: `Situation report v${version} published`,
          actorId: actor.userId,
        });
        return published;
      });
    },
  };
}

export type SituationReportsService = ReturnType<typeof situationReports>;
