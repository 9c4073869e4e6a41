/**
 * What the services do, inside their own transaction, when something a legal rule watches happens:
 * start the deadlines of the rules that apply (once per rule and subject), hand a signal's deadlines to
 * the event it is escalated to, and meet the deadlines an action fulfils (a risk assessment).
 * Every change is audited with the rule's legal basis and shown on the event's timeline.
 */
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { Deadline, DeadlineRepository, TriggerSubject } from '../domain/deadline.ts';
import type { EventRepository } from '../domain/event.ts';
import { dueAt, type LegalRule, ruleApplies } from '../domain/legal-rule.ts';
import type { IdGenerator } from '../domain/ports.ts';
import type { ResponseFacts, SignalFacts } from '../domain/response-facts.ts';

export interface TriggerPorts {
  readonly deadlines: DeadlineRepository;
  readonly events: Pick<EventRepository, 'appendTimeline'>;
  readonly audit: AuditWriter;
}

export interface StartedDeadline {
  readonly deadline: Deadline;
  readonly rule: LegalRule;
}

/**
 * Starts a deadline for every active rule of the trigger whose conditions hold, unless the subject
 * already has one of that rule — or, for the event-level triggers (an IHR notifiable outcome, an event
 * opened), the event it belongs to has one (one WHO notification per event, even when several of its
 * signals are assessed notifiable).
 */
export async function startDeadlines(
  store: TriggerPorts,
  ids: IdGenerator,
  actorId: string,
  subject: TriggerSubject,
  now: string,
): Promise<ReadonlyArray<StartedDeadline>> {
  const started: StartedDeadline[] = [];
  // A verified signal always gets its own deadlines (the deadline job looks for signals without them);
  // event-level triggers start a rule once per event.
  const ofEvent =
    subject.eventId === null || subject.trigger === 'signal-verified'
      ? []
      : await store.deadlines.forEvent(subject.eventId);
  for (const rule of await store.deadlines.rules()) {
    if (!ruleApplies(rule, subject.trigger, { nationalClass: subject.nationalClass })) continue;
    if (ofEvent.some((d) => d.ruleId === rule.id)) continue;
    const existing = await store.deadlines.forSubject(rule.id, subject.subjectType, subject.subjectId);
    if (existing.length > 0) continue;
    const deadline: Deadline = {
      id: ids.next(),
      ruleId: rule.id,
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      eventId: subject.eventId,
      placePath: subject.placePath,
      startedAt: subject.at,
      dueAt: dueAt(rule, subject.at),
      status: 'due',
      metAt: null,
      metBy: null,
      metReference: null,
      breachedAt: null,
    };
    await store.deadlines.insertDeadline(deadline);
    await store.audit.append(
      {
        actorId,
        action: 'deadline.start',
        objectType: 'deadline',
        objectId: deadline.id,
        before: null,
        after: { ...deadline, ruleCode: rule.code, trigger: subject.trigger },
        reason: `${rule.name}: ${subject.trigger} on ${subject.subjectType} ${subject.subjectId}`,
        legalBasis: rule.legalBasis,
      },
      now,
    );
    if (deadline.eventId !== null)
      await store.events.appendTimeline({
        id: ids.next(),
        eventId: deadline.eventId,
        at: now,
        kind: 'deadline-started',
        text: `Deadline started: ${rule.name} (${rule.legalBasis}), due ${deadline.dueAt}`,
        actorId,
      });
    started.push({ deadline, rule });
  }
  return started;
}

/**
 * Meets the open deadlines on the given subjects whose rule is fulfilled by a risk assessment;
 * returns the ids met.
 */
export async function meetByRiskAssessment(
  store: TriggerPorts,
  ids: IdGenerator,
  actorId: string,
  subjects: ReadonlyArray<{ readonly subjectType: 'signal' | 'event'; readonly subjectId: string }>,
  reference: string,
  now: string,
): Promise<ReadonlyArray<string>> {
  const met: string[] = [];
  const rules = (await store.deadlines.rules()).filter((r) => r.metBy === 'risk-assessment');
  for (const rule of rules) {
    for (const s of subjects) {
      for (const d of await store.deadlines.forSubject(rule.id, s.subjectType, s.subjectId)) {
        if (d.status === 'met') continue;
        if (!(await store.deadlines.markMet(d.id, now, actorId, reference))) continue;
        await recordDeadlineMet(store, ids, actorId, d, rule, reference, now);
        met.push(d.id);
      }
    }
  }
  return met;
}

/** Hands the signals' deadlines that belong to no event yet to this event; returns them. */
export async function handDeadlinesToEvent(
  store: TriggerPorts,
  ids: IdGenerator,
  actorId: string,
  eventId: string,
  signalIds: ReadonlyArray<string>,
  now: string,
): Promise<ReadonlyArray<Deadline>> {
  const handed: Deadline[] = [];
  for (const d of await store.deadlines.forSignals(signalIds)) {
    if (d.eventId !== null) continue;
    await store.deadlines.setEvent(d.id, eventId);
    const rule = await store.deadlines.ruleById(d.ruleId);
    await store.audit.append(
      {
        actorId,
        action: 'deadline.attach-event',
        objectType: 'deadline',
        objectId: d.id,
        before: { eventId: null },
        after: { eventId },
        reason: `signal ${d.subjectId} escalated to event ${eventId}`,
        legalBasis: rule?.legalBasis ?? null,
      },
      now,
    );
    await store.events.appendTimeline({
      id: ids.next(),
      eventId,
      at: now,
      kind: 'deadline-started',
      text: `Deadline carried over from signal ${d.subjectId}: ${rule?.name ?? d.ruleId}, ${d.status}, due ${d.dueAt}`,
      actorId,
    });
    handed.push({ ...d, eventId });
  }
  return handed;
}

export interface SignalTriggerPorts extends TriggerPorts {
  readonly events: Pick<EventRepository, 'appendTimeline' | 'eventIdsOfSignal'>;
  readonly responseFacts: Pick<ResponseFacts, 'hazard'>;
}

/**
 * Starts the `signal-verified` deadlines of a verified signal, counted from when it was verified
 * (idempotent: a rule already started on the signal is skipped).
 */
export async function openVerifiedSignalDeadlines(
  store: SignalTriggerPorts,
  ids: IdGenerator,
  actorId: string,
  signal: SignalFacts,
  now: string,
): Promise<ReadonlyArray<StartedDeadline>> {
  if (signal.state !== 'verified') return [];
  const hazard = signal.hazardId === null ? undefined : await store.responseFacts.hazard(signal.hazardId);
  const [eventId] = await store.events.eventIdsOfSignal(signal.id);
  return startDeadlines(
    store,
    ids,
    actorId,
    {
      trigger: 'signal-verified',
      subjectType: 'signal',
      subjectId: signal.id,
      eventId: eventId ?? null,
      placePath: signal.placePath,
      nationalClass: hazard?.nationalClass ?? null,
      at: signal.verifiedAt ?? now,
    },
    now,
  );
}

/** The signal fields the verification hook needs (a triage service's signal record has them all). */
export interface VerifiedSignal {
  readonly id: string;
  readonly title: string;
  readonly hazardId: string | null;
  readonly placeId: string | null;
  readonly placePath: string;
  readonly mergedIntoId: string | null;
}

/**
 * A hook for the triage service's `onVerified`: starts the verified signal's deadlines in the
 * transaction that verifies it (so the deadline and the verification commit together).
 */
export function onSignalVerified(ids: IdGenerator) {
  return async (
    store: SignalTriggerPorts,
    signal: VerifiedSignal,
    actor: { readonly userId: string },
    at: string,
  ): Promise<void> => {
    await openVerifiedSignalDeadlines(
      store,
      ids,
      actor.userId,
      {
        id: signal.id,
        state: 'verified',
        title: signal.title,
        hazardId: signal.hazardId,
        placeId: signal.placeId,
        placePath: signal.placePath,
        mergedIntoId: signal.mergedIntoId,
        verifiedAt: at,
      },
      at,
    );
  };
}

/**
 * The record of a deadline just marked met: the audit entry (with the rule's legal basis) and, when the
 * deadline belongs to an event, a timeline line — "(late)" when it had already been breached.
 */
export async function recordDeadlineMet(
  store: TriggerPorts,
  ids: IdGenerator,
  actorId: string,
  d: Deadline,
  rule: LegalRule,
  reference: string,
  now: string,
): Promise<void> {
  const late = d.status === 'breached';
  await store.audit.append(
    {
      actorId,
      action: 'deadline.met',
      objectType: 'deadline',
      objectId: d.id,
      before: { status: d.status, metAt: null },
      after: { status: 'met', metAt: now, metReference: reference, late },
      reason: reference,
      legalBasis: rule.legalBasis,
    },
    now,
  );
  if (d.eventId !== null)
    await store.events.appendTimeline({
      id: ids.next(),
      eventId: d.eventId,
      at: now,
      kind: 'deadline-met',
      text: `Deadline met${late ? ' (late)' : ''}: ${rule.name} — ${reference}`,
      actorId,
    });
}
