import type { SimSet } from '../data/sim-set.ts';

/** Identifies one simulated series. */
export interface SeriesKey {
  readonly scenario: number;
  readonly replicate: number;
}

/**
 * The truth the scorer needs: for every series (ordered by scenario, replicate) and every
 * evaluation week, whether the week is an outbreak week. Cell `s * weeks.length + j` is series `s`,
 * week `weeks[j]`.
 */
export interface Truth {
  readonly keys: ReadonlyArray<SeriesKey>;
  /** The evaluation weeks as `week_index` values (1-based), increasing. */
  readonly weeks: Int32Array;
  readonly outbreak: Uint8Array;
}

/** The truth of a simulated set over the evaluation weeks `from … to` (1-based `week_index`). */
export function truthFromSimSet(set: SimSet, from: number, to: number): Truth {
  const nWeeks = to - from + 1;
  const weeks = new Int32Array(nWeeks);
  for (let j = 0; j < nWeeks; j++) weeks[j] = from + j;
  const outbreak = new Uint8Array(set.series.length * nWeeks);
  set.series.forEach((s, i) => {
    outbreak.set(s.outbreak.subarray(from - 1, to), i * nWeeks);
  });
  return { keys: set.series.map((s) => ({ scenario: s.scenario, replicate: s.replicate })), weeks, outbreak };
}

/** The key of a (scenario, replicate, week_index) cell, as used to align alarm files with the truth. */
export function cellKey(scenario: number, replicate: number, week: number): string {
  return `${scenario},${replicate},${week}`;
}
