import type { DetectionRange } from './range.ts';

/**
 * What every detector returns, aligned with its range: per monitored point the observed count, the
 * expected count (NaN where the method defines none or could not compute it), the upper bound (NaN =
 * not available) and the alarm (`null` = undetermined, e.g. a missing count). Algorithms extend it
 * with their own extra outputs.
 */
export interface DetectionResult {
  readonly algorithm: string;
  readonly range: DetectionRange;
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  readonly upperBound: Float64Array;
  readonly alarm: ReadonlyArray<boolean | null>;
}

/** One monitored point as a row, for tables and CSV. */
export interface DetectionRow {
  readonly index: number;
  readonly observed: number;
  readonly expected: number;
  readonly upperBound: number;
  readonly alarm: boolean | null;
}

export function detectionRows(result: DetectionResult): DetectionRow[] {
  const rows: DetectionRow[] = [];
  for (let i = 0; i < result.observed.length; i++) {
    rows.push({
      index: result.range.from + i,
      observed: result.observed[i],
      expected: result.expected[i],
      upperBound: result.upperBound[i],
      alarm: result.alarm[i],
    });
  }
  return rows;
}
