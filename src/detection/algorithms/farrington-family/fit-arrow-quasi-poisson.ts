/**
 * R's `glm.fit` for the Farrington family's designs in O(m + p) per iteration (architecture.md habit 14).
 * The columns are an intercept, an optional trend t and indicators of disjoint seasonal levels, so the
 * weighted normal equations XᵀWX·β = XᵀWz have an arrow shape: a dense 2 × 2 head (intercept, trend),
 * a diagonal tail (one entry per level) and a border. Eliminating the tail leaves a 2 × 2 Schur
 * complement, and x_iᵀ(XᵀWX)⁻¹x_i needs only the row's level and time, so hat values cost O(m).
 *
 * The iteration is R's exactly (spec §0.5): start μ = y + 0.1, the same deviance stopping rule and step
 * halving, and the dispersion, covariance and hat values from the working weights at the start of the
 * last iteration. Only the linear algebra and the way μ = exp(η) is taken differ (products of exps within
 * ~16 ulp, docs/adr/0008), and without an offset a sweep sums segments of consecutive rows of one level
 * in closed form instead of row by row (docs/adr/0009), so results agree with `fitGlm` to rounding (~1e-12). Designs the arrow solver cannot treat like R's pivoting QR (a level
 * without observations, too few observations, a trend that cannot be separated from the levels)
 * return `undefined` so that the caller falls back to `fitGlm`.
 */
import type { GlmFit } from '../../math/glm.ts';
import { designColumns, type FarringtonDesign } from './farrington-design.ts';
import type { FarringtonResponse } from './farrington-response.ts';
import type { Scratch } from './scratch.ts';

/** A fit by the arrow solver, with a flag for results that rounding could have decided differently. */
export interface ArrowFit extends GlmFit {
  /**
   * An iteration's convergence criterion lay within 0.1 % of R's 1e-8, or a hat value within 1e-9 of 1:
   * the QR engine's rounding might decide differently, so the caller should refit with it.
   */
  readonly fragile: boolean;
  /**
   * μ^{−1/6} = exp(−η/6) per row, worked out with μ as products along the rows (within ~16 ulp) for the
   * Anscombe residuals; `undefined` for fits with an offset. Meaningless where μ is floored at ε.
   */
  readonly muSixth: Float64Array | undefined;
}

const EPS = 2 ** -52;
const EMPTY_INT = new Int32Array(0);
const EMPTY_FLOAT = new Float64Array(0);
const EMPTY_BYTE = new Uint8Array(0);
/**
 * Fits with fewer rows sweep row by row: the per-fit set-up of segments and the closing passes cost more
 * than the sweeps save (measured: `farrington`'s ≈ 35 rows ran ≈ 13 % slower by segments,
 * `farringtonFlexible`'s ≈ 240 rows ≈ 10 % faster).
 */
const SEGMENTED_MIN_ROWS = 100;
const LOG_EPS = Math.log(EPS);
const MAX_ITERATIONS = 25;
/** Rows of a run of e^{β₀+β₁t} products between fresh exps. */
const RUN = 8;
const EPSILON = 1e-8;

/**
 * The IRLS state. Level sums are indexed by indicator column with slot q for the reference level, so
 * that one pass over the rows computes μ and the deviance for new coefficients and, from them, the
 * weighted sums of the next iteration's normal equations.
 */
class ArrowIrls {
  readonly m: number;
  readonly p: number;
  readonly q: number;
  readonly hasTrend: boolean;
  readonly hasOffset: boolean;
  readonly firstLevel: number;
  readonly y: Float64Array;
  readonly logY: Float64Array;
  /** Centred trend (zeros without trend). */
  readonly t: Float64Array;
  readonly slot: Int32Array;
  /** 1 where a row takes a fresh e^{β₀+β₁t} (see `arrowStructure`), 0 where it multiplies the previous one by e^{β₁}. */
  readonly fresh: Uint8Array;
  readonly offset: Float64Array;
  /** e^{offset} per row (ones without offset). */
  readonly expOffset: Float64Array;
  readonly pw: Float64Array;
  /**
   * Per slot g at 5g … 5g + 4: Σ W, Σ W·z, and with d = t − shift: Σ W·d, Σ W·d², Σ W·d·z. The shift is the slot's
   * weighted mean time of the previous pass, so that the centred sums of squares do not cancel even
   * when the weights pile up at one end (fits drifting towards a boundary).
   */
  readonly sums: Float64Array;
  readonly shift: Float64Array;
  /** Per level: Σ W and weighted mean time (relative to the head origin) of the last solve. */
  readonly levelWeight: Float64Array;
  readonly levelTime: Float64Array;
  /** Per slot: e^{β_g} of the current sweep (1 for the reference level). */
  readonly levelExp: Float64Array;
  /**
   * Segments (see `segments`): runs of rows with one slot, one prior weight and consecutive times, at
   * most RUN rows. Per segment its first row, length, slot and prior weight, and of its rows (j = 0, 1, …
   * from the first) Σ y, Σ j·y and Σ y·log y.
   */
  segmentCount = 0;
  segFirst: Int32Array = EMPTY_INT;
  segLength: Int32Array = EMPTY_INT;
  segSlot: Int32Array = EMPTY_INT;
  segWeight: Float64Array = EMPTY_FLOAT;
  segFresh: Uint8Array = EMPTY_BYTE;
  segY: Float64Array = EMPTY_FLOAT;
  segJY: Float64Array = EMPTY_FLOAT;
  segYLogY: Float64Array = EMPTY_FLOAT;
  /** r^j, Σ_{i<n} r^i, Σ_{i<n} i·r^i and Σ_{i<n} i²·r^i for r = e^{β₁} (j, n ≤ RUN) of the current sweep. */
  power: Float64Array = EMPTY_FLOAT;
  moment0: Float64Array = EMPTY_FLOAT;
  moment1: Float64Array = EMPTY_FLOAT;
  moment2: Float64Array = EMPTY_FLOAT;
  private readonly scratch: Scratch;
  /** A bound on the rounding error of `dev` computed segment by segment (0 when summed row by row). */
  devError = 0;
  /** Over the segments: Σ c·|Σ y·log y|, Σ c·Σ y, Σ c·Σ j·y, and max |t| (for `devError`). */
  private sumYLogY = 0;
  private sumY = 0;
  private sumJY = 0;
  private maxTime = 0;
  /** Origin of the trend in the last solve's 2 × 2 head (the reference level's weighted mean time). */
  origin = 0;
  /** Inverse of the 2 × 2 Schur complement [[a, b], [b, d]] of the last solve. */
  a = 0;
  b = 0;
  d = 0;
  dev = 0;
  invalidMu = false;
  eta: Float64Array;
  mu: Float64Array;
  etaNew: Float64Array;
  muNew: Float64Array;
  beta: Float64Array;
  betaOld: Float64Array;

  constructor(
    response: FarringtonResponse,
    t: Float64Array,
    hasTrend: boolean,
    hasOffset: boolean,
    slot: Int32Array,
    fresh: Uint8Array,
    q: number,
    offset: Float64Array,
    expOffset: Float64Array,
    pw: Float64Array,
    scratch: Scratch,
  ) {
    const m = response.y.length;
    this.m = m;
    this.q = q;
    this.hasTrend = hasTrend;
    this.hasOffset = hasOffset;
    this.firstLevel = hasTrend ? 2 : 1;
    this.p = this.firstLevel + q;
    this.y = response.y;
    this.logY = response.logY;
    this.t = t;
    this.slot = slot;
    this.fresh = fresh;
    this.offset = offset;
    this.expOffset = expOffset;
    this.pw = pw;
    this.sums = scratch.float('irls.sums', 5 * (q + 1));
    this.shift = scratch.float('irls.shift', q + 1).fill(0);
    this.levelWeight = scratch.float('irls.levelWeight', q);
    this.levelTime = scratch.float('irls.levelTime', q);
    this.levelExp = scratch.float('irls.levelExp', q + 1);
    this.scratch = scratch;
    // eta and mu become the fit's own arrays, the other two are working space.
    this.eta = scratch.float('fit.eta', m);
    this.mu = scratch.float('fit.mu', m);
    this.etaNew = scratch.float('irls.eta', m);
    this.muNew = scratch.float('irls.mu', m);
    this.beta = scratch.float('fit.beta', this.p);
    this.betaOld = scratch.float('irls.betaOld', this.p);
  }

  /**
   * Deviance of (η, μ) = (etaNew, muNew), and from them the weighted sums of the next solve (a slot's
   * sums in registers while consecutive rows share it, as in `step`).
   */
  pass(): void {
    const { m, y, logY, t, slot, offset, pw, sums, shift } = this;
    const e = this.etaNew;
    const u = this.muNew;
    sums.fill(0);
    let s = 0;
    let current = slot[0];
    let sh = shift[current];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < m; i++) {
      const g = slot[i];
      if (g !== current) {
        current = this.switchSlot(current, g, s0, s1, s2, s3, s4);
        const k = 5 * g;
        s0 = sums[k];
        s1 = sums[k + 1];
        s2 = sums[k + 2];
        s3 = sums[k + 3];
        s4 = sums[k + 4];
        sh = shift[g];
      }
      const ei = e[i];
      const mi = u[i];
      const yi = y[i];
      const wi = pw[i];
      // R's Poisson deviance term with log μ = η (log ε where μ is floored at ε).
      const logMu = mi > EPS ? ei : LOG_EPS;
      s += 2 * (wi * (yi * (logY[i] - logMu) - (yi - mi)));
      const w = wi * mi;
      // W·z with the working response z = η − offset + (y − μ)/μ, without the division.
      const wz = wi * (mi * (ei - offset[i]) + (yi - mi));
      const di = t[i] - sh;
      const wd = w * di;
      s0 += w;
      s1 += wz;
      s2 += wd;
      s3 += wd * di;
      s4 += wz * di;
    }
    if (m > 0) this.switchSlot(current, current, s0, s1, s2, s3, s4);
    this.dev = s;
  }

  /** Stores the running sums of slot `from`; returns `to`. */
  private switchSlot(
    from: number,
    to: number,
    s0: number,
    s1: number,
    s2: number,
    s3: number,
    s4: number,
  ): number {
    const k = 5 * from;
    const sums = this.sums;
    sums[k] = s0;
    sums[k + 1] = s1;
    sums[k + 2] = s2;
    sums[k + 3] = s3;
    sums[k + 4] = s4;
    return to;
  }

  /**
   * μ of the coefficients `beta` into muNew (η is not kept: the fit computes it once from the final coefficients), the deviance and the
   * weighted sums of the next solve, in one sweep. μ = e^{β₀+β₁t}·e^{β_g}·e^{offset}: the level factors are taken once
   * per sweep, the offsets' once per fit, and along rows one time unit apart e^{β₀+β₁t} is the previous
   * one times e^{β₁}, with a fresh exp every RUN rows (within ~2·RUN ulp of exp(η)); a product that
   * is not a positive finite number above ε is taken again as exp(η). A slot's sums stay in registers
   * while consecutive rows share it (same order of additions).
   */
  step(): void {
    // Without an offset (the usual case) the rows' offsets and their exponentials are not read: the
    // test on `hasOffset` is the same for every row, so it costs next to nothing.
    const hasOffset = this.hasOffset;
    const { m, y, logY, t, slot, offset, expOffset, pw, sums, shift, q, firstLevel, beta, fresh } = this;
    const u = this.muNew;
    const levelExp = this.levelExp;
    const b0 = beta[0];
    const b1 = this.hasTrend ? beta[1] : 0;
    const ratio = Math.exp(b1);
    for (let g = 0; g < q; g++) levelExp[g] = Math.exp(beta[firstLevel + g]);
    levelExp[q] = 1;
    sums.fill(0);
    let bad = false;
    let trend = 0;
    let s = 0;
    let current = slot[0];
    let level = current < q ? beta[firstLevel + current] : 0;
    let factor = levelExp[current];
    let sh = shift[current];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < m; i++) {
      const g = slot[i];
      if (g !== current) {
        current = this.switchSlot(current, g, s0, s1, s2, s3, s4);
        const k = 5 * g;
        s0 = sums[k];
        s1 = sums[k + 1];
        s2 = sums[k + 2];
        s3 = sums[k + 3];
        s4 = sums[k + 4];
        level = g < q ? beta[firstLevel + g] : 0;
        factor = levelExp[g];
        sh = shift[g];
      }
      const oi = hasOffset ? offset[i] : 0;
      const ti = t[i];
      const ei = b0 + b1 * ti + level + oi;
      if (fresh[i] === 1) trend = Math.exp(b0 + b1 * ti);
      else trend *= ratio;
      let mi = hasOffset ? trend * factor * expOffset[i] : trend * factor;
      // log μ = η, except where μ is floored at ε by the log link (then log ε).
      let logMu = ei;
      if (!(mi > EPS && mi < Number.POSITIVE_INFINITY)) {
        const ui = Math.exp(ei);
        mi = Math.max(ui, EPS);
        logMu = ui > EPS ? ei : LOG_EPS;
        // R's validmu: every μ finite and positive.
        if (!(mi < Number.POSITIVE_INFINITY)) bad = true;
      }
      u[i] = mi;
      const yi = y[i];
      const wi = pw[i];
      // R's Poisson deviance term. A plain sum: its rounding (≤ m·ε relative, the terms being ≥ 0) is
      // far inside the margin that marks a convergence decision as fragile.
      s += 2 * (wi * (yi * (logY[i] - logMu) - (yi - mi)));
      const w = wi * mi;
      // W·z with the working response z = η − offset + (y − μ)/μ, without the division.
      const wz = wi * (mi * (ei - oi) + (yi - mi));
      const di = ti - sh;
      const wd = w * di;
      s0 += w;
      s1 += wz;
      s2 += wd;
      s3 += wd * di;
      s4 += wz * di;
    }
    if (m > 0) this.switchSlot(current, current, s0, s1, s2, s3, s4);
    this.dev = s;
    this.invalidMu = bad;
  }

  /**
   * Cuts the rows into segments: a new one starts where the slot or the prior weight changes, where
   * the rows' times are not consecutive, and after RUN rows. Within a segment η_j = η_first + β₁·j and
   * μ_j = μ_first·r^j with r = e^{β₁}, so `sweep` needs per segment the sums of y, j·y and y·log y,
   * worked out here once per fit. A segment is `fresh` (takes an exp for e^{β₀+β₁t} at its first row)
   * where its first row's time does not follow the previous row's, or RUN rows after the last fresh
   * one; else that factor is the previous segment's times r^length.
   */
  segments(time: Float64Array | undefined, maxTime: number): void {
    this.maxTime = maxTime;
    const scratch = this.scratch;
    const m0 = this.m;
    this.segFirst = scratch.int('irls.segFirst', m0);
    this.segLength = scratch.int('irls.segLength', m0);
    this.segSlot = scratch.int('irls.segSlot', m0);
    this.segWeight = scratch.float('irls.segWeight', m0);
    this.segFresh = scratch.byte('irls.segFresh', m0);
    this.segY = scratch.float('irls.segY', m0);
    this.segJY = scratch.float('irls.segJY', m0);
    this.segYLogY = scratch.float('irls.segYLogY', m0);
    this.power = scratch.float('irls.power', RUN + 1);
    this.moment0 = scratch.float('irls.moment0', RUN + 1);
    this.moment1 = scratch.float('irls.moment1', RUN + 1);
    this.moment2 = scratch.float('irls.moment2', RUN + 1);
    const { m, y, logY, slot, pw, segFirst, segLength, segSlot, segWeight, segFresh, segY, segJY, segYLogY } =
      this;
    let n = -1;
    let freshAt = 0;
    for (let i = 0; i < m; i++) {
      const follows = i > 0 && (time === undefined || time[i] - time[i - 1] === 1);
      if (!follows || slot[i] !== slot[i - 1] || pw[i] !== pw[i - 1] || segLength[n] === RUN) {
        n++;
        segFirst[n] = i;
        segLength[n] = 0;
        segSlot[n] = slot[i];
        segWeight[n] = pw[i];
        // Without trend e^{β₀} is the same for every row: one exp per sweep.
        const fresh = time === undefined ? n === 0 : !follows || i - freshAt >= RUN;
        segFresh[n] = fresh ? 1 : 0;
        if (fresh) freshAt = i;
        segY[n] = 0;
        segJY[n] = 0;
        segYLogY[n] = 0;
      }
      const yi = y[i];
      segY[n] += yi;
      segJY[n] += segLength[n] * yi;
      segYLogY[n] += yi * logY[i];
      segLength[n]++;
    }
    this.segmentCount = n + 1;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let k = 0; k <= n; k++) {
      const weight = segWeight[k];
      a += weight * Math.abs(segYLogY[k]);
      b += weight * segY[k];
      c += weight * segJY[k];
    }
    this.sumYLogY = a;
    this.sumY = b;
    this.sumJY = c;
  }

  /** r^j and the moments Σ_{i<n} i^k·r^i (k = 0, 1, 2; n ≤ RUN) for r = e^{β₁}. */
  private moments(b1: number): void {
    const { power, moment0, moment1, moment2 } = this;
    const r = Math.exp(b1);
    let rj = 1;
    moment0[0] = 0;
    moment1[0] = 0;
    moment2[0] = 0;
    for (let j = 0; j <= RUN; j++) {
      power[j] = rj;
      if (j < RUN) {
        moment0[j + 1] = moment0[j] + rj;
        moment1[j + 1] = moment1[j] + j * rj;
        moment2[j + 1] = moment2[j] + j * j * rj;
      }
      rj *= r;
    }
  }

  /** e^{β_g/divisor} per slot of the coefficients `coef` into `levelExp` (1 for the reference level). */
  private levelFactors(coef: Float64Array, divisor: number): void {
    const { q, firstLevel, levelExp } = this;
    for (let g = 0; g < q; g++) levelExp[g] = Math.exp(coef[firstLevel + g] / divisor);
    levelExp[q] = 1;
  }

  /**
   * `step` for fits without an offset, segment by segment in closed form: with M_k = μ_first·Σ_j j^k·r^j
   * the sums of a segment are ΣW = c·M₀, ΣW·d = c·(d₀M₀ + M₁), ΣW·d² = c·(d₀²M₀ + 2d₀M₁ + M₂),
   * ΣW·z = c·(η₀M₀ + β₁M₁ + Σy − M₀) and ΣW·z·d likewise (d₀ = t_first − shift, c the prior weight),
   * and its deviance 2c·(Σy·log y − η₀Σy − β₁Σj·y − Σy + M₀). μ_first = e^{β₀+β₁t}·e^{β_g} with the
   * first factor chained along segments (see `segments`), so a sweep takes about one exp per level and
   * one per RUN rows. μ is not kept: the fit computes it at the end. Where a segment's μ leaves (ε, ∞) at
   * either end (μ is monotone along it), the whole sweep is `step`'s, row by row. The deviance's rounding,
   * up to a few ε times the magnitudes that cancel in it, goes to `devError`.
   */
  sweep(): void {
    const { t, sums, shift, q, firstLevel, beta, hasTrend, power, moment0, moment1, moment2, levelExp } =
      this;
    const { segFirst, segLength, segSlot, segWeight, segFresh, segY, segJY, segYLogY } = this;
    const b0 = beta[0];
    const b1 = hasTrend ? beta[1] : 0;
    this.moments(b1);
    this.levelFactors(beta, 1);
    sums.fill(0);
    let dev = 0;
    let trend = 0;
    let previous = 0;
    const count = this.segmentCount;
    for (let k = 0; k < count; k++) {
      const g = segSlot[k];
      const n = segLength[k];
      const first = segFirst[k];
      const level = g < q ? beta[firstLevel + g] : 0;
      const t0 = t[first];
      trend = segFresh[k] === 1 ? Math.exp(b0 + b1 * t0) : trend * power[previous];
      previous = n;
      const eta0 = b0 + b1 * t0 + level;
      const mu0 = trend * levelExp[g];
      const muEnd = mu0 * power[n - 1];
      if (!(mu0 > EPS && mu0 < Number.POSITIVE_INFINITY && muEnd > EPS && muEnd < Number.POSITIVE_INFINITY)) {
        // μ floored at ε or overflowing somewhere: this sweep goes row by row (rare).
        this.step();
        this.devError = 0;
        return;
      }
      const c = segWeight[k];
      const sy = segY[k];
      const jy = segJY[k];
      const ylogy = segYLogY[k];
      const m0 = mu0 * moment0[n];
      const m1 = mu0 * moment1[n];
      const at = 5 * g;
      sums[at] += c * m0;
      sums[at + 1] += c * (eta0 * m0 + b1 * m1 + sy - m0);
      dev += 2 * c * (ylogy - eta0 * sy - b1 * jy - sy + m0);
      if (hasTrend) {
        const m2 = mu0 * moment2[n];
        const d0 = t0 - shift[g];
        const md = d0 * m0 + m1;
        sums[at + 2] += c * md;
        sums[at + 3] += c * (d0 * d0 * m0 + 2 * d0 * m1 + m2);
        sums[at + 4] += c * (eta0 * d0 * m0 + (eta0 + b1 * d0) * m1 + b1 * m2 + d0 * sy + jy - md);
      }
    }
    this.dev = dev;
    // Each segment's deviance carries a rounding of a few ε of the largest magnitude in it: bounded
    // with |η| ≤ |β₀| + |β₁|·max|t| + max|β_g| and ΣW = Σ c·M₀ over all segments.
    let maxLevel = 0;
    for (let g = 0; g < q; g++) maxLevel = Math.max(maxLevel, Math.abs(beta[firstLevel + g]));
    const maxEta = Math.abs(b0) + Math.abs(b1) * this.maxTime + maxLevel;
    let weight = 0;
    for (let g = 0; g <= q; g++) weight += sums[5 * g];
    this.devError =
      32 * EPS * (this.sumYLogY + (maxEta + 1) * this.sumY + Math.abs(b1) * this.sumJY + Math.abs(weight));
    this.invalidMu = false;
  }

  /**
   * exp(η/divisor) of the coefficients `coef` for every row, floored at ε, with the products of `sweep`
   * (along a segment the first row's value times r^j; a fresh exp where that leaves (ε, ∞)): divisor 1
   * gives μ, −6 gives μ^{−1/6} for the Anscombe residuals.
   */
  rowExps(coef: Float64Array, divisor: number, out: Float64Array): void {
    const { t, q, firstLevel, hasTrend, segFirst, segLength, segSlot, segFresh, levelExp } = this;
    const b0 = coef[0];
    const b1 = hasTrend ? coef[1] : 0;
    const r = Math.exp(b1 / divisor);
    this.levelFactors(coef, divisor);
    let trend = 0;
    const count = this.segmentCount;
    for (let k = 0; k < count; k++) {
      const g = segSlot[k];
      const first = segFirst[k];
      const end = first + segLength[k];
      // Along the rows: the product runs on from one segment to the next unless the next is fresh.
      if (segFresh[k] === 1) trend = Math.exp((b0 + b1 * t[first]) / divisor);
      const factor = levelExp[g];
      for (let i = first; i < end; i++) {
        const ui = trend * factor;
        if (ui > EPS && ui < Number.POSITIVE_INFINITY) out[i] = ui;
        else
          out[i] = Math.max(Math.exp((b0 + b1 * t[i] + (g < q ? coef[firstLevel + g] : 0)) / divisor), EPS);
        trend *= r;
      }
    }
  }

  /** R's step-halving condition: a non-finite deviance or an invalid μ. */
  invalid(): boolean {
    return this.invalidMu || !Number.isFinite(this.dev);
  }

  /** Solves the arrow-shaped normal equations of the current sums into `beta`; false if singular. */
  solve(): boolean {
    const { q, sums, shift, levelWeight, levelTime, beta, firstLevel } = this;
    const r0 = sums[5 * q];
    const rz = sums[5 * q + 1];
    if (!this.hasTrend) {
      if (!(r0 > 0)) return false;
      this.a = 1 / r0;
      beta[0] = rz / r0;
      for (let g = 0; g < q; g++) {
        levelWeight[g] = sums[5 * g];
        levelTime[g] = 0;
        beta[firstLevel + g] = sums[5 * g + 1] / sums[5 * g] - beta[0];
      }
      return true;
    }
    // The head's trend origin is the reference level's shift (≈ its weighted mean time).
    const origin = shift[q];
    this.origin = origin;
    // Schur complement of the diagonal tail: the levels' within-level centred sums join the trend row.
    let s11 = sums[5 * q + 3];
    let c1 = sums[5 * q + 4];
    for (let g = 0; g < q; g++) {
      const k = 5 * g;
      const delta = sums[k + 2] / sums[k];
      levelWeight[g] = sums[k];
      levelTime[g] = shift[g] + delta - origin;
      s11 += sums[k + 3] - delta * sums[k + 2];
      c1 += sums[k + 4] - delta * sums[k + 1];
    }
    const r1 = sums[5 * q + 2];
    const det = r0 * s11 - r1 * r1;
    if (!(det > 1e-9 * r0 * s11)) return false;
    this.a = s11 / det;
    this.b = -r1 / det;
    this.d = r0 / det;
    // Intercept at the origin, then at t = 0: β₀ = β₀(origin) − origin·β₁.
    const b0 = this.a * rz + this.b * c1;
    const b1 = this.b * rz + this.d * c1;
    beta[1] = b1;
    beta[0] = b0 - origin * b1;
    // β_g = z̄_g − β₀(origin) − (t̄_g − origin)·β₁.
    for (let g = 0; g < q; g++) beta[firstLevel + g] = sums[5 * g + 1] / sums[5 * g] - b0 - levelTime[g] * b1;
    // Next pass: shift every slot to its current weighted mean time.
    for (let g = 0; g <= q; g++) shift[g] += sums[5 * g + 2] / sums[5 * g];
    return true;
  }

  /** Makes (etaNew, muNew) current, keeping the previous μ in muNew (the working weights' source). */
  accept(): void {
    const e = this.eta;
    this.eta = this.etaNew;
    this.etaNew = e;
    const u = this.mu;
    this.mu = this.muNew;
    this.muNew = u;
  }
}

/** Shared read-only arrays of ones and zeros (prior weights and offset when the model has none). */
const ONES = { array: new Float64Array(0), view: new Float64Array(0) };
const ZEROS = { array: new Float64Array(0), view: new Float64Array(0) };

function constant(
  cache: { array: Float64Array; view: Float64Array },
  m: number,
  value: number,
): Float64Array {
  if (cache.view.length === m) return cache.view;
  if (cache.array.length < m) cache.array = new Float64Array(Math.max(m, 2 * cache.array.length)).fill(value);
  cache.view = cache.array.subarray(0, m);
  return cache.view;
}

/** What the IRLS needs of a design besides the prior weights (see `arrowStructure`). */
interface ArrowStructure {
  /** Per row: its level's indicator column, or q for the reference level. */
  readonly slot: Int32Array;
  /**
   * Per row: 0 where e^{β₀+β₁t} is the previous row's times e^{β₁} (its time is the previous one's plus
   * one, or any time without trend, and fewer than RUN products since the last fresh exp), else 1.
   */
  readonly fresh: Uint8Array;
  /** Rows per slot, zero prior weights included (for the first shifts). */
  readonly count: Float64Array;
  /** Per slot: the sum of its rows' times. */
  readonly timeSum: Float64Array;
  /** Mean time over the rows (0 without trend). */
  readonly center: number;
  /** Centred trend (zeros without trend). */
  readonly t: Float64Array;
  /** max |t| over the rows. */
  readonly maxTime: number;
  /** e^{offset} per row (ones without offset). */
  readonly expOffset: Float64Array;
}

/**
 * The last design `arrowStructure` worked out, with its scratch: the refit with prior weights reuses it,
 * and so do the fits of other series with the same fixed arrays (one calendar).
 */
let lastStructure: { design: FarringtonDesign; scratch: Scratch; structure: ArrowStructure } | undefined;

/**
 * One pass over the design for the rows' slots, time sums and runs, the centred trend and e^{offset}.
 * The views live in `scratch` under names only this function writes, so the structure of the design
 * last seen there is still valid for it (the same object: its arrays are not changed while it is in
 * use) and for a fixed design with the same arrays.
 */
function arrowStructure(design: FarringtonDesign, scratch: Scratch): ArrowStructure {
  if (lastStructure !== undefined && lastStructure.scratch === scratch) {
    const last = lastStructure.design;
    if (last === design) return lastStructure.structure;
    // A fixed design's arrays do not change: the same arrays mean the same structure.
    if (
      last.fixed &&
      design.fixed &&
      last.m === design.m &&
      last.time === design.time &&
      last.group === design.group &&
      last.groupColumns === design.groupColumns &&
      last.offset === design.offset
    )
      return lastStructure.structure;
  }
  const m = design.m;
  const time = design.time;
  const hasTrend = time !== undefined;
  const group = design.group;
  const q = group === undefined ? 0 : design.groupColumns;
  const slot = scratch.int('irls.slot', m);
  const fresh = scratch.byte('irls.fresh', m);
  const count = scratch.float('irls.count', q + 1).fill(0);
  const timeSum = scratch.float('irls.timeSum', q + 1).fill(0);
  let center = 0;
  let run = RUN;
  for (let i = 0; i < m; i++) {
    const g0 = group === undefined ? -1 : group[i];
    const g = g0 < 0 ? q : g0;
    slot[i] = g;
    count[g]++;
    const ti = hasTrend ? time[i] : 0;
    center += ti;
    timeSum[g] += ti;
    if (i > 0 && (!hasTrend || ti - time[i - 1] === 1) && run < RUN) {
      fresh[i] = 0;
      run++;
    } else {
      fresh[i] = 1;
      run = 0;
    }
  }
  // Centre the trend for a well-conditioned 2 × 2 head; coefficients are mapped back at the end.
  center = hasTrend ? center / m : 0;
  const t = scratch.float('irls.t', m);
  let maxTime = 0;
  for (let i = 0; i < m; i++) {
    t[i] = hasTrend ? time[i] - center : 0;
    maxTime = Math.max(maxTime, Math.abs(t[i]));
  }
  let expOffset = constant(ONES, m, 1);
  const offset = design.offset;
  if (offset !== undefined) {
    expOffset = scratch.float('irls.expOffset', m);
    for (let i = 0; i < m; i++) expOffset[i] = Math.exp(offset[i]);
  }
  const structure = { slot, fresh, count, timeSum, center, t, maxTime, expOffset };
  lastStructure = { design, scratch, structure };
  return structure;
}

/** Sets entries (i, j) and (j, i) of the p × p matrix `cov`. */
function setSymmetric(cov: Float64Array, p: number, i: number, j: number, v: number): void {
  cov[i * p + j] = v;
  cov[j * p + i] = v;
}

/**
 * Fits the quasi-Poisson log-linear model of `design` as R's `glm.fit` does; `undefined` when the design
 * needs R's rank-revealing QR (then use `fitGlm`). The fit's arrays are views into `scratch`, valid
 * until its next fit.
 */
export function fitArrowQuasiPoisson(
  response: FarringtonResponse,
  design: FarringtonDesign,
  priorWeights: Float64Array | undefined,
  scratch: Scratch,
): ArrowFit | undefined {
  const m = design.m;
  const p = designColumns(design);
  const time = design.time;
  const hasTrend = time !== undefined;
  const group = design.group;
  const q = group === undefined ? 0 : design.groupColumns;

  const pw = priorWeights ?? constant(ONES, m, 1);
  const offset = design.offset ?? constant(ZEROS, m, 0);
  const { slot, fresh, count, timeSum, center, t, maxTime, expOffset } = arrowStructure(design, scratch);
  // Every level, the reference level included, needs a row with positive prior weight, and there
  // must be residual degrees of freedom.
  // Without prior weights every row counts.
  let rows: ArrayLike<number> = count;
  let good = m;
  let nonZeroPrior = m;
  if (priorWeights !== undefined) {
    const positive = scratch.int('irls.rows', q + 1).fill(0);
    good = 0;
    nonZeroPrior = 0;
    for (let i = 0; i < m; i++) {
      const w = pw[i];
      if (w !== 0) nonZeroPrior++;
      if (w > 0) {
        good++;
        positive[slot[i]]++;
      }
    }
    rows = positive;
  }
  if (good <= p) return undefined;
  for (let g = 0; g <= q; g++) if (rows[g] === 0) return undefined;
  const st = new ArrowIrls(
    response,
    t,
    hasTrend,
    design.offset !== undefined,
    slot,
    fresh,
    q,
    offset,
    expOffset,
    pw,
    scratch,
  );
  const y = response.y;
  if (hasTrend) {
    // First shifts: each level's mean time (later passes use the weighted means). Counted over all
    // rows, zero prior weights included, so that no level divides by zero.
    for (let g = 0; g <= q; g++) st.shift[g] = timeSum[g] / count[g] - center;
  }

  // R's start: η = log(y + 0.1), μ = linkinv(η).
  st.etaNew.set(response.logStart);
  st.muNew.set(response.start);
  st.pass();
  st.accept();
  // Without an offset the sweeps go segment by segment and μ is worked out once, at the end.
  const segmented = design.offset === undefined && m >= SEGMENTED_MIN_ROWS;
  if (segmented) st.segments(design.time, maxTime);
  let devOld = st.dev;
  let devErrorOld = 0;
  let haveOld = false;
  let converged = false;
  let failed = false;
  let fragile = false;
  let iterations = 0;
  for (let iter = 1; iter <= MAX_ITERATIONS; iter++) {
    iterations = iter;
    if (!st.solve()) return undefined;
    if (segmented) st.sweep();
    else st.step();
    if (st.invalid()) {
      if (!haveOld) failed = true;
      else {
        let ii = 0;
        while (st.invalid()) {
          if (ii >= MAX_ITERATIONS) {
            failed = true;
            break;
          }
          ii++;
          for (let j = 0; j < p; j++) st.beta[j] = (st.beta[j] + st.betaOld[j]) / 2;
          if (segmented) st.sweep();
          else st.step();
        }
      }
    }
    if (!segmented) st.accept();
    if (failed) break;
    const scale = Math.abs(st.dev) + 0.1;
    const criterion = Math.abs(st.dev - devOld) / scale;
    // Within 0.1 % of R's 1e-8, or within the segment sums' rounding of the deviance: R might decide otherwise.
    if (Math.abs(criterion - EPSILON) <= 1e-3 * EPSILON + (st.devError + devErrorOld) / scale) fragile = true;
    if (criterion < EPSILON) {
      converged = true;
      break;
    }
    devOld = st.dev;
    devErrorOld = st.devError;
    st.betaOld.set(st.beta);
    haveOld = true;
  }
  const beta = st.beta;
  const eta = st.eta;
  const mu = st.mu;
  // Unscaled covariance in the centred parametrisation: head S⁻¹, tail D⁻¹ + D⁻¹BᵀS⁻¹BD⁻¹ with the
  // border rows (1, t̄_g) of BD⁻¹.
  const lw = st.levelWeight;
  const lt = st.levelTime;
  const cov = scratch.float('fit.cov', p * p);
  const a = st.a;
  const b = hasTrend ? st.b : 0;
  const d = hasTrend ? st.d : 0;
  const firstLevel = st.firstLevel;
  setSymmetric(cov, p, 0, 0, a);
  if (hasTrend) {
    setSymmetric(cov, p, 0, 1, b);
    setSymmetric(cov, p, 1, 1, d);
  }
  for (let g = 0; g < q; g++) {
    const cg = firstLevel + g;
    // −S⁻¹·(1, t̄_g)ᵀ
    setSymmetric(cov, p, 0, cg, -(a + b * lt[g]));
    if (hasTrend) setSymmetric(cov, p, 1, cg, -(b + d * lt[g]));
    for (let g2 = 0; g2 <= g; g2++) {
      // (1, t̄_g)·S⁻¹·(1, t̄_g2)ᵀ (+ 1/G_g on the diagonal)
      let v = a + b * (lt[g] + lt[g2]) + d * lt[g] * lt[g2];
      if (g2 === g) v += 1 / lw[g];
      setSymmetric(cov, p, cg, firstLevel + g2, v);
    }
  }
  // One pass for the working weights W_last (from the μ the last solve was weighted with, now in
  // muNew), the working residuals (final μ) and the hat values h_i = W_i·x_iᵀCx_i: (t − t̄_g)²·S⁻¹₁₁ +
  // 1/G_g on a level, (1, t)S⁻¹(1, t)ᵀ on the reference level (times relative to the head origin).
  const origin = hasTrend ? st.origin : 0;
  const inverseWeight = scratch.float('irls.inverseWeight', q + 1);
  for (let g = 0; g < q; g++) inverseWeight[g] = 1 / lw[g];
  const wLast = scratch.float('fit.weights', m);
  const residuals = scratch.float('fit.residuals', m);
  const hat = scratch.float('fit.hat', m);
  const muLast = st.muNew;
  let muSixth: Float64Array | undefined;
  if (segmented) {
    // The sweeps kept no μ: the final one, the one the last solve was weighted with (R's start
    // μ = y + 0.1 when that solve was the first), and μ^{−1/6} for the Anscombe residuals.
    st.rowExps(beta, 1, mu);
    if (haveOld) st.rowExps(st.betaOld, 1, muLast);
    else muLast.set(response.start);
    muSixth = scratch.float('fit.muSixth', m);
    st.rowExps(beta, -6, muSixth);
  }
  // η of the final coefficients (the sweeps do not keep it), computed as the sweeps compute it.
  const b0 = beta[0];
  const b1 = hasTrend ? beta[1] : 0;
  for (let i = 0; i < m; i++) {
    const g = slot[i];
    eta[i] = b0 + b1 * t[i] + (g < q ? beta[firstLevel + g] : 0) + offset[i];
    const mi = mu[i];
    residuals[i] = (y[i] - mi) / mi;
    const wi = pw[i] * muLast[i];
    wLast[i] = wi;
    if (wi === 0) {
      hat[i] = 0;
      continue;
    }
    const ti = t[i] - origin;
    let xcx: number;
    if (g === q) xcx = a + 2 * b * ti + d * ti * ti;
    else {
      const dt = ti - lt[g];
      xcx = d * dt * dt + inverseWeight[g];
    }
    const h = wi * xcx;
    // Leverage (near) 1: whether R's Anscombe residual comes out NaN or ±∞ is decided by the last ulp.
    if (h > 1 - 1e-9) fragile = true;
    hat[i] = h >= 1 - 10 * EPS ? 1 : h;
  }

  // Back to the design's own parametrisation (trend not centred): β₀ = β₀' − c·β₁, C = MᵀC'M with
  // the covariance's origin at center + origin.
  if (hasTrend) {
    beta[0] -= center * beta[1];
    const shiftAll = center + origin;
    const c11 = cov[p + 1];
    const c01 = cov[1];
    setSymmetric(cov, p, 0, 0, cov[0] - 2 * shiftAll * c01 + shiftAll * shiftAll * c11);
    setSymmetric(cov, p, 0, 1, c01 - shiftAll * c11);
    for (let j = 2; j < p; j++) setSymmetric(cov, p, 0, j, cov[j] - shiftAll * cov[p + j]);
  }
  return {
    m,
    p,
    beta,
    eta,
    mu,
    converged,
    iterations,
    failed,
    rank: p,
    aliased: scratch.byte('fit.aliased', p).fill(0),
    dfResidual: nonZeroPrior - p,
    workingWeights: wLast,
    workingResiduals: residuals,
    deviance: st.dev,
    covUnscaled: cov,
    hat,
    fragile,
    muSixth,
  };
}
