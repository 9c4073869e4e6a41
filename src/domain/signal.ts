/**
 * A signal: a record a person triages. Indicator-based signals come from detection alarms (one per
 * series per episode of consecutive alarms); event-based signals come from reports. The inbox treats
 * both alike. Lifecycle: new → under-review → discarded | monitoring | verified; a duplicate leaves the
 * inbox by being merged into another signal.
 */
import { DomainError } from './errors.ts';
import type { SignalExplanation } from './signal-explanation.ts';
import type { SignalPriority } from './signal-priority.ts';
import type { SignalListQuery, SignalPage } from './signal-query.ts';

export const SIGNAL_SOURCES = ['indicator', 'event-based'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const SIGNAL_STATES = [
  'new',
  'under-review',
  'monitoring',
  'discarded',
  'verified',
  'merged',
] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export function isSignalState(v: unknown): v is SignalState {
  return typeof v === 'string' && (SIGNAL_STATES as ReadonlyArray<string>).includes(v);
}

export function isSignalSource(v: unknown): v is SignalSource {
  return typeof v === 'string' && (SIGNAL_SOURCES as ReadonlyArray<string>).includes(v);
}

/**
 * The states a person moves a signal to with a transition. `merged` is reached only by merging (it
 * needs a target), never by a plain transition.
 */
export type TriageState = Exclude<SignalState, 'merged'>;

/**
 * Allowed transitions. A new signal is looked at first; under review it is discarded, kept under
 * monitoring or verified; a monitored signal is reviewed again or decided; a discarded one can be
 * reopened for review. Verified and merged signals are final (a verified signal goes on to an event).
 */
export function allowedSignalTransitions(from: SignalState): ReadonlyArray<TriageState> {
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

export function requireSignalTransition(signalId: string, from: SignalState, to: SignalState): void {
  const allowed: ReadonlyArray<SignalState> = allowedSignalTransitions(from);
  if (!allowed.includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `signal ${signalId} is ${from}; it cannot become ${to}` +
        (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ' (no further transitions)'),
      { from, to, allowed },
    );
  }
}

/**
 * Whether the signal is still being worked: new alarms of the same episode extend an open signal; a
 * closed one (discarded, verified, merged) makes the next alarm open a new signal.
 */
export function isOpenSignalState(state: SignalState): boolean {
  switch (state) {
    case 'new':
    case 'under-review':
    case 'monitoring':
      return true;
    case 'discarded':
    case 'verified':
    case 'merged':
      return false;
  }
}

export const OPEN_SIGNAL_STATES: ReadonlyArray<SignalState> = SIGNAL_STATES.filter(isOpenSignalState);

export interface Signal {
  readonly id: string;
  readonly source: SignalSource;
  readonly state: SignalState;
  readonly title: string;
  readonly hazardId: string | null;
  readonly placeId: string | null;
  /** The place's materialised path (`/` when the signal has no place), for jurisdiction checks. */
  readonly placePath: string;
  /** Indicator signals: the series and detection configuration that raised it. */
  readonly seriesId: string | null;
  readonly configId: string | null;
  /**
   * The period the signal covers, `YYYY-MM-DD`: the first and last alarm epoch of an indicator signal,
   * the report date(s) of an event-based one. The inbox's date filter and sort use the last epoch.
   */
  readonly firstEpoch: string;
  readonly lastEpoch: string;
  /** What explains it (indicator: the latest alarm's numbers and the method; event-based: free form). */
  readonly explanation: SignalExplanation;
  readonly priority: SignalPriority;
  readonly assigneeId: string | null;
  /** Set when this signal was merged into another (its state is then `merged`). */
  readonly mergedIntoId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** One alarm of an indicator signal: an epoch where the method raised an alarm. */
export interface SignalAlarm {
  readonly signalId: string;
  readonly epoch: string;
  readonly runId: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
  readonly score: number | null;
}

export interface SignalTransition {
  readonly id: string;
  readonly signalId: string;
  /** null for the signal's creation. */
  readonly fromState: SignalState | null;
  readonly toState: SignalState;
  readonly actorId: string;
  readonly at: string;
  readonly reason: string | null;
}

export interface SignalComment {
  readonly id: string;
  readonly signalId: string;
  readonly authorId: string;
  readonly body: string;
  readonly at: string;
}

export const SIGNAL_LINK_KINDS = ['related', 'same-event', 'duplicate'] as const;
export type SignalLinkKind = (typeof SIGNAL_LINK_KINDS)[number];

/**
 * A link between two related signals, stored once from the signal it was made on and shown on both.
 * `duplicate` links are written by merges.
 */
export interface SignalLink {
  readonly signalId: string;
  readonly otherSignalId: string;
  readonly kind: SignalLinkKind;
  readonly createdBy: string;
  readonly at: string;
}

/**
 * A signal with everything the detail view shows. Alarms and comments include those of the signals
 * merged into it (each row names the signal it belongs to).
 */
export interface SignalDetails {
  readonly signal: Signal;
  readonly alarms: ReadonlyArray<SignalAlarm>;
  readonly transitions: ReadonlyArray<SignalTransition>;
  readonly comments: ReadonlyArray<SignalComment>;
  readonly links: ReadonlyArray<SignalLink>;
  /** Ids of the signals merged into this one (directly or through a chain of merges). */
  readonly mergedIds: ReadonlyArray<string>;
}

/** The fields a write may change; `updatedAt` and the version bump are the repository's. */
export type SignalChanges = Partial<
  Pick<
    Signal,
    | 'state'
    | 'title'
    | 'lastEpoch'
    | 'firstEpoch'
    | 'explanation'
    | 'priority'
    | 'assigneeId'
    | 'mergedIntoId'
  >
>;

/** Where an assignee stands (for the rule that they can triage and see the signal). */
export interface AssigneeInfo {
  readonly id: string;
  readonly role: string;
  readonly active: boolean;
  readonly jurisdictionPath: string;
}

/** What the episode rule needs to know about the signals one detection configuration raised on one series. */
export interface SeriesSignalState {
  /** Alarms already recorded at these epochs (or later), with the state of the signal holding each. */
  readonly recorded: ReadonlyArray<{
    readonly epoch: string;
    readonly signalId: string;
    readonly state: SignalState;
  }>;
  /** The open signals of this series and configuration (usually none or one). */
  readonly open: ReadonlyArray<Signal>;
}

/** Storage of signals, their alarms, transitions, comments and links (used inside a transaction). */
export interface SignalRepository {
  get(id: string): Promise<Signal | undefined>;
  details(id: string): Promise<SignalDetails | undefined>;
  list(query: SignalListQuery): Promise<SignalPage>;
  insert(signal: Signal): Promise<void>;
  /**
   * Applies `changes` when the stored version is still `expectedVersion`, bumps the version and sets
   * `updatedAt`; throws CONFLICT otherwise. Returns the signal as stored.
   */
  update(id: string, expectedVersion: number, changes: SignalChanges, at: string): Promise<Signal>;
  addAlarms(alarms: ReadonlyArray<SignalAlarm>): Promise<void>;
  addTransition(transition: SignalTransition): Promise<void>;
  addComment(comment: SignalComment): Promise<void>;
  /** Adds a link; false when the two signals were already linked (either way round). */
  addLink(link: SignalLink): Promise<boolean>;
  /** Removes the link between two signals (either way round); false when there was none. */
  removeLink(signalId: string, otherSignalId: string): Promise<boolean>;
  /** The materialised path of a place, or undefined when there is no such place. */
  placePath(placeId: string): Promise<string | undefined>;
  assignee(userId: string): Promise<AssigneeInfo | undefined>;
  /** Recorded alarms at epochs ≥ `fromEpoch` and the open signals of (series, configuration). */
  seriesSignalState(seriesId: string, configId: string, fromEpoch: string): Promise<SeriesSignalState>;
}
