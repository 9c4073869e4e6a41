/**
 * A deadline set by a legal rule: started by a trigger on a signal or an event, due after the rule's
 * duration, then met (by a person saying so, with a reference, or by the action the rule asks for) or
 * breached (the deadline job finds it past due). A breach stays on record: a deadline met after its
 * breach is `met` with its `breachedAt` kept (met late).
 */
import { DomainError } from './errors.ts';
import type { LegalRule, LegalTrigger } from './legal-rule.ts';

export const DEADLINE_STATUSES = ['due', 'met', 'breached'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export type DeadlineSubjectType = 'signal' | 'event';

export interface Deadline {
  readonly id: string;
  readonly ruleId: string;
  readonly subjectType: DeadlineSubjectType;
  readonly subjectId: string;
  /** The event it belongs to (its own, or the event its signal was escalated to), if any. */
  readonly eventId: string | null;
  /** The subject's place path, for jurisdiction checks. */
  readonly placePath: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: DeadlineStatus;
  readonly metAt: string | null;
  readonly metBy: string | null;
  /** What proves it was met, e.g. "WHO notified, EIS message 2026-123". */
  readonly metReference: string | null;
  readonly breachedAt: string | null;
}

/** A deadline with its rule, as the deadlines view shows it. */
export interface DeadlineView extends Deadline {
  readonly ruleCode: string;
  readonly ruleName: string;
  readonly legalBasis: string;
  /** Milliseconds until due (negative once past), for open deadlines; null when met. */
  readonly timeLeftMs: number | null;
  /** Met after it was breached. */
  readonly late: boolean;
}

export function viewDeadline(
  d: Deadline,
  rule: Pick<LegalRule, 'code' | 'name' | 'legalBasis'>,
  now: Date,
): DeadlineView {
  return {
    ...d,
    ruleCode: rule.code,
    ruleName: rule.name,
    legalBasis: rule.legalBasis,
    timeLeftMs: d.status === 'met' ? null : Date.parse(d.dueAt) - now.getTime(),
    late: d.status === 'met' && d.breachedAt !== null,
  };
}

/** Allowed transitions: due → met | breached, breached → met (late). */
export function canTransition(from: DeadlineStatus, to: DeadlineStatus): boolean {
  switch (from) {
    case 'due':
      return to === 'met' || to === 'breached';
    case 'breached':
      return to === 'met';
    case 'met':
      return false;
  }
}

export function requireDeadlineTransition(d: Deadline, to: DeadlineStatus): void {
  if (!canTransition(d.status, to))
    throw new DomainError('INVALID_TRANSITION', `deadline ${d.id} is ${d.status}; it cannot become ${to}`, {
      from: d.status,
      to,
    });
}

/** Whether an open deadline is past due at `now` (the deadline job breaches those). */
export function isPastDue(d: Pick<Deadline, 'status' | 'dueAt'>, now: Date): boolean {
  return d.status === 'due' && Date.parse(d.dueAt) <= now.getTime();
}

export interface DeadlineFilter {
  readonly status?: DeadlineStatus;
  readonly eventId?: string;
  readonly subjectType?: DeadlineSubjectType;
  readonly subjectId?: string;
  readonly ruleCode?: string;
  /** Only deadlines whose place path starts with this (the actor's jurisdiction). */
  readonly placePathPrefix: string;
  readonly limit: number;
  readonly offset: number;
}

/** What a trigger knows about its subject. */
export interface TriggerSubject {
  readonly trigger: LegalTrigger;
  readonly subjectType: DeadlineSubjectType;
  readonly subjectId: string;
  readonly eventId: string | null;
  readonly placePath: string;
  readonly nationalClass: string | null;
  /** When the triggering fact happened (the deadline starts then). */
  readonly at: string;
}

/** Storage of legal rules and deadlines. */
export interface DeadlineRepository {
  /** Inserts the rule, or updates it in place when its code exists; returns the stored rule and whether it changed. */
  upsertRule(
    rule: LegalRule,
  ): Promise<{ readonly rule: LegalRule; readonly change: 'inserted' | 'updated' | 'unchanged' }>;
  rules(): Promise<ReadonlyArray<LegalRule>>;
  ruleById(id: string): Promise<LegalRule | undefined>;
  insertDeadline(d: Deadline): Promise<void>;
  getDeadline(id: string): Promise<Deadline | undefined>;
  /** Deadlines of one rule on one subject (any status). */
  forSubject(
    ruleId: string,
    subjectType: DeadlineSubjectType,
    subjectId: string,
  ): Promise<ReadonlyArray<Deadline>>;
  /** Deadlines that belong to an event (its own and those handed over from its signals), by due time. */
  forEvent(eventId: string): Promise<ReadonlyArray<Deadline>>;
  /** Deadlines on any of these signals (to hand them to the event they are escalated to). */
  forSignals(signalIds: ReadonlyArray<string>): Promise<ReadonlyArray<Deadline>>;
  list(filter: DeadlineFilter): Promise<{ readonly items: ReadonlyArray<Deadline>; readonly total: number }>;
  /** Open deadlines due at or before `at`, oldest first. */
  pastDue(at: string, limit: number): Promise<ReadonlyArray<Deadline>>;
  /** `due` → `breached`; false when it was no longer due (someone met it meanwhile). */
  markBreached(id: string, at: string): Promise<boolean>;
  /** `due`/`breached` → `met`; false when it was already met. */
  markMet(id: string, at: string, by: string, reference: string): Promise<boolean>;
  setEvent(id: string, eventId: string): Promise<void>;
}
