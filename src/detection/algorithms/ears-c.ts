/**
 * EARS C1, C2 and C3 — Hutwagner L, Thompson W, Seeman GM, Treadwell T (2003), The bioterrorism
 * preparedness and response Early Aberration Reporting System (EARS), J Urban Health 80:i89–i96; with
 * the C-chart definitions of Fricker RD, Hegler BL, Dunfee DA (2008), Stat Med 27:3407–3429.
 * Reproduces R `surveillance::earsC` 1.20.3 (spec §3), including its C3 bound.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { qnorm } from '../math/distributions.ts';
import { movingMoments } from '../math/moving-moments.ts';
import { NA_KIND, type NaKind, naKindOf } from '../math/na-kind.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import type { CountSeries } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';

export type EarsCMethod = 'C1' | 'C2' | 'C3';

export interface EarsCOptions {
  /**
   * Which chart: `C1` compares y_t with the n_b periods just before it; `C2` leaves a two-period guard
   * band (baseline t−n_b−2 … t−3); `C3` adds the C2 exceedances of the two previous periods.
   * R `control$method`.
   */
  readonly method: EarsCMethod;
  /** Baseline length n_b, in periods (integer ≥ 3). R `control$baseline`. */
  readonly baseline: number;
  /**
   * Floor σ_min on the baseline standard deviation, in counts (≥ 0): s⁺ = max(s, σ_min). With 0, a
   * constant baseline gives C1/C2 bound = baseline mean and an undefined C3 bound. R `control$minSigma`.
   */
  readonly minSigma: number;
  /**
   * One-sided significance level α in (0, 1); the threshold is z_{1−α} standard deviations.
   * `undefined`: 0.001 for C1 and C2, 0.025 for C3 (R's rule). R `control$alpha`.
   */
  readonly alpha: number | undefined;
}

export const DEFAULT_EARS_C_OPTIONS: Readonly<EarsCOptions> = Object.freeze({
  method: 'C1',
  baseline: 7,
  minSigma: 0,
  alpha: undefined,
});

/**
 * Why a point has no bound or no alarm. `missing-observed`: y_t is missing (C1/C2 still give a bound,
 * C3 does not: its bound is built from y_t); `missing-baseline`: a value the bound needs is missing
 * (R: NA); `zero-spread`: C3 with a baseline standard deviation of 0 and σ_min = 0, where the bound is
 * 0/0 or 0·∞ (R: NaN).
 */
export type EarsCStatus = 'ok' | 'missing-observed' | 'missing-baseline' | 'zero-spread';

export interface EarsCResult extends DetectionResult {
  readonly algorithm: 'earsC';
  readonly method: EarsCMethod;
  /** The α actually used (after the method's default). */
  readonly alpha: number;
  /** z_{1−α}. */
  readonly z: number;
  /** `expected` is the baseline mean m(t); this is the floored baseline standard deviation s⁺(t). */
  readonly baselineSd: Float64Array;
  /** The C1 (method C1) or C2 (methods C2, C3) statistic of t: (y_t − m(t)) / s⁺(t). */
  readonly statistic: Float64Array;
  /**
   * C3 only (NaN otherwise): P_{t−2} + P_{t−1}, the exceedances max(0, C2 − 1) of the two previous
   * periods; away from the floor at 0 the C3 alarm is `laggedExcess > z`.
   */
  readonly laggedExcess: Float64Array;
  readonly status: ReadonlyArray<EarsCStatus>;
}

const METHODS: ReadonlyArray<EarsCMethod> = ['C1', 'C2', 'C3'];

/** Periods before the first monitored point that the method reads (R's `maxLag`). */
export function earsCHistoryLength(options: Pick<EarsCOptions, 'method' | 'baseline'>): number {
  return options.baseline + (options.method === 'C1' ? 0 : options.method === 'C2' ? 2 : 4);
}

/** R's default range: every point with a full history, up to the end of the series. */
export function earsCDefaultRange(
  seriesLength: number,
  options: Pick<EarsCOptions, 'method' | 'baseline'>,
): DetectionRange {
  const from = earsCHistoryLength(options);
  if (from > seriesLength - 1) {
    throw new DetectionInputError(
      `earsC ${options.method} with a baseline of ${options.baseline} needs more than ${from} periods; the series has ${seriesLength}`,
      'observed',
    );
  }
  return { from, to: seriesLength - 1 };
}

/** Every problem with a set of options (R stops on minSigma < 0 and baseline < 3). */
export function earsCOptionProblems(options: EarsCOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (!METHODS.includes(options.method)) {
    problems.push({
      option: 'method',
      message: `expected "C1", "C2" or "C3", got ${String(options.method)}`,
    });
  }
  if (!Number.isInteger(options.baseline) || options.baseline < 3) {
    problems.push({ option: 'baseline', message: `expected an integer ≥ 3, got ${options.baseline}` });
  }
  if (!(Number.isFinite(options.minSigma) && options.minSigma >= 0)) {
    problems.push({ option: 'minSigma', message: `expected a number ≥ 0, got ${options.minSigma}` });
  }
  const a = options.alpha;
  if (a !== undefined && !(a > 0 && a < 1)) {
    problems.push({ option: 'alpha', message: `expected a number in (0, 1), got ${a}` });
  }
  return problems;
}

function resolveOptions(options: Partial<EarsCOptions> | undefined): EarsCOptions {
  const o: EarsCOptions = { ...DEFAULT_EARS_C_OPTIONS, ...options };
  const problems = earsCOptionProblems(o);
  if (problems.length > 0) throw new DetectionOptionsError('earsC', problems);
  return o;
}

/** R's `pmax(sd, minSigma)`: an NA standard deviation stays NA. */
function floorSd(sd: number, minSigma: number): number {
  return Math.max(sd, minSigma);
}

/** R's kind of a NaN C2 = (y − m)/s: NA if y or the baseline (mean and sd alike) is missing, else NaN (0/0). */
function c2KindOf(yt: number, mean: number, c2: number): NaKind {
  const yKind: NaKind = isMissing(yt) ? NA_KIND.na : NA_KIND.value;
  const baseKind: NaKind = Number.isNaN(mean) ? NA_KIND.na : NA_KIND.value;
  return naKindOf(naKindOf(yKind, baseKind, yt - mean), baseKind, c2);
}

/** Why R's C3 bound y + s·(z − lagged) is NA or NaN, following its evaluation order. */
function c3StatusOf(
  yt: number,
  mean: number,
  s: number,
  z: number,
  lagged: number,
  laggedKind: NaKind,
): EarsCStatus {
  const yKind: NaKind = isMissing(yt) ? NA_KIND.na : NA_KIND.value;
  const baseKind: NaKind = Number.isNaN(mean) ? NA_KIND.na : NA_KIND.value;
  const margin = z - lagged;
  const spread = s * margin;
  const kind = naKindOf(
    yKind,
    naKindOf(baseKind, naKindOf(NA_KIND.value, laggedKind, margin), spread),
    yt + spread,
  );
  if (kind === NA_KIND.nan) return 'zero-spread';
  return yKind === NA_KIND.na ? 'missing-observed' : 'missing-baseline';
}

/** EARS C1/C2/C3 over `range` (default: R's default range). */
export function earsC(
  series: CountSeries,
  options?: Partial<EarsCOptions>,
  range?: DetectionRange,
): EarsCResult {
  const opts = resolveOptions(options);
  const y = series.observed;
  const r = range ?? earsCDefaultRange(y.length, opts);
  checkRange(r, y.length);
  const history = earsCHistoryLength(opts);
  if (r.from < history) {
    throw new DetectionInputError(
      `earsC ${opts.method} with a baseline of ${opts.baseline} needs the range to start at index ${history} (0-based) or later, got ${r.from}`,
      'range',
    );
  }
  const alpha = opts.alpha ?? (opts.method === 'C3' ? 0.025 : 0.001);
  const z = qnorm(1 - alpha);
  const n = rangeLength(r);
  const nb = opts.baseline;
  const minSigma = opts.minSigma;
  const observed = y.slice(r.from, r.to + 1);
  const upperBound = new Float64Array(n);
  const statistic = new Float64Array(n);
  const laggedExcess = new Float64Array(n).fill(Number.NaN);
  const alarm: (boolean | null)[] = new Array(n);
  const status: EarsCStatus[] = new Array(n);

  if (opts.method !== 'C3') {
    const expected = new Float64Array(n);
    const baselineSd = new Float64Array(n);
    movingMoments(y, r.from, r.to, nb, opts.method === 'C1' ? 1 : 3, expected, baselineSd);
    for (let i = 0; i < n; i++) {
      const yt = observed[i];
      const mean = expected[i];
      const s = floorSd(baselineSd[i], minSigma);
      baselineSd[i] = s;
      const u = mean + z * s;
      upperBound[i] = u;
      statistic[i] = (yt - mean) / s;
      if (Number.isNaN(mean)) {
        status[i] = 'missing-baseline';
        alarm[i] = null;
      } else if (isMissing(yt)) {
        status[i] = 'missing-observed';
        alarm[i] = null;
      } else {
        status[i] = 'ok';
        alarm[i] = yt > u;
      }
    }
    return {
      algorithm: 'earsC',
      method: opts.method,
      alpha,
      z,
      range: r,
      observed,
      expected,
      upperBound,
      alarm,
      baselineSd,
      statistic,
      laggedExcess,
      status,
    };
  }

  // C3 needs the C2 statistic from two periods before the range start. (R returns NA for a one-point
  // C3 range, a dropped matrix dimension in its code; Tocsin computes the bound as for longer ranges.)
  const mean2 = new Float64Array(n + 2);
  const sd2 = new Float64Array(n + 2);
  movingMoments(y, r.from - 2, r.to, nb, 3, mean2, sd2);
  let excess2 = 0; // P_{u−2}
  let kind2: NaKind = NA_KIND.value;
  let excess1 = 0; // P_{u−1}
  let kind1: NaKind = NA_KIND.value;
  for (let j = 0; j < n + 2; j++) {
    const yt = y[r.from - 2 + j];
    const mean = mean2[j];
    const s = floorSd(sd2[j], minSigma);
    sd2[j] = s;
    const c2 = (yt - mean) / s;
    // Kinds are worked out only for NaN values (rare), keeping the common path free of bookkeeping.
    const c2Kind = Number.isNaN(c2) ? c2KindOf(yt, mean, c2) : NA_KIND.value;
    // R: pmax(0, C2 − 1) keeps NA and NaN.
    const excess = Math.max(0, c2 - 1);
    if (j >= 2) {
      const i = j - 2;
      statistic[i] = c2;
      const lagged = excess2 + excess1;
      laggedExcess[i] = lagged;
      // R quirk: the bound starts from y_t itself, so the current C2 never enters the alarm.
      const raw = yt + s * (z - lagged);
      if (!Number.isNaN(raw)) {
        const u = Math.max(raw, 0);
        upperBound[i] = u;
        status[i] = 'ok';
        alarm[i] = yt > u;
      } else {
        upperBound[i] = Number.NaN;
        status[i] = c3StatusOf(yt, mean, s, z, lagged, naKindOf(kind2, kind1, lagged));
        alarm[i] = null;
      }
    }
    excess2 = excess1;
    kind2 = kind1;
    excess1 = excess;
    kind1 = c2Kind;
  }
  return {
    algorithm: 'earsC',
    method: opts.method,
    alpha,
    z,
    range: r,
    observed,
    expected: mean2.subarray(2),
    upperBound,
    alarm,
    baselineSd: sd2.subarray(2),
    statistic,
    laggedExcess,
    status,
  };
}
