/**
 * An observation: the count of one series in one epoch. Values are never overwritten: a corrected
 * count is a new revision, and earlier revisions stay, so a series can be read as it is now or as it
 * was at any earlier time.
 */

export interface ObservationRevision {
  readonly seriesId: string;
  /** Start date of the epoch, `YYYY-MM-DD`. */
  readonly epoch: string;
  /** 1 for the first value; each correction adds one. */
  readonly revision: number;
  /** null = reported as missing. */
  readonly count: number | null;
  readonly population: number | null;
  readonly importId: string;
  readonly recordedAt: string;
}

/** The latest revision of one epoch of a series, as the import compares against it. */
export interface CurrentValue {
  readonly seriesId: string;
  readonly epoch: string;
  readonly revision: number;
  readonly count: number | null;
  readonly population: number | null;
}

/** New revisions, column-wise (a million rows stay small). NaN in count/population means null. */
export interface RevisionBatch {
  readonly length: number;
  readonly seriesId: ReadonlyArray<string>;
  readonly epoch: ReadonlyArray<string>;
  readonly revision: Int32Array;
  readonly count: Float64Array;
  readonly population: Float64Array;
}

export interface ObservationRepository {
  /** The latest revision of every epoch of these series. */
  currentValues(seriesIds: ReadonlyArray<string>): Promise<ReadonlyArray<CurrentValue>>;
  /** Appends revisions (all recorded by one import at one time). */
  insertRevisions(batch: RevisionBatch, importId: string, recordedAt: string): Promise<void>;
  /** Every revision of a series, by epoch then revision (optionally only epochs in [from, to]). */
  revisions(
    seriesId: string,
    range?: { readonly from?: string; readonly to?: string },
  ): Promise<ReadonlyArray<ObservationRevision>>;
}

/**
 * Whether an incoming value (NaN for null, as in a `RevisionBatch`) equals the stored latest revision:
 * then the import leaves it alone; otherwise it becomes the next revision.
 */
export function sameValue(
  count: number,
  population: number,
  current: Pick<CurrentValue, 'count' | 'population'>,
): boolean {
  return (
    (Number.isNaN(count) ? current.count === null : current.count === count) &&
    (Number.isNaN(population) ? current.population === null : current.population === population)
  );
}

/**
 * The value of each epoch as known at `asOf` (an ISO time; undefined: now): the latest revision recorded
 * at or before then. Epochs first recorded later are absent. Input ordered by epoch then revision.
 */
export function valuesAsOf(
  revisions: ReadonlyArray<ObservationRevision>,
  asOf?: string,
): ReadonlyArray<ObservationRevision> {
  const out: ObservationRevision[] = [];
  for (const r of revisions) {
    if (asOf !== undefined && r.recordedAt > asOf) continue;
    const last = out.at(-1);
    if (last !== undefined && last.epoch === r.epoch) out[out.length - 1] = r;
    else out.push(r);
  }
  return out;
}
