/** The parts of the HTTP contract (GET /api/openapi.json) the UI reads. */
export const SIGNAL_STATES = [
  'new',
  'under-review',
  'monitoring',
  'discarded',
  'verified',
  'merged',
] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];
export type TriageState = Exclude<SignalState, 'merged'>;
export const TRIAGE_STATES: ReadonlyArray<TriageState> = [
  'under-review',
  'monitoring',
  'discarded',
  'verified',
];
export const SIGNAL_SORTS = ['created', 'updated', 'priority', 'last-epoch'] as const;
export type SignalSort = (typeof SIGNAL_SORTS)[number];
export type Role = 'admin' | 'coordinator' | 'analyst' | 'assessor' | 'responder' | 'viewer';
export type Priority = 'low' | 'medium' | 'high' | 'critical';

/** The same rule as the server's domain/signal.ts (the server checks it again). */
export function allowedTransitions(from: SignalState): ReadonlyArray<TriageState> {
  switch (from) {
    case 'new':
      return ['under-review'];
    case 'under-review':
      return ['discarded', 'monitoring', 'verified'];
    case 'monitoring':
      return ['under-review', 'discarded', 'verified'];
    case 'discarded':
      return ['under-review'];
    case 'verified':
    case 'merged':
      return [];
  }
}

export interface ActorView {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly jurisdictionPlaceId: string;
  readonly jurisdictionPath: string;
}

export interface IndicatorExplanation {
  readonly kind: 'indicator';
  readonly epoch: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
  readonly score: number | null;
  readonly baseline: {
    readonly stretches: ReadonlyArray<{
      readonly from: string;
      readonly to: string;
      readonly epochs: number;
    }>;
    readonly epochs: number;
    readonly description: string;
  };
  readonly algorithm: string;
  readonly rFunction: string;
  readonly control: Readonly<Record<string, unknown>>;
  readonly configName: string;
  readonly alarmCount: number;
}

export interface EventExplanation {
  readonly kind: 'event-based';
  readonly summary: string;
}

export interface Signal {
  readonly id: string;
  readonly source: 'indicator' | 'event-based';
  readonly state: SignalState;
  readonly title: string;
  readonly hazardId: string | null;
  readonly placeId: string | null;
  readonly seriesId: string | null;
  readonly firstEpoch: string;
  readonly lastEpoch: string;
  readonly explanation: IndicatorExplanation | EventExplanation;
  readonly priority: Priority;
  readonly assigneeId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface SignalPage {
  readonly items: ReadonlyArray<Signal>;
  readonly total: number;
  readonly totalExact: boolean;
  readonly nextCursor: string | null;
}

export interface Alarm {
  readonly epoch: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
}

export interface SignalDetails {
  readonly signal: Signal;
  readonly alarms: ReadonlyArray<Alarm>;
  readonly transitions: ReadonlyArray<{
    readonly id: string;
    readonly fromState: SignalState | null;
    readonly toState: SignalState;
    readonly actorId: string;
    readonly at: string;
    readonly reason: string | null;
  }>;
  readonly comments: ReadonlyArray<{
    readonly id: string;
    readonly authorId: string;
    readonly body: string;
    readonly at: string;
  }>;
}

export interface SeriesValues {
  readonly series: { readonly id: string; readonly frequency: string; readonly unit: string };
  readonly values: ReadonlyArray<{ readonly epoch: string; readonly count: number | null }>;
}

export interface Named {
  readonly id: string;
  readonly name: string;
}
export interface Department extends Named {
  readonly nameZh: string | null;
}
export interface Place extends Named {
  readonly nameLocal: string | null;
}
export interface Page<T> {
  readonly items: ReadonlyArray<T>;
  readonly total: number;
}

export const RISK_LEVELS = ['very-high', 'high', 'moderate', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface EventSummary {
  readonly id: string;
  readonly title: string;
  readonly status: 'active' | 'contained' | 'closed';
  readonly riskLevel: RiskLevel | null;
  readonly updatedAt: string;
}

export interface TaskSummary {
  readonly id: string;
  readonly eventId: string;
  readonly title: string;
  readonly departmentId: string;
  readonly dueAt: string;
  readonly state: TaskState;
  readonly overdue: boolean;
  readonly priority: TaskPriority;
  readonly version: number;
}

export const TASK_STATES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** The same rule as the server's domain/response-task.ts. */
export function allowedTaskTransitions(from: TaskState): ReadonlyArray<TaskState> {
  switch (from) {
    case 'open':
      return ['in-progress', 'done', 'cancelled'];
    case 'in-progress':
      return ['open', 'done', 'cancelled'];
    case 'done':
      return ['in-progress'];
    case 'cancelled':
      return [];
  }
}

export interface EventDetails {
  readonly event: EventSummary & { readonly version: number; readonly leadDepartmentId: string };
  readonly signalIds: ReadonlyArray<string>;
  readonly deadlines: ReadonlyArray<Deadline>;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly reason: string | null;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenAtSeq?: number;
  readonly problem?: string;
}

export interface Deadline {
  readonly id: string;
  readonly ruleCode: string;
  readonly ruleName: string;
  readonly legalBasis: string;
  readonly subjectType: 'signal' | 'event';
  readonly subjectId: string;
  readonly dueAt: string;
  readonly status: 'due' | 'met' | 'breached';
}

export const LIKELIHOODS = [
  'almost-certain',
  'highly-likely',
  'likely',
  'unlikely',
  'very-unlikely',
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export const CONSEQUENCES = ['minimal', 'minor', 'moderate', 'major', 'severe'] as const;
export type Consequences = (typeof CONSEQUENCES)[number];
export const CONFIDENCE_LEVELS = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export interface RiskMatrix {
  readonly matrix: Readonly<Record<Likelihood, Readonly<Record<Consequences, RiskLevel>>>>;
}

export interface RiskAssessment {
  readonly id: string;
  readonly version: number;
  readonly likelihood: Likelihood;
  readonly consequences: Consequences;
  readonly overallRisk: RiskLevel;
  readonly confidence: Confidence;
  readonly assessedAt: string;
  readonly assessedBy: string;
}

/** What a role may do in the UI (the server checks every call again). */
export function roleCan(
  role: Role,
  what: 'triage' | 'assess' | 'escalate' | 'assign' | 'update-task' | 'audit',
): boolean {
  switch (what) {
    case 'escalate':
    case 'assign':
    case 'audit':
      return role === 'admin' || role === 'coordinator';
    case 'update-task':
      return role === 'admin' || role === 'coordinator' || role === 'responder';
    case 'triage':
      return role === 'admin' || role === 'coordinator' || role === 'analyst' || role === 'assessor';
    case 'assess':
      return role === 'admin' || role === 'coordinator' || role === 'assessor';
  }
}

export const IHR_QUESTIONS = [
  'seriousImpact',
  'unusual',
  'internationalSpread',
  'travelTradeRestrictions',
] as const;
export type IhrQuestion = (typeof IHR_QUESTIONS)[number];
export const IHR_CATEGORIES = ['always-notifiable', 'always-algorithm', 'potential-concern'] as const;
export type IhrCategory = (typeof IHR_CATEGORIES)[number];

export interface IhrAssessment {
  readonly id: string;
  readonly version: number;
  readonly category: IhrCategory;
  readonly outcome: 'notifiable' | 'not-notifiable';
  readonly basis: 'always-notifiable-disease' | 'two-or-more-yes' | 'fewer-than-two-yes';
  readonly answers: Partial<Record<IhrQuestion, { readonly answer: boolean; readonly rationale: string }>>;
  readonly assessedAt: string;
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
export function isTimelineKind(v: string): v is TimelineKind {
  return (TIMELINE_KINDS as ReadonlyArray<string>).includes(v);
}
