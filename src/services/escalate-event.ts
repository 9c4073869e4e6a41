/**
 * Escalates one or more verified signals to an event (permission event:escalate): a lead department,
 * a coordinator, a place (given, or the deepest place containing every signal), the hazard (given, or
 * the signals' common one), the risk level of the signals' latest assessment. The signals' deadlines
 * move to the event, and the event's own deadlines start (e.g. class-A reporting).
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { DeadlineRepository } from '../domain/deadline.ts';
import { type FieldProblem, invalid } from '../domain/errors.ts';
import {
  commonPlacePath,
  type EventRepository,
  placeIdOfPath,
  type ResponseEvent,
  requireTitle,
} from '../domain/event.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts, SignalFacts } from '../domain/response-facts.ts';
import type { RiskAssessment, RiskAssessmentRepository } from '../domain/risk-assessment.ts';
import { handDeadlinesToEvent, openVerifiedSignalDeadlines, startDeadlines } from './deadline-triggers.ts';

export interface EscalateEventStore {
  readonly events: EventRepository;
  readonly deadlines: DeadlineRepository;
  readonly assessments: Pick<RiskAssessmentRepository, 'latestRisk'>;
  readonly responseFacts: ResponseFacts;
  readonly audit: AuditWriter;
}

export interface EscalateEventDeps {
  readonly tx: Transactor<EscalateEventStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface EscalateInput {
  readonly signalIds: ReadonlyArray<string>;
  readonly title: string;
  readonly leadDepartmentId: string;
  readonly coordinatorId: string;
  readonly placeId?: string;
  readonly hazardId?: string;
  readonly reason?: string;
}

const COORDINATING_ROLES = ['coordinator', 'admin'];

/** The lead department must exist; the coordinator must be an active coordinator or admin. */
export async function checkLeadAndCoordinator(
  facts: Pick<ResponseFacts, 'departmentExists' | 'user'>,
  leadDepartmentId: string | undefined,
  coordinatorId: string | undefined,
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (leadDepartmentId !== undefined && !(await facts.departmentExists(leadDepartmentId)))
    problems.push({ field: 'leadDepartmentId', message: `no department ${leadDepartmentId}` });
  if (coordinatorId !== undefined) {
    const u = await facts.user(coordinatorId);
    if (u === undefined || !u.active)
      problems.push({ field: 'coordinatorId', message: `no active user ${coordinatorId}` });
    else if (!COORDINATING_ROLES.includes(u.role))
      problems.push({
        field: 'coordinatorId',
        message: `user ${coordinatorId} is a ${u.role}, not a coordinator`,
      });
  }
  if (problems.length > 0) throw invalid(problems);
}

/** Loads the signals and checks each can be escalated by the actor (exists, verified, in jurisdiction). */
export async function escalatableSignals(
  facts: Pick<ResponseFacts, 'signals'>,
  actor: Actor,
  signalIds: ReadonlyArray<string>,
): Promise<ReadonlyArray<SignalFacts>> {
  const unique = [...new Set(signalIds)];
  if (unique.length === 0)
    throw invalid([{ field: 'signalIds', message: 'name at least one verified signal' }]);
  const found = new Map((await facts.signals(unique)).map((s) => [s.id, s]));
  const problems: FieldProblem[] = [];
  unique.forEach((id, i) => {
    const s = found.get(id);
    if (s === undefined) problems.push({ field: `signalIds[${i}]`, message: `no signal ${id}` });
    else if (s.state !== 'verified')
      problems.push({
        field: `signalIds[${i}]`,
        message: `signal ${id} is ${s.state}; only verified signals are escalated`,
      });
  });
  if (problems.length > 0) throw invalid(problems);
  const signals = unique.map((id) => found.get(id)).filter((s): s is SignalFacts => s !== undefined);
  for (const s of signals) requireJurisdiction(actor, s.placePath, `signal ${s.id}`);
  return signals;
}

export function escalateEvent({ tx, clock, ids }: EscalateEventDeps) {
  return {
    async escalate(actor: Actor, input: EscalateInput): Promise<ResponseEvent> {
      requirePermission(actor, 'event:escalate');
      const title = requireTitle(input.title);
      return tx.transaction(async (store) => {
        const facts = store.responseFacts;
        const signals = await escalatableSignals(facts, actor, input.signalIds);
        await checkLeadAndCoordinator(facts, input.leadDepartmentId, input.coordinatorId);

        let placePath: string;
        let placeId: string;
        if (input.placeId !== undefined) {
          const place = await facts.place(input.placeId);
          if (place === undefined)
            throw invalid([{ field: 'placeId', message: `no place ${input.placeId}` }]);
          placePath = place.path;
          placeId = place.id;
        } else {
          placePath = commonPlacePath(signals.map((s) => s.placePath));
          const id = placeIdOfPath(placePath);
          if (id === null)
            throw invalid([
              { field: 'placeId', message: 'the signals share no place; say where the event is' },
            ]);
          placeId = id;
        }
        requireJurisdiction(actor, placePath, 'the event');

        const signalHazards = [...new Set(signals.map((s) => s.hazardId))];
        const hazardId = input.hazardId ?? (signalHazards.length === 1 ? signalHazards[0] : null);
        const hazard = hazardId === null ? undefined : await facts.hazard(hazardId);
        if (hazardId !== null && hazard === undefined)
          throw invalid([{ field: 'hazardId', message: `no hazard ${hazardId} in the catalogue` }]);

        let latest: RiskAssessment | undefined;
        for (const s of signals) {
          const a = await store.assessments.latestRisk('signal', s.id);
          if (a !== undefined && (latest === undefined || a.assessedAt > latest.assessedAt)) latest = a;
        }

        const now = isoNow(clock);
        const event: ResponseEvent = {
          id: ids.next(),
          title,
          hazardId,
          placeId,
          placePath,
          leadDepartmentId: input.leadDepartmentId,
          coordinatorId: input.coordinatorId,
          status: 'active',
          riskLevel: latest?.overallRisk ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        // Signals verified moments ago may not have their deadlines yet (the deadline job catches up
        // later); start them now so they move to the event with the others.
        for (const s of signals) await openVerifiedSignalDeadlines(store, ids, actor.userId, s, now);
        await store.events.insertEvent(event);
        await store.events.linkSignals(
          event.id,
          signals.map((s) => s.id),
        );
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'event.escalate',
            objectType: 'event',
            objectId: event.id,
            before: null,
            after: { ...event, signalIds: signals.map((s) => s.id) },
            reason: input.reason?.trim() || null,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: event.id,
          at: now,
          kind: 'created',
          text: `Event escalated from ${signals.length} verified signal${signals.length === 1 ? '' : 's'}${input.reason?.trim() ? `: ${input.reason.trim()}` : ''}`,
          actorId: actor.userId,
        });
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: event.id,
          at: now,
          kind: 'signals-linked',
          text: `Signals: ${signals.map((s) => `${s.title} (${s.id})`).join('; ')}`,
          actorId: actor.userId,
        });
        await handDeadlinesToEvent(
          store,
          ids,
          actor.userId,
          event.id,
          signals.map((s) => s.id),
          now,
        );
        await startDeadlines(
          store,
          ids,
          actor.userId,
          {
            trigger: 'event-opened',
            subjectType: 'event',
            subjectId: event.id,
            eventId: event.id,
            placePath,
            nationalClass: hazard?.nationalClass ?? null,
            at: now,
          },
          now,
        );
        return event;
      });
    },
  };
}

export type EscalateEventService = ReturnType<typeof escalateEvent>;
