/**
 * One run of a detection configuration: when, why (schedule or on demand), how many series it looked
 * at, how many alarms it saw and signals it opened or extended, and the problems of the series it
 * could not analyse (the batch goes on past them). Lifecycle: running → succeeded | partial | failed.
 */
export const DETECTION_TRIGGERS = ['schedule', 'manual'] as const;
export type DetectionTrigger = (typeof DETECTION_TRIGGERS)[number];

export const DETECTION_RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;
export type DetectionRunStatus = (typeof DETECTION_RUN_STATUSES)[number];

/** A series the run could not analyse, and why. `seriesId` is `*` for a problem of the whole run. */
export interface SeriesProblem {
  readonly seriesId: string;
  readonly code: string;
  readonly message: string;
}

export interface DetectionRun {
  readonly id: string;
  readonly configId: string;
  readonly trigger: DetectionTrigger;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: DetectionRunStatus;
  readonly seriesCount: number;
  readonly alarmCount: number;
  readonly signalsOpened: number;
  readonly signalsUpdated: number;
  readonly problems: ReadonlyArray<SeriesProblem>;
}

/** The outcome of a finished run: `partial` when some series had problems, `failed` when none could run. */
export function finishedStatus(
  seriesCount: number,
  problems: ReadonlyArray<SeriesProblem>,
): DetectionRunStatus {
  if (problems.some((p) => p.seriesId === '*')) return 'failed';
  if (problems.length === 0) return 'succeeded';
  return problems.length >= seriesCount && seriesCount > 0 ? 'failed' : 'partial';
}

export type DetectionRunResult = Pick<
  DetectionRun,
  'finishedAt' | 'status' | 'seriesCount' | 'alarmCount' | 'signalsOpened' | 'signalsUpdated' | 'problems'
>;

/** Storage of detection runs (used inside a transaction). */
export interface DetectionRunRepository {
  insertRun(run: DetectionRun): Promise<void>;
  finishRun(id: string, result: DetectionRunResult): Promise<void>;
  getRun(id: string): Promise<DetectionRun | undefined>;
  listRuns(filter: {
    readonly configIds: ReadonlyArray<string> | null;
    readonly limit: number;
    readonly offset: number;
  }): Promise<{ readonly items: ReadonlyArray<DetectionRun>; readonly total: number }>;
}
