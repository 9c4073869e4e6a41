/** The parts of the HTTP contract (GET /api/openapi.json) the action forms read and write. */
import type {
  Confidence,
  Consequences,
  Deadline,
  EventSummary,
  Likelihood,
  RiskLevel,
  Role,
  Signal,
  SignalDetails,
  TaskSummary,
} from './api-types.ts';

export const SIGNAL_LINK_KINDS = ['related', 'same-event', 'duplicate'] as const;
export type SignalLinkKind = (typeof SIGNAL_LINK_KINDS)[number];

export interface SignalLink {
  readonly signalId: string;
  readonly otherSignalId: string;
  readonly kind: SignalLinkKind;
  readonly createdBy: string;
  readonly at: string;
}

/** A signal as the API sends it, with the fields the base types leave out. */
export type FullSignal = Signal & { readonly placePath: string; readonly mergedIntoId: string | null };

export type FullSignalDetails = Omit<SignalDetails, 'signal'> & {
  readonly signal: FullSignal;
  readonly links: ReadonlyArray<SignalLink>;
  readonly mergedIds: ReadonlyArray<string>;
};

/** One entry of a signal's history (GET /api/signals/:id/history); before/after are the signal as JSON. */
export interface SignalHistoryEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly action: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly reason: string | null;
}

/** An active user, as the directory of colleagues shows them (GET /api/users/directory). */
export interface Colleague {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly jurisdictionPath: string;
}

export const EVENT_STATUSES = ['active', 'contained', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The same rule as the server's domain/event.ts: active ⇄ contained, either → closed. */
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

export type FullEvent = EventSummary & {
  readonly version: number;
  readonly leadDepartmentId: string;
  readonly coordinatorId: string;
  readonly hazardId: string | null;
  readonly placePath: string;
  readonly createdAt: string;
};

export interface FullRiskAssessment {
  readonly id: string;
  readonly version: number;
  readonly hazardAssessment: string;
  readonly exposureAssessment: string;
  readonly contextAssessment: string;
  readonly likelihood: Likelihood;
  readonly consequences: Consequences;
  readonly overallRisk: RiskLevel;
  readonly confidence: Confidence;
  readonly recommendedActions: ReadonlyArray<string>;
  readonly assessedBy: string;
  readonly assessedAt: string;
}

export type FullTask = TaskSummary & {
  readonly description: string;
  readonly assigneeId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export const EVIDENCE_KINDS = ['note', 'link'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  readonly id: string;
  readonly taskId: string;
  readonly kind: EvidenceKind;
  readonly body: string;
  readonly authorId: string;
  readonly at: string;
}

export interface TaskDetails {
  readonly task: FullTask;
  readonly evidence: ReadonlyArray<Evidence>;
}

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly jurisdictionPlaceId: string;
  readonly jurisdictionPath: string;
  readonly active: boolean;
  readonly version: number;
}

export const ROLES: ReadonlyArray<Role> = [
  'admin',
  'coordinator',
  'analyst',
  'assessor',
  'responder',
  'viewer',
];

export interface HazardRow {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly domain: string;
  readonly icd10: string | null;
  readonly synonyms: ReadonlyArray<string>;
  readonly active: boolean;
  readonly version: number;
}

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface DetectionConfig {
  readonly id: string;
  readonly name: string;
  readonly algorithm: string;
  readonly control: Readonly<Record<string, unknown>>;
  readonly selector: {
    readonly hazardIds: ReadonlyArray<string>;
    readonly placeIds: ReadonlyArray<string>;
    readonly sources: ReadonlyArray<string>;
    readonly strata: ReadonlyArray<string>;
    readonly frequency: Frequency;
  };
  readonly schedule: string | null;
  readonly monitoredEpochs: number;
  readonly enabled: boolean;
  readonly version: number;
}

export interface Algorithm {
  readonly name: string;
  readonly rFunction: string;
  readonly summary: string;
}

export interface DetectionRunResult {
  readonly run: {
    readonly id: string;
    readonly status: string;
    readonly seriesCount: number;
    readonly alarmCount: number;
    readonly signalsOpened: number;
    readonly signalsUpdated: number;
  };
  readonly configName: string;
}

export interface FullAuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly reason: string | null;
}

/** What an assessment form assesses: a signal, or an event (re-assessed on its page). */
export type AssessmentSubject = { readonly signalId: string } | { readonly eventId: string };

/** The API path of an assessment subject and its deadline subject type. */
export function subjectPath(s: AssessmentSubject): {
  readonly path: string;
  readonly type: 'signal' | 'event';
  readonly id: string;
} {
  return 'eventId' in s
    ? { path: `/api/events/${encodeURIComponent(s.eventId)}`, type: 'event', id: s.eventId }
    : { path: `/api/signals/${encodeURIComponent(s.signalId)}`, type: 'signal', id: s.signalId };
}

/** An event with its signals, deadlines and latest assessments (GET /api/events/:id). */
export interface FullEventDetails {
  readonly event: FullEvent;
  readonly signalIds: ReadonlyArray<string>;
  readonly deadlines: ReadonlyArray<
    Deadline & { readonly metAt: string | null; readonly breachedAt: string | null }
  >;
}
