/**
 * Counts needed for an alarm of the negative binomial GLR chart (spec §5.4 "NB cases"), as R
 * `surveillance` 1.20.3 computes them by brute force in `algo.glrnb`: for every point of a segment up to
 * its alarm, move that one count by ±1 and rerun the chart until the alarm status of the point changes.
 *
 * Rerunning the whole segment is not needed: the points before `pos` are unchanged and raised no alarm,
 * so the modified segment alarms at or before `pos` exactly when GLR_pos with the modified count
 * reaches c. Only that one statistic is recomputed, and it stops as soon as a window reaches c.
 */
import { DetectionInputError } from '../../errors.ts';
import { isMissing } from '../../series/missing.ts';
import { firstCrossing } from './first-crossing.ts';
import { type NbGlrSettings, nbGlrAt } from './nb-glr-chart.ts';

/** R's value when no count up to `xMax` raises an alarm. */
export const NB_CASES_NOT_FOUND = 1e99;

/**
 * Fills `cases[start … last]` (last = the alarm index `alarmAt`, or `end − 1` without alarm). A point
 * whose count cannot be lowered enough to lose the alarm gets NaN (R's NA).
 */
export function nbGlrCases(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  end: number,
  alarmAt: number,
  s: NbGlrSettings,
  xMax: number,
  cases: Float64Array,
): void {
  const c = s.threshold;
  const last = alarmAt < 0 ? end - 1 : alarmAt;
  const firstEvaluated = start + Math.max(s.Mtilde - 1, 0);
  for (let pos = start; pos <= last; pos++) {
    const xPos = x[pos];
    if (isMissing(xPos)) {
      // R's search loop tests NA and stops with "missing value where TRUE/FALSE needed".
      throw new DetectionInputError(
        `count ${pos + 1} of the range is missing: the NB GLR "cases" search cannot run (R fails here too)`,
        'observed',
      );
    }
    if (pos !== alarmAt) {
      // R raises x_pos by 1 while 1 ≤ x_pos ≤ xMax: a zero count (R quirk), a point the chart never
      // evaluates, or a chart for decreases (whose GLR cannot grow with x_pos) never succeeds.
      if (xPos < 1 || xPos > xMax || pos < firstEvaluated || s.direction === -1) {
        cases[pos] = NB_CASES_NOT_FOUND;
        continue;
      }
      // GLR_pos is non-decreasing in x_pos for d = +1, so the unit steps may be skipped safely.
      const v = firstCrossing(xPos + 1, Math.floor(xMax) + 1, (trial, slack) => {
        const target = c - slack * Math.max(1, Math.abs(c));
        return nbGlrAt(x, mu0, start, pos, trial, s, target) >= target;
      });
      cases[pos] = v < 0 ? NB_CASES_NOT_FOUND : v;
    } else {
      let v = xPos;
      let found = Number.NaN;
      while (v <= xMax && v >= 1) {
        v--;
        if (nbGlrAt(x, mu0, start, pos, v, s, c) < c) {
          found = v + 1;
          break;
        }
      }
      cases[pos] = found;
    }
  }
}
