/**
 * OutbreakP: Frisén M, Andersson E, Schiöler L (2009), "Robust outbreak surveillance of epidemics in
 * Sweden", Stat Med 28:476–493, and Frisén M, Andersson E (2009), Sequential Analysis 28:434–454, as
 * implemented by R `surveillance` 1.20.3 `algo.outbreakP` (spec §9). The statistic is the likelihood ratio
 * of a non-decreasing Poisson mean (fitted by isotonic regression) against a constant one, computed from
 * the start of the series at every point.
 *
 * R rebuilds the isotonic fit from scratch at every point and for every trial of the "cases" search. Here
 * the pool-adjacent-violators stack of the series before the current point is kept, so a point (or a
 * trial value of it) only pushes one value: the statistic costs O(n) per point, as R's product must be
 * evaluated factor by factor to give R's numbers. A trial of the search only needs the alarm decision, so
 * it is first decided from the statistic's logarithm in O(number of merged blocks + log n), and R's product
 * is evaluated only where that decision is not certain (near the threshold, or where R's product could
 * overflow or underflow). On long series with large counts R's product underflows to exactly 0; once a
 * trial of an upward search has shown that, later trials only check for a +∞ factor (0·∞ = NaN).
 * Every shortcut reproduces R's value, including its 0, +∞ and NaN.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import type { CountSeries } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';

export interface OutbreakPOptions {
  /** Alarm threshold for the likelihood-ratio statistic: alarm when OutbreakP > k (R `control$k`). */
  readonly k: number;
  /**
   * What `upperBound` holds (R `control$ret`): `value` the statistic itself; `cases` the count at the
   * current point that would change the alarm decision ("needed number of cases before alarm").
   */
  readonly ret: 'value' | 'cases';
  /** Largest count tried by the `cases` search, in cases (R `control$maxUpperboundCases`). */
  readonly maxUpperboundCases: number;
}

/** R's defaults (`match.arg` picks "value" when `ret` is not given). */
export const DEFAULT_OUTBREAK_P_OPTIONS: Readonly<OutbreakPOptions> = Object.freeze({
  k: 100,
  ret: 'value',
  maxUpperboundCases: 1e5,
});

export interface OutbreakPResult extends DetectionResult {
  /** The OutbreakP statistic per monitored point; +Inf or NaN where R's product overflows. */
  readonly statistic: Float64Array;
  /**
   * With `ret = 'cases'`: the count at the current point that would change the alarm decision (the
   * smallest alarming count, or one more than the largest non-alarming one); NaN where R gives NA (first
   * point with k ≥ 1, NaN statistic, search bounds reached, or a search R would never finish). Null with
   * `ret = 'value'`.
   */
  readonly neededCases: Float64Array | null;
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function outbreakPOptions(options?: Partial<OutbreakPOptions>): OutbreakPOptions {
  const merged: OutbreakPOptions = { ...DEFAULT_OUTBREAK_P_OPTIONS, ...options };
  const problems: OptionProblem[] = [];
  if (!(typeof merged.k === 'number' && Number.isFinite(merged.k))) {
    problems.push({ option: 'k', message: `expected a finite number, got ${merged.k}` });
  }
  if (merged.ret !== 'value' && merged.ret !== 'cases') {
    problems.push({
      option: 'ret',
      message: `expected "value" or "cases", got ${JSON.stringify(merged.ret)}`,
    });
  }
  const max = merged.maxUpperboundCases;
  if (!(typeof max === 'number' && Number.isFinite(max) && max >= 0)) {
    problems.push({ option: 'maxUpperboundCases', message: `expected a finite number ≥ 0, got ${max}` });
  }
  if (problems.length > 0) throw new DetectionOptionsError('outbreakP', problems);
  return merged;
}

/** R has no default range; the statistic is defined at every point, so Tocsin monitors the whole series. */
export function defaultOutbreakPRange(series: CountSeries): DetectionRange {
  const n = series.observed.length;
  if (n === 0) throw new DetectionInputError('outbreakP needs at least one observation', 'observed');
  return { from: 0, to: n - 1 };
}

/** R's `x ^ y` for doubles (`R_POW`: squares by multiplication, `1 ^ y` and `x ^ 0` are 1). */
function rPow(x: number, y: number): number {
  if (y === 2) return x * x;
  if (x === 1 || y === 0) return 1;
  return x ** y;
}

/** Below this many natural-log units R's product can neither overflow nor reach subnormal numbers. */
const SAFE_LOG = 600;

const ALARM = 1;
const NO_ALARM = 0;
const NAN = -1;

/**
 * The pool-adjacent-violators stack of the series before the current point: blocks in order, with their
 * start, sum, size and mean (means strictly increase), plus running sums of S_b and S_b·log m_b over the
 * stack for the log-scale screening. `xbar` is R's running mean of the same values.
 */
class IsotonicStack {
  readonly start: Int32Array;
  readonly sum: Float64Array;
  readonly size: Float64Array;
  readonly mean: Float64Array;
  /** Largest count of each block. */
  readonly max: Float64Array;
  readonly cumSum: Float64Array;
  readonly cumSumLog: Float64Array;
  blocks = 0;
  xbar = 0;

  // The merge a push of a trial value would make: blocks 0…top stay, the rest merge with the value.
  top = -1;
  mergedStart = 0;
  mergedSum = 0;
  mergedMean = 0;
  mergedMax = 0;

  /** Block in which the last exact evaluation's running product became exactly 0, or −1. */
  zeroBlock = -1;
  /** Last kept block whose largest factor `decideAfterZero` found finite in the current search. */
  finiteUpTo = -1;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.sum = new Float64Array(capacity);
    this.size = new Float64Array(capacity);
    this.mean = new Float64Array(capacity);
    this.max = new Float64Array(capacity);
    this.cumSum = new Float64Array(capacity);
    this.cumSumLog = new Float64Array(capacity);
  }

  /** Works out (without changing the stack) how value `v` at position `t` would merge, as R's loop does. */
  merge(v: number, t: number): void {
    let s = v;
    let c = 1;
    let mean = v;
    let start = t;
    let max = v;
    let b = this.blocks - 1;
    // R merges while the new block's mean is ≤ the previous block's mean (ties are pooled).
    while (b >= 0 && mean <= this.mean[b]) {
      s = s + this.sum[b];
      c = c + this.size[b];
      mean = s / c;
      start = this.start[b];
      if (this.max[b] > max) max = this.max[b];
      b--;
    }
    this.top = b;
    this.mergedStart = start;
    this.mergedSum = s;
    this.mergedMean = mean;
    this.mergedMax = max;
  }

  /** Pushes value `v` at position `t` for good (after `merge(v, t)` was called). */
  commit(v: number, t: number): void {
    const b = this.top + 1;
    const s = this.mergedSum;
    this.start[b] = this.mergedStart;
    this.sum[b] = s;
    this.size[b] = t - this.mergedStart + 1;
    this.mean[b] = this.mergedMean;
    this.max[b] = this.mergedMax;
    this.cumSum[b] = (b > 0 ? this.cumSum[b - 1] : 0) + s;
    this.cumSumLog[b] = (b > 0 ? this.cumSumLog[b - 1] : 0) + (s > 0 ? s * Math.log(this.mergedMean) : 0);
    this.blocks = b + 1;
    this.xbar = this.trialMean(v, t);
  }

  /** R's running mean `xbar + (x − xbar)/i` with the value at position t replaced by v. */
  trialMean(v: number, t: number): number {
    return this.xbar + (v - this.xbar) / (t + 1);
  }

  /**
   * R's product Π (ŷ_j / x̄)^{x_j}, factor by factor in R's order, for the merge last worked out. The
   * fitted means rise along the series, so the factors below 1 all come first: once the running product
   * is +∞ it stays +∞, and once it is 0 only a later +∞ factor (0·∞ = NaN) can change it, which the
   * largest count of each remaining block decides. Stopping there gives R's value without the rest.
   */
  exactStatistic(x: Float64Array, v: number, t: number, xbar: number): number {
    this.zeroBlock = -1;
    let stat = 1;
    const blocks = this.top + 2;
    for (let b = 0; b < blocks; b++) {
      const merged = b === blocks - 1;
      const m = merged ? this.mergedMean : this.mean[b];
      // R fixes 0/0 = 1 so an all-zero series gives no NaN.
      const div = m === 0 && xbar === 0 ? 1 : m / xbar;
      const from = merged ? this.mergedStart : this.start[b];
      const end = merged ? t + 1 : b < this.top ? this.start[b + 1] : this.mergedStart;
      for (let j = from; j < end; j++) {
        stat = stat * rPow(div, j === t ? v : x[j]);
        if (stat === 0) {
          this.zeroBlock = b;
          return this.zeroTail(b, xbar);
        }
        if (stat === Number.POSITIVE_INFINITY) return stat;
      }
    }
    return stat;
  }

  /**
   * R's product once the running product has become 0 in block `b`: the factors of that block and the
   * ones before are below 1, so the result is NaN if some later factor is +∞ (decided by each block's
   * largest count) and 0 otherwise.
   */
  private zeroTail(b: number, xbar: number): number {
    const blocks = this.top + 2;
    for (let c = b + 1; c < blocks; c++) {
      const merged = c === blocks - 1;
      const div = (merged ? this.mergedMean : this.mean[c]) / xbar;
      if (div > 1 && rPow(div, merged ? this.mergedMax : this.max[c]) === Number.POSITIVE_INFINITY) {
        return Number.NaN;
      }
    }
    return 0;
  }

  /**
   * The alarm decision R's product would give for value v at position t (after `merge(v, t)`), or NAN.
   * With S_b the block sums, m_b the block means and L = log x̄, every partial product of R's loop lies
   * between exp(−Neg) and exp(Pos), Pos = Σ_{m_b > x̄} S_b (log m_b − L), Neg = Σ_{m_b < x̄} S_b (L − log m_b),
   * and log OutbreakP = Pos − Neg. Where those bounds rule out overflow and underflow, R's value is the
   * exact statistic up to a relative error of about (Σx + 3n)·ε, far inside the margin used here.
   */
  decide(x: Float64Array, v: number, t: number, k: number): number {
    const xbar = this.trialMean(v, t);
    if (xbar > 0 && k > 0) {
      const logXbar = Math.log(xbar);
      const top = this.top;
      const sumTop = top >= 0 ? this.cumSum[top] : 0;
      const sumLogTop = top >= 0 ? this.cumSumLog[top] : 0;
      const ms = this.mergedSum;
      const mergedLog = ms > 0 ? ms * Math.log(this.mergedMean) : 0;
      // First kept block whose mean exceeds x̄ (means increase along the stack).
      let lo = 0;
      let hi = top + 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.mean[mid] > xbar) hi = mid;
        else lo = mid + 1;
      }
      const sumBelow = lo > 0 ? this.cumSum[lo - 1] : 0;
      const sumLogBelow = lo > 0 ? this.cumSumLog[lo - 1] : 0;
      let pos = sumLogTop - sumLogBelow - logXbar * (sumTop - sumBelow);
      let neg = logXbar * sumBelow - sumLogBelow;
      const mergedTerm = mergedLog - ms * logXbar;
      if (mergedTerm > 0) pos += mergedTerm;
      else neg -= mergedTerm;
      const total = sumTop + ms;
      const logStat = sumLogTop + mergedLog - total * logXbar;
      const margin =
        1e-9 * (1 + total + t + Math.abs(sumLogTop) + Math.abs(mergedLog) + total * Math.abs(logXbar));
      const logK = Math.log(k);
      if (neg < SAFE_LOG) {
        if (logStat > logK + margin) return ALARM;
        if (pos < SAFE_LOG && logStat < logK - margin) return NO_ALARM;
      }
    }
    const stat = this.exactStatistic(x, v, t, xbar);
    if (Number.isNaN(stat)) return NAN;
    return stat > k ? ALARM : NO_ALARM;
  }

  /**
   * The decision for a larger trial value in an upward search whose earlier trial's product became 0 in
   * kept block `zeroBlock`. A larger value raises x̄, so every kept factor shrinks (the fitted means of the
   * kept blocks do not change) and the running product is 0 there again: R's value is 0, or NaN if a later
   * factor is +∞. A kept block found finite for a smaller value stays finite, so `finiteUpTo` carries over
   * from one trial to the next (reset it to −1 when a search starts).
   */
  decideAfterZero(v: number, t: number, k: number, zeroBlock: number): number {
    const xbar = this.trialMean(v, t);
    for (let b = Math.max(this.finiteUpTo, zeroBlock) + 1; b <= this.top; b++) {
      if (rPow(this.mean[b] / xbar, this.max[b]) === Number.POSITIVE_INFINITY) return NAN;
      this.finiteUpTo = b;
    }
    if (rPow(this.mergedMean / xbar, this.mergedMax) === Number.POSITIVE_INFINITY) return NAN;
    return 0 > k ? ALARM : NO_ALARM;
  }
}

/**
 * Runs OutbreakP on `range` (default: the whole series). Throws `DetectionInputError` where R stops: a
 * missing count anywhere from the start of the series to the end of the range (R's isotonic fit compares
 * it with NA).
 */
export function outbreakP(
  series: CountSeries,
  options?: Partial<OutbreakPOptions>,
  range?: DetectionRange,
): OutbreakPResult {
  const opts = outbreakPOptions(options);
  const x = series.observed;
  const r = range ?? defaultOutbreakPRange(series);
  checkRange(r, x.length);
  for (let j = 0; j <= r.to; j++) {
    if (isMissing(x[j])) {
      throw new DetectionInputError(
        `outbreakP uses every count from the start of the series, and 1-based index ${j + 1} is missing`,
        'observed',
      );
    }
  }

  const m = rangeLength(r);
  const { k, maxUpperboundCases: max } = opts;
  const statistic = new Float64Array(m);
  const neededCases = opts.ret === 'cases' ? new Float64Array(m) : null;
  const alarm = new Array<boolean | null>(m);
  const stack = new IsotonicStack(r.to + 1);
  for (let t = 0; t <= r.to; t++) {
    const y = x[t];
    if (t >= r.from) {
      const i = t - r.from;
      stack.merge(y, t);
      const stat = stack.exactStatistic(x, y, t, stack.trialMean(y, t));
      statistic[i] = stat;
      alarm[i] = Number.isNaN(stat) ? null : stat > k;
      if (neededCases !== null) neededCases[i] = casesNeeded(stack, x, t, stat, k, max);
    }
    stack.merge(y, t);
    stack.commit(y, t);
  }
  return {
    algorithm: 'outbreakP',
    range: r,
    observed: x.slice(r.from, r.to + 1),
    expected: new Float64Array(m).fill(Number.NaN),
    upperBound: neededCases ?? statistic,
    alarm,
    statistic,
    neededCases,
  };
}

/** R's search for the "needed number of cases before alarm" at position t; NaN stands for R's NA. */
function casesNeeded(stack: IsotonicStack, x: Float64Array, t: number, stat: number, k: number, max: number) {
  if (t === 0) return k >= 1 ? Number.NaN : 0;
  if (Number.isNaN(stat)) return Number.NaN;
  const alarmed = stat > k;
  let v = x[t];
  let found = false;
  if (alarmed) {
    let jumped = false;
    while (v > 0 && !found) {
      v = v - 1;
      stack.merge(v, t);
      const decision = stack.decide(x, v, t, k);
      if (decision === NAN) {
        // R quirk: an overflowing trial restarts the downward search at maxUpperboundCases; a second one
        // would send R round the same values for ever.
        if (jumped) return Number.NaN;
        jumped = true;
        v = max;
      } else found = decision === NO_ALARM;
    }
    return found ? v + 1 : Number.NaN;
  }
  let zeroBlock = -1;
  stack.finiteUpTo = -1;
  while (v < max && !found) {
    v = v + 1;
    stack.merge(v, t);
    let decision: number;
    if (zeroBlock >= 0) decision = stack.decideAfterZero(v, t, k, zeroBlock);
    else {
      stack.zeroBlock = -1;
      decision = stack.decide(x, v, t, k);
      // A zero in the merged block cannot happen (its factors are ≥ 1); only a kept block qualifies.
      if (stack.zeroBlock >= 0 && stack.zeroBlock <= stack.top) zeroBlock = stack.zeroBlock;
    }
    // An overflowing trial ends the upward search without a result.
    if (decision === NAN) v = max;
    else found = decision === ALARM;
  }
  return found ? v : Number.NaN;
}
