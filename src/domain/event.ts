/**
 * An event (incident): a verified threat being responded to, escalated from one or more verified
 * signals. It has a lead department, a coordinator, a status (active → contained → closed), a risk
 * level that follows its latest risk assessment, and a timeline to which every change appends.
 */
import { DomainError, type FieldProblem, invalid } from './errors.ts';
import type { RiskLevel } from './risk-assessment.ts';

export const EVENT_STATUSES = ['active', 'contained', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Allowed transitions: active ⇄ contained, either → closed; a closed event stays closed. */
export function allowedEventTransitions(from: EventStatus): ReadonlyArray<EventStatus> {
  switch (from) {
    case 'active':
      return ['contained', 'closed'];
    case 'contained':
      return ['active', 'closed'];
    case 'closed':
      return [];
  }
}

export function requireEventTransition(from: EventStatus, to: EventStatus): void {
  if (!allowedEventTransitions(from).includes(to))
    throw new DomainError('INVALID_TRANSITION', `an event that is ${from} cannot become ${to}`, { from, to });
}

export interface ResponseEvent {
  readonly id: string;
  readonly title: string;
  readonly hazardId: string | null;
  readonly placeId: string;
  readonly placePath: string;
  readonly leadDepartmentId: string;
  readonly coordinatorId: string;
  readonly status: EventStatus;
  readonly riskLevel: RiskLevel | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const TIMELINE_KINDS = [
  'created',
  'updated',
  'status',
  'signals-linked',
  'risk-assessed',
  'ihr-assessed',
  'deadline-started',
  'deadline-met',
  'deadline-breached',
  'situation-report',
  'task-created',
  'task-updated',
  'task-overdue',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  readonly id: string;
  readonly eventId: string;
  readonly at: string;
  readonly kind: TimelineKind;
  readonly text: string;
  readonly actorId: string;
}

/**
 * The deepest place that contains every given path (`/a/b/c/` and `/a/b/d/` → `/a/b/`): where an
 * event escalated from signals in several places sits. `/` when they share nothing.
 */
export function commonPlacePath(paths: ReadonlyArray<string>): string {
  if (paths.length === 0) return '/';
  const split = paths.map((p) => p.split('/').filter((s) => s !== ''));
  const common: string[] = [];
  for (let i = 0; ; i++) {
    const seg = split[0][i];
    if (seg === undefined || split.some((s) => s[i] !== seg)) break;
    common.push(seg);
  }
  return common.length === 0 ? '/' : `/${common.join('/')}/`;
}

/** The place id a materialised path ends with (`/a/b/` → `b`), or null for `/`. */
export function placeIdOfPath(path: string): string | null {
  const segs = path.split('/').filter((s) => s !== '');
  return segs.at(-1) ?? null;
}

export function requireTitle(title: string, field = 'title'): string {
  const problems: FieldProblem[] = [];
  const t = typeof title === 'string' ? title.trim() : '';
  if (t === '') problems.push({ field, message: 'must not be empty' });
  else if (t.length > 300) problems.push({ field, message: 'at most 300 characters' });
  if (problems.length > 0) throw invalid(problems);
  return t;
}

export interface EventFilter {
  readonly status?: EventStatus;
  readonly hazardId?: string;
  /** Only events whose place path starts with this (the actor's jurisdiction). */
  readonly placePathPrefix: string;
  readonly limit: number;
  readonly offset: number;
}

/** Storage of events, their signals and their timeline. */
export interface EventRepository {
  insertEvent(e: ResponseEvent): Promise<void>;
  getEvent(id: string): Promise<ResponseEvent | undefined>;
  listEvents(
    filter: EventFilter,
  ): Promise<{ readonly items: ReadonlyArray<ResponseEvent>; readonly total: number }>;
  /**
   * Writes `next` when the stored version is still `expectedVersion` (next.version must be one more);
   * throws CONFLICT otherwise (optimistic versioning).
   */
  updateEvent(next: ResponseEvent, expectedVersion: number): Promise<void>;
  linkSignals(eventId: string, signalIds: ReadonlyArray<string>): Promise<void>;
  /** Takes one signal out of an event (nothing when it was not in it). */
  unlinkSignal(eventId: string, signalId: string): Promise<void>;
  signalIdsOf(eventId: string): Promise<ReadonlyArray<string>>;
  /** The events a signal was escalated to. */
  eventIdsOfSignal(signalId: string): Promise<ReadonlyArray<string>>;
  appendTimeline(entry: TimelineEntry): Promise<void>;
  timeline(eventId: string): Promise<ReadonlyArray<TimelineEntry>>;
}
