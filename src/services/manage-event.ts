/**
 * Reading and managing events: the event view (with its signals, deadlines and latest assessments),
 * the list, edits (title, lead department, coordinator), status changes along the allowed transitions,
 * more signals, and the timeline. Every change needs the version the caller read (optimistic
 * versioning), is audited and appends to the timeline.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { type DeadlineRepository, type DeadlineView, viewDeadline } from '../domain/deadline.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import {
  type EventRepository,
  type EventStatus,
  type ResponseEvent,
  requireEventTransition,
  requireTitle,
  type TimelineEntry,
} from '../domain/event.ts';
import type { IhrAssessment, IhrAssessmentRepository } from '../domain/ihr-annex2.ts';
import { pageWindow } from '../domain/page.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import type { RiskAssessment, RiskAssessmentRepository } from '../domain/risk-assessment.ts';
import { handDeadlinesToEvent, openVerifiedSignalDeadlines } from './deadline-triggers.ts';
import { checkLeadAndCoordinator, escalatableSignals } from './escalate-event.ts';

export interface ManageEventStore {
  readonly events: EventRepository;
  readonly deadlines: DeadlineRepository;
  readonly assessments: Pick<RiskAssessmentRepository, 'latestRisk'> &
    Pick<IhrAssessmentRepository, 'latestIhr'>;
  readonly responseFacts: ResponseFacts;
  readonly audit: AuditWriter;
}

export interface ManageEventDeps {
  readonly tx: Transactor<ManageEventStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface EventDetails {
  readonly event: ResponseEvent;
  readonly signalIds: ReadonlyArray<string>;
  readonly deadlines: ReadonlyArray<DeadlineView>;
  readonly latestRiskAssessment: RiskAssessment | null;
  readonly latestIhrAssessment: IhrAssessment | null;
}

export interface EventPatch {
  readonly title?: string;
  readonly leadDepartmentId?: string;
  readonly coordinatorId?: string;
}

export interface EventListQuery {
  readonly status?: EventStatus;
  readonly hazardId?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export function manageEvent({ tx, clock, ids }: ManageEventDeps) {
  async function readable(store: ManageEventStore, actor: Actor, id: string): Promise<ResponseEvent> {
    requirePermission(actor, 'event:read');
    const event = await store.events.getEvent(id);
    if (event === undefined) throw notFound('event', id);
    requireJurisdiction(actor, event.placePath, `event ${id}`);
    return event;
  }

  async function manageable(
    store: ManageEventStore,
    actor: Actor,
    id: string,
    expectedVersion: number,
  ): Promise<ResponseEvent> {
    requirePermission(actor, 'event:manage');
    const event = await readable(store, actor, id);
    if (event.version !== expectedVersion) throw conflict('event', id, expectedVersion, event.version);
    return event;
  }

  return {
    async get(actor: Actor, id: string): Promise<EventDetails> {
      return tx.transaction(async (store) => {
        const event = await readable(store, actor, id);
        const rules = new Map((await store.deadlines.rules()).map((r) => [r.id, r]));
        const now = clock.now();
        return {
          event,
          signalIds: await store.events.signalIdsOf(id),
          deadlines: (await store.deadlines.forEvent(id)).map((d) =>
            viewDeadline(d, rules.get(d.ruleId) ?? { code: d.ruleId, name: d.ruleId, legalBasis: '' }, now),
          ),
          latestRiskAssessment: (await store.assessments.latestRisk('event', id)) ?? null,
          latestIhrAssessment: (await store.assessments.latestIhr('event', id)) ?? null,
        };
      });
    },

    async list(
      actor: Actor,
      query: EventListQuery,
    ): Promise<{ readonly items: ReadonlyArray<ResponseEvent>; readonly total: number }> {
      requirePermission(actor, 'event:read');
      const { limit, offset } = pageWindow(query);
      return tx.transaction((store) =>
        store.events.listEvents({
          status: query.status,
          hazardId: query.hazardId,
          placePathPrefix: actor.jurisdictionPath,
          limit,
          offset,
        }),
      );
    },

    async timeline(actor: Actor, id: string): Promise<ReadonlyArray<TimelineEntry>> {
      return tx.transaction(async (store) => {
        await readable(store, actor, id);
        return store.events.timeline(id);
      });
    },

    /** Changes the title, lead department or coordinator (permission event:manage). */
    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: EventPatch,
      reason?: string,
    ): Promise<ResponseEvent> {
      return tx.transaction(async (store) => {
        const event = await manageable(store, actor, id, expectedVersion);
        const title = patch.title === undefined ? event.title : requireTitle(patch.title);
        await checkLeadAndCoordinator(store.responseFacts, patch.leadDepartmentId, patch.coordinatorId);
        const now = isoNow(clock);
        const next: ResponseEvent = {
          ...event,
          title,
          leadDepartmentId: patch.leadDepartmentId ?? event.leadDepartmentId,
          coordinatorId: patch.coordinatorId ?? event.coordinatorId,
          updatedAt: now,
          version: event.version + 1,
        };
        const changed = (['title', 'leadDepartmentId', 'coordinatorId'] as const).filter(
          (k) => next[k] !== event[k],
        );
        if (changed.length === 0) return event;
        await store.events.updateEvent(next, expectedVersion);
        const before = Object.fromEntries(changed.map((k) => [k, event[k]]));
        const after = Object.fromEntries(changed.map((k) => [k, next[k]]));
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'event.update',
            objectType: 'event',
            objectId: id,
            before: { ...before, version: event.version },
            after: { ...after, version: next.version },
            reason: reason?.trim() || null,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: id,
          at: now,
          kind: 'updated',
          text: changed.map((k) => `${k}: ${event[k]} → ${next[k]}`).join('; '),
          actorId: actor.userId,
        });
        return next;
      });
    },

    /** Moves the event along active ⇄ contained → closed (permission event:manage). */
    async changeStatus(
      actor: Actor,
      id: string,
      expectedVersion: number,
      status: EventStatus,
      reason?: string,
    ): Promise<ResponseEvent> {
      return tx.transaction(async (store) => {
        const event = await manageable(store, actor, id, expectedVersion);
        requireEventTransition(event.status, status);
        const now = isoNow(clock);
        const next: ResponseEvent = { ...event, status, updatedAt: now, version: event.version + 1 };
        await store.events.updateEvent(next, expectedVersion);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'event.status',
            objectType: 'event',
            objectId: id,
            before: { status: event.status, version: event.version },
            after: { status, version: next.version },
            reason: reason?.trim() || null,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: id,
          at: now,
          kind: 'status',
          text: `Status: ${event.status} → ${status}${reason?.trim() ? ` (${reason.trim()})` : ''}`,
          actorId: actor.userId,
        });
        return next;
      });
    },

    /**
     * Takes a signal out of the event (permission event:manage), with a reason; an event keeps at least
     * one signal. Deadlines already carried over to the event stay with it (they are the event's now).
     */
    async unlinkSignal(
      actor: Actor,
      id: string,
      expectedVersion: number,
      signalId: string,
      reason: string,
    ): Promise<ResponseEvent> {
      const why = reason.trim();
      if (why === '') throw invalid([{ field: 'reason', message: 'say why the signal leaves the event' }]);
      return tx.transaction(async (store) => {
        const event = await manageable(store, actor, id, expectedVersion);
        const linked = await store.events.signalIdsOf(id);
        if (!linked.includes(signalId)) throw notFound('signal of this event', signalId);
        if (linked.length === 1)
          throw invalid([{ field: 'signalId', message: 'an event keeps at least one signal' }]);
        const now = isoNow(clock);
        const next: ResponseEvent = { ...event, updatedAt: now, version: event.version + 1 };
        await store.events.updateEvent(next, expectedVersion);
        await store.events.unlinkSignal(id, signalId);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'event.unlink-signal',
            objectType: 'event',
            objectId: id,
            before: { signalIds: linked, version: event.version },
            after: { signalIds: linked.filter((x) => x !== signalId), version: next.version },
            reason: why,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: id,
          at: now,
          kind: 'updated',
          text: `Signal removed: ${signalId} (${why})`,
          actorId: actor.userId,
        });
        return next;
      });
    },

    /** Adds more verified signals to the event (permission event:manage); their deadlines follow. */
    async linkSignals(
      actor: Actor,
      id: string,
      expectedVersion: number,
      signalIds: ReadonlyArray<string>,
    ): Promise<ResponseEvent> {
      return tx.transaction(async (store) => {
        const event = await manageable(store, actor, id, expectedVersion);
        const already = new Set(await store.events.signalIdsOf(id));
        const signals = (await escalatableSignals(store.responseFacts, actor, signalIds)).filter(
          (s) => !already.has(s.id),
        );
        if (signals.length === 0) return event;
        const now = isoNow(clock);
        const next: ResponseEvent = { ...event, updatedAt: now, version: event.version + 1 };
        await store.events.updateEvent(next, expectedVersion);
        await store.events.linkSignals(
          id,
          signals.map((s) => s.id),
        );
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'event.link-signals',
            objectType: 'event',
            objectId: id,
            before: { signalIds: [...already], version: event.version },
            after: { signalIds: [...already, ...signals.map((s) => s.id)], version: next.version },
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: id,
          at: now,
          kind: 'signals-linked',
          text: `Signals added: ${signals.map((s) => `${s.title} (${s.id})`).join('; ')}`,
          actorId: actor.userId,
        });
        for (const s of signals) await openVerifiedSignalDeadlines(store, ids, actor.userId, s, now);
        await handDeadlinesToEvent(
          store,
          ids,
          actor.userId,
          id,
          signals.map((s) => s.id),
          now,
        );
        return next;
      });
    },
  };
}

export type ManageEventService = ReturnType<typeof manageEvent>;
