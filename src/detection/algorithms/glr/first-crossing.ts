/**
 * A faster way to run R's unit-step searches ("increase x until the chart alarms") over a statistic that
 * is mathematically monotone in the trial count, with exactly the result of the unit-step search.
 *
 * `accept(v, slack)` must test the computed statistic at trial count v against the threshold relaxed
 * by `slack` (slack = 0 is R's exact test). If `accept(u, SLACK)` is false, then — because the true
 * statistic is monotone and the computed one is within far less than SLACK of it — `accept(v, 0)` is
 * false for every v ≤ u, so the unit-step search may jump past u. A few unit steps are taken first, so
 * small counts are searched exactly as R does.
 */

/** Threshold relaxation used to skip trial counts safely; far above the statistics' round-off. */
export const CROSSING_SLACK = 1e-6;

const LINEAR_STEPS = 8;

/**
 * The first v in `from … to` (integers, ascending) with `accept(v, 0)`, or −1 when there is none.
 */
export function firstCrossing(
  from: number,
  to: number,
  accept: (v: number, slack: number) => boolean,
): number {
  let v = from;
  const linearEnd = Math.min(to, from + LINEAR_STEPS - 1);
  for (; v <= linearEnd; v++) if (accept(v, 0)) return v;
  if (v > to) return -1;
  // Gallop to a relaxed crossing, then bisect for the smallest relaxed acceptance.
  let lo = v - 1; // known: no exact acceptance at or below lo
  let step = LINEAR_STEPS;
  let hi = -1;
  while (hi < 0) {
    const probe = Math.min(to, lo + step);
    if (accept(probe, CROSSING_SLACK)) hi = probe;
    else {
      if (probe === to) return -1;
      lo = probe;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (accept(mid, CROSSING_SLACK)) hi = mid;
    else lo = mid;
  }
  for (v = lo + 1; v <= to; v++) if (accept(v, 0)) return v;
  return -1;
}
