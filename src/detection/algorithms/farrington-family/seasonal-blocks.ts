/**
 * Baseline of `farringtonFlexible` (Noufaily et al. 2013, §3; spec §2.2, §2.3): windows of ±w periods
 * around the same period of each of the b previous years form one seasonal level, and the stretch
 * between two consecutive windows is cut into `noPeriods − 1` further levels, so that the whole of the
 * past b years enters the model. The most recent periods are left out.
 */
import { DetectionInputError } from '../../errors.ts';
import { addYears, isoWeekday } from '../../series/calendar.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../../series/count-series.ts';
import { indexOfDate } from './index-of-date.ts';
import type { Scratch } from './scratch.ts';

export interface SeasonalBlocks {
  /** 0-based baseline indices in increasing order (missing counts not yet removed). */
  readonly indices: Int32Array;
  /** Seasonal level 1 … noPeriods of each baseline index (noPeriods = the windows). */
  readonly labels: Int32Array;
}

/**
 * The 0-based reference points `ref_0 = k, ref_1, …, ref_b` (one calendar year apart, weekly dates
 * snapped to k's weekday; period-indexed: `k − i·f`). Throws `DetectionInputError` as R does when one
 * of them is not in the series.
 */
export function referencePoints(series: CountSeries, k: number, b: number, scratch?: Scratch): Int32Array {
  const refs = scratch?.int('blocks.refs', b + 1) ?? new Int32Array(b + 1);
  if (!series.epochAsDate) {
    const f = PERIODS_PER_YEAR[series.frequency];
    for (let i = 0; i <= b; i++) refs[i] = k - i * f;
  } else {
    const t0 = series.dates[k];
    const weekday0 = isoWeekday(t0);
    for (let i = 0; i <= b; i++) {
      let d = addYears(t0, -i);
      if (series.frequency === 'weekly') {
        // The nearest date with t0's weekday (a shift of −3 … +3 days).
        const shift = (((weekday0 - isoWeekday(d)) % 7) + 7) % 7;
        d += shift <= 3 ? shift : shift - 7;
      }
      refs[i] = indexOfDate(series.dates, d);
    }
  }
  for (let i = 0; i <= b; i++) {
    if (refs[i] < 0) {
      throw new DetectionInputError(
        `time point ${k + 1}: some reference time points did not exist; decrease b or postpone the range`,
        'range',
      );
    }
  }
  return refs;
}

/**
 * R's `x[from:to] <- value` on 1-based positions of `labels` (stored 0-based): `from:to` counts down
 * when `to < from`, position 0 is ignored, negative positions are an error in R.
 */
function assign(labels: Int32Array, from: number, to: number, value: number): void {
  if (from < 0 || to < 0) {
    throw new DetectionInputError(
      'the seasonal blocks reach before the start of the series; decrease b or w, or postpone the range',
      'range',
    );
  }
  const step = to >= from ? 1 : -1;
  for (let t = from; ; t += step) {
    if (t > 0) labels[t - 1] = value;
    if (t === to) break;
  }
}

/**
 * Seasonal levels and baseline for time point k (0-based). Throws `DetectionInputError` where R stops:
 * a missing reference point, too many periods for the gap between windows ("Number of factors too
 * big!"), blocks before the series start. With `scratch` the arrays are views into it.
 */
export function seasonalBlocks(
  series: CountSeries,
  k: number,
  b: number,
  w: number,
  noPeriods: number,
  pastWeeksNotIncluded: number,
  scratch?: Scratch,
): SeasonalBlocks {
  const n = series.observed.length;
  const refs = referencePoints(series, k, b, scratch);
  const p = noPeriods;
  // 0 = not in the baseline; otherwise the level. Positions below are R's 1-based ones.
  const labels = scratch?.int('blocks.all', n).fill(0) ?? new Int32Array(n);
  const now = k + 1;
  assign(labels, now - w, now, p);
  for (let i = 1; i <= b; i++) {
    const refWeek = refs[i] + 1;
    const newer = refs[i - 1] + 1;
    assign(labels, refWeek - w, refWeek + w, p);
    if (p === 1) continue;
    const period = newer - 2 * w - 1 - refWeek;
    if (period < p - (2 * w + 1)) {
      throw new DetectionInputError(
        `time point ${k + 1}: ${p} seasonal periods do not fit between the windows (R: "Number of factors too big!")`,
        'noPeriods',
      );
    }
    const base = Math.floor(period / (p - 1));
    const rest = period % (p - 1);
    // The first `rest` (oldest) blocks get one period more.
    let start = refWeek + w + 1;
    for (let j = 1; j <= p - 1; j++) {
      const length = base + (j <= rest ? 1 : 0);
      // R quirk: an empty block gives `start:(start − 1)`, which labels two periods.
      assign(labels, start, start + length - 1, j);
      start += length;
    }
  }
  const excludeFrom = now - pastWeeksNotIncluded;
  if (excludeFrom < 0) {
    throw new DetectionInputError(
      `time point ${k + 1}: pastWeeksNotIncluded reaches before the start of the series`,
      'pastWeeksNotIncluded',
    );
  }
  for (let t = Math.max(1, excludeFrom); t <= now; t++) labels[t - 1] = 0;
  let count = 0;
  for (let t = 0; t < n; t++) if (labels[t] !== 0) count++;
  const indices = scratch?.int('blocks.indices', count) ?? new Int32Array(count);
  const out = scratch?.int('blocks.labels', count) ?? new Int32Array(count);
  let c = 0;
  for (let t = 0; t < n; t++) {
    if (labels[t] !== 0) {
      indices[c] = t;
      out[c] = labels[t];
      c++;
    }
  }
  return { indices, labels: out };
}
