/**
 * Log-link GLM fitting that reproduces R's `glm.fit` step by step (spec §0.5): the same start,
 * iteratively reweighted least squares through a Householder QR with LINPACK `dqrdc2`'s limited
 * pivoting, the same deviance-based stopping rule and step halving, and R's bookkeeping of which
 * iteration's working weights define the dispersion, covariance and hat values.
 *
 * Families: Poisson / quasi-Poisson (V(μ) = μ) and negative binomial with known θ
 * (`MASS::negative.binomial`, V(μ) = μ + μ²/θ).
 */

import { CompensatedSum } from './compensated-sum.ts';

export type GlmFamily =
  | { readonly kind: 'poisson' }
  | { readonly kind: 'negativeBinomial'; readonly theta: number };

export interface GlmData {
  /** Response, length m, no missing values. */
  readonly y: Float64Array;
  /** Design matrix, column-major m × p (column j occupies x[j·m … j·m + m − 1]). */
  readonly x: Float64Array;
  readonly p: number;
  /** Prior weights ω (default 1). Rows with ω = 0 take no part in the fit. */
  readonly priorWeights?: Float64Array | undefined;
  /** Offset o on the link scale (default 0). */
  readonly offset?: Float64Array | undefined;
}

export interface GlmOptions {
  readonly family: GlmFamily;
  /** Starting linear predictor (R's `etastart`); default: the family's start from y. */
  readonly etaStart?: Float64Array | undefined;
  /** R `glm.control(maxit)`. */
  readonly maxIterations?: number;
  /** R `glm.control(epsilon)`. */
  readonly epsilon?: number;
}

export interface GlmFit {
  readonly m: number;
  readonly p: number;
  /** Coefficients; NaN for aliased columns. */
  readonly beta: Float64Array;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** Step halving failed or the first iteration was non-finite: the fit is unusable. */
  readonly failed: boolean;
  readonly rank: number;
  readonly aliased: Uint8Array;
  /** Residual degrees of freedom: (observations with non-zero prior weight) − rank. */
  readonly dfResidual: number;
  /** Working weights from the start of the last iteration (R's `fit$weights`); 0 where ω = 0. */
  readonly workingWeights: Float64Array;
  /** Working residuals (y − μ)/μ from the final μ. */
  readonly workingResiduals: Float64Array;
  readonly deviance: number;
  /** Unscaled covariance (RᵀR)⁻¹, p × p column-major; NaN in aliased rows/columns. */
  readonly covUnscaled: Float64Array;
  /** Hat values: squared row norms of thin Q of diag(√W_last)·X (values > 1 − 10ε set to 1). */
  readonly hat: Float64Array;
}

const EPS = 2 ** -52;

function devianceResiduals(
  family: GlmFamily,
  y: Float64Array,
  mu: Float64Array,
  w: Float64Array | undefined,
): number {
  // R: sum(dev.resids(y, mu, wt)), the sum accumulated in long double: a compensated sum comes closest.
  const sum = new CompensatedSum();
  const m = y.length;
  if (family.kind === 'poisson') {
    for (let i = 0; i < m; i++) {
      const wi = w === undefined ? 1 : w[i];
      const yi = y[i];
      sum.add(2 * (yi > 0 ? wi * (yi * Math.log(yi / mu[i]) - (yi - mu[i])) : mu[i] * wi));
    }
  } else {
    const th = family.theta;
    for (let i = 0; i < m; i++) {
      const wi = w === undefined ? 1 : w[i];
      const yi = y[i];
      sum.add(
        2 * (wi * (yi * Math.log(Math.max(yi, 1) / mu[i]) - (yi + th) * Math.log((yi + th) / (mu[i] + th)))),
      );
    }
  }
  return sum.value();
}

function variance(family: GlmFamily, mu: number): number {
  return family.kind === 'poisson' ? mu : mu + (mu * mu) / family.theta;
}

interface QrResult {
  /** Compact QR (LINPACK layout), column-major m × p over the good rows. */
  readonly qr: Float64Array;
  readonly qraux: Float64Array;
  readonly pivot: Int32Array;
  readonly rank: number;
}

/**
 * LINPACK dqrdc2: Householder QR with limited column pivoting — a column whose remaining norm falls
 * below `tol` × its original norm is moved to the end and the rank reduced.
 */
function dqrdc2(a: Float64Array, n: number, p: number, tol: number): QrResult {
  const qraux = new Float64Array(p);
  const work0 = new Float64Array(p);
  const work1 = new Float64Array(p);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    let s = 0;
    for (let i = 0; i < n; i++) s += a[j * n + i] * a[j * n + i];
    const nrm = Math.sqrt(s);
    qraux[j] = nrm;
    work0[j] = nrm;
    work1[j] = nrm === 0 ? 1 : nrm;
  }
  const lup = Math.min(n, p);
  let k = p + 1;
  for (let l = 0; l < lup; l++) {
    // Cycle columns with negligible norm to the end.
    while (l + 1 < k && qraux[l] < work1[l] * tol) {
      const lp1 = l + 1;
      for (let i = 0; i < n; i++) {
        const t = a[l * n + i];
        for (let j = lp1; j < p; j++) a[(j - 1) * n + i] = a[j * n + i];
        a[(p - 1) * n + i] = t;
      }
      const ip = pivot[l];
      const tq = qraux[l];
      const tw0 = work0[l];
      const tw1 = work1[l];
      for (let j = lp1; j < p; j++) {
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        work0[j - 1] = work0[j];
        work1[j - 1] = work1[j];
      }
      pivot[p - 1] = ip;
      qraux[p - 1] = tq;
      work0[p - 1] = tw0;
      work1[p - 1] = tw1;
      k--;
    }
    if (l === n - 1) break;
    const off = l * n;
    let s = 0;
    for (let i = l; i < n; i++) s += a[off + i] * a[off + i];
    let nrmxl = Math.sqrt(s);
    if (nrmxl === 0) continue;
    if (a[off + l] !== 0) nrmxl = Math.sign(a[off + l]) * Math.abs(nrmxl);
    // BLAS dscal by the reciprocal, as LINPACK does (not a division).
    const scale = 1 / nrmxl;
    for (let i = l; i < n; i++) a[off + i] *= scale;
    a[off + l] += 1;
    for (let j = l + 1; j < p; j++) {
      const oj = j * n;
      let t = 0;
      for (let i = l; i < n; i++) t -= a[off + i] * a[oj + i];
      t /= a[off + l];
      for (let i = l; i < n; i++) a[oj + i] += t * a[off + i];
      if (qraux[j] !== 0) {
        const tt0 = Math.abs(a[oj + l]) / qraux[j];
        let tt = 1 - tt0 * tt0;
        tt = Math.max(tt, 0);
        if (Math.abs(tt) < 1e-6) {
          let s2 = 0;
          for (let i = l + 1; i < n; i++) s2 += a[oj + i] * a[oj + i];
          qraux[j] = Math.sqrt(s2);
          work0[j] = qraux[j];
        } else {
          qraux[j] *= Math.sqrt(tt);
        }
      }
    }
    qraux[l] = a[off + l];
    a[off + l] = -nrmxl;
  }
  const rank = Math.min(k - 1, n);
  return { qr: a, qraux, pivot, rank };
}

/** Applies Qᵀ (from dqrdc2's compact form) to vector v of length n, in place. */
function applyQt(qr: QrResult, n: number, v: Float64Array): void {
  const ju = Math.min(qr.rank, n - 1);
  for (let j = 0; j < ju; j++) {
    if (qr.qraux[j] === 0) continue;
    const off = j * n;
    const diag = qr.qr[off + j];
    qr.qr[off + j] = qr.qraux[j];
    let t = 0;
    for (let i = j; i < n; i++) t -= qr.qr[off + i] * v[i];
    t /= qr.qr[off + j];
    for (let i = j; i < n; i++) v[i] += t * qr.qr[off + i];
    qr.qr[off + j] = diag;
  }
}

/** Applies Q to vector v (length n), in place. */
function applyQ(qr: QrResult, n: number, v: Float64Array): void {
  const ju = Math.min(qr.rank, n - 1);
  for (let j = ju - 1; j >= 0; j--) {
    if (qr.qraux[j] === 0) continue;
    const off = j * n;
    const diag = qr.qr[off + j];
    qr.qr[off + j] = qr.qraux[j];
    let t = 0;
    for (let i = j; i < n; i++) t -= qr.qr[off + i] * v[i];
    t /= qr.qr[off + j];
    for (let i = j; i < n; i++) v[i] += t * qr.qr[off + i];
    qr.qr[off + j] = diag;
  }
}

/** Fits the GLM as R's `glm.fit` does. */
export function fitGlm(data: GlmData, options: GlmOptions): GlmFit {
  const { y, x, p } = data;
  const m = y.length;
  const family = options.family;
  const maxit = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const tol = Math.min(1e-7, epsilon / 1000);
  const prior = data.priorWeights;
  const offset = data.offset;

  // Rows that take part (R: good = weights > 0 & mu.eta != 0; for the log link mu.eta = mu > 0).
  let mu = new Float64Array(m);
  let eta = new Float64Array(m);
  if (options.etaStart !== undefined) {
    for (let i = 0; i < m; i++) {
      eta[i] = options.etaStart[i];
      mu[i] = Math.max(Math.exp(eta[i]), EPS);
    }
  } else {
    for (let i = 0; i < m; i++) {
      const start = family.kind === 'poisson' ? y[i] + 0.1 : y[i] + (y[i] === 0 ? 1 / 6 : 0);
      eta[i] = Math.log(start);
      // R: mu <- linkinv(linkfun(mustart)).
      mu[i] = Math.max(Math.exp(eta[i]), EPS);
    }
  }
  let devOld = devianceResiduals(family, y, mu, prior);
  let coef = new Float64Array(p);
  let coefOld: Float64Array | undefined;
  let converged = false;
  let failed = false;
  let iterations = 0;
  let wLast = new Float64Array(m);
  let lastQr: QrResult | undefined;
  let goodIdx = new Int32Array(0);
  let dev = devOld;

  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    const good: number[] = [];
    for (let i = 0; i < m; i++) if ((prior === undefined || prior[i] > 0) && mu[i] !== 0) good.push(i);
    const ng = good.length;
    const a = new Float64Array(ng * p);
    const z = new Float64Array(ng);
    const w = new Float64Array(m);
    for (let gi = 0; gi < ng; gi++) {
      const i = good[gi];
      const mi = mu[i];
      const pw = prior === undefined ? 1 : prior[i];
      const zi = eta[i] - (offset === undefined ? 0 : offset[i]) + (y[i] - mi) / mi;
      const wi = Math.sqrt((pw * (mi * mi)) / variance(family, mi));
      w[i] = wi * wi;
      z[gi] = zi * wi;
      for (let j = 0; j < p; j++) a[j * ng + gi] = x[j * m + i] * wi;
    }
    const qr = dqrdc2(a, ng, p, tol);
    applyQt(qr, ng, z);
    // Back-substitute R·b = (Qᵀz)[0..rank) column by column, as LINPACK dqrsl does.
    const b = new Float64Array(p).fill(Number.NaN);
    const sol = z.slice(0, qr.rank);
    for (let j = qr.rank - 1; j >= 0; j--) {
      sol[j] /= qr.qr[j * ng + j];
      const t = -sol[j];
      for (let i = 0; i < j; i++) sol[i] += t * qr.qr[j * ng + i];
    }
    const start = new Float64Array(p);
    for (let j = 0; j < p; j++) start[qr.pivot[j]] = j < qr.rank ? sol[j] : 0;
    for (let j = 0; j < qr.rank; j++) b[qr.pivot[j]] = sol[j];
    const newEta = new Float64Array(m);
    const newMu = new Float64Array(m);
    const computeEtaMu = (beta: Float64Array): void => {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) {
          // Aliased coefficients enter as 0 (R sets start[pivot] from fit coefficients, NA → 0 here).
          s += x[j * m + i] * beta[j];
        }
        // R: eta <- drop(x %*% start); eta <- eta + offset.
        if (offset !== undefined) s += offset[i];
        newEta[i] = s;
        // The log link's inverse in R is pmax(exp(η), ε).
        newMu[i] = Math.max(Math.exp(s), EPS);
      }
    };
    computeEtaMu(start);
    dev = devianceResiduals(family, y, newMu, prior);
    const invalid = (): boolean => {
      if (!Number.isFinite(dev)) return true;
      for (let i = 0; i < m; i++) if (!(Number.isFinite(newMu[i]) && newMu[i] > 0)) return true;
      return false;
    };
    if (invalid()) {
      if (coefOld === undefined) {
        failed = true;
        wLast = w;
        lastQr = qr;
        goodIdx = Int32Array.from(good);
        coef = b;
        eta = newEta;
        mu = newMu;
        break;
      }
      let ii = 0;
      while (invalid()) {
        if (ii >= maxit) {
          failed = true;
          break;
        }
        ii++;
        for (let j = 0; j < p; j++) start[j] = (start[j] + coefOld[j]) / 2;
        computeEtaMu(start);
        dev = devianceResiduals(family, y, newMu, prior);
      }
      for (let j = 0; j < qr.rank; j++) b[qr.pivot[j]] = start[qr.pivot[j]];
    }
    wLast = w;
    lastQr = qr;
    goodIdx = Int32Array.from(good);
    coef = b;
    eta = newEta;
    mu = newMu;
    if (failed) break;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
    coefOld = start;
  }

  const qr = lastQr as QrResult;
  const ng = goodIdx.length;
  const rank = qr.rank;
  const aliased = new Uint8Array(p);
  for (let j = rank; j < p; j++) aliased[qr.pivot[j]] = 1;
  // (RᵀR)⁻¹ on the pivoted non-aliased block, scattered back to original column order.
  const rinv = new Float64Array(rank * rank);
  for (let j = 0; j < rank; j++) {
    rinv[j * rank + j] = 1 / qr.qr[j * ng + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += qr.qr[k * ng + i] * rinv[j * rank + k];
      rinv[j * rank + i] = -s / qr.qr[i * ng + i];
    }
  }
  const cov = new Float64Array(p * p).fill(Number.NaN);
  for (let a1 = 0; a1 < rank; a1++) {
    for (let b1 = 0; b1 < rank; b1++) {
      let s = 0;
      for (let k = Math.max(a1, b1); k < rank; k++) s += rinv[k * rank + a1] * rinv[k * rank + b1];
      cov[qr.pivot[b1] * p + qr.pivot[a1]] = s;
    }
  }
  // Hat values from thin Q: h_i = Σ_{j<rank} Q_ij².
  const hat = new Float64Array(m);
  const e = new Float64Array(ng);
  const qcols: Float64Array[] = [];
  for (let j = 0; j < rank; j++) {
    e.fill(0);
    e[j] = 1;
    applyQ(qr, ng, e);
    qcols.push(Float64Array.from(e));
  }
  for (let gi = 0; gi < ng; gi++) {
    let s = 0;
    for (let j = 0; j < rank; j++) s += qcols[j][gi] * qcols[j][gi];
    hat[goodIdx[gi]] = s >= 1 - 10 * EPS ? 1 : s;
  }
  const residuals = new Float64Array(m);
  for (let i = 0; i < m; i++) residuals[i] = (y[i] - mu[i]) / mu[i];
  let nOk = 0;
  for (let i = 0; i < m; i++) if (prior === undefined || prior[i] !== 0) nOk++;
  return {
    m,
    p,
    beta: coef,
    eta,
    mu,
    converged,
    iterations,
    failed,
    rank,
    aliased,
    dfResidual: nOk - rank,
    workingWeights: wLast,
    workingResiduals: residuals,
    deviance: dev,
    covUnscaled: cov,
    hat,
  };
}

/** Pearson dispersion as R's `summary.glm`: Σ W_last·r² / df over rows with W_last > 0 (NaN when df = 0). */
export function pearsonDispersion(fit: GlmFit): number {
  const s = new CompensatedSum();
  for (let i = 0; i < fit.m; i++) {
    const w = fit.workingWeights[i];
    const r = fit.workingResiduals[i];
    if (w > 0) s.add(w * (r * r));
  }
  return fit.dfResidual > 0 ? s.value() / fit.dfResidual : Number.NaN;
}

/** x₀ᵀ C x₀ for a new design row (aliased columns skipped); multiply by a dispersion for se². */
export function quadraticForm(fit: GlmFit, x0: ArrayLike<number>): number {
  const p = fit.p;
  let s = 0;
  for (let a = 0; a < p; a++) {
    if (fit.aliased[a]) continue;
    for (let b = 0; b < p; b++) {
      if (fit.aliased[b]) continue;
      s += x0[a] * fit.covUnscaled[a * p + b] * x0[b];
    }
  }
  return s;
}

/** Linear predictor x₀ᵀβ (+ offset) for a new design row; aliased coefficients count as 0 (R's predict). */
export function linearPredictor(fit: GlmFit, x0: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (let j = 0; j < fit.p; j++) if (!fit.aliased[j]) s += x0[j] * fit.beta[j];
  return s + offset;
}
