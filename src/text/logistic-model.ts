/**
 * Binary logistic regression: the small trained models of report tagging (is this country affected, is
 * this hazard what the report is about, is the report about an outbreak). Fitted by full-batch gradient
 * descent with L2 regularisation on standardised features; the stored weights apply to raw features.
 */

/** A fitted model: p = 1 / (1 + exp(-(bias + Σ weights[i]·x[i]))). */
export interface LogisticModel {
  readonly features: ReadonlyArray<string>;
  readonly weights: ReadonlyArray<number>;
  readonly bias: number;
  /** Decision threshold on p. */
  readonly threshold: number;
}

export interface LogisticTrainingOptions {
  /** L2 penalty on the standardised weights (not on the bias). */
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
  readonly threshold: number;
}

export const DEFAULT_LOGISTIC_TRAINING_OPTIONS: LogisticTrainingOptions = Object.freeze({
  l2: 1e-3,
  iterations: 2000,
  learningRate: 0.5,
  threshold: 0.5,
});

export function predictLogistic(model: LogisticModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

/** Fits a model to rows `x` (one feature vector each) with labels `y` (0 or 1). */
export function trainLogistic(
  features: ReadonlyArray<string>,
  x: ReadonlyArray<ArrayLike<number>>,
  y: ArrayLike<number>,
  options: Partial<LogisticTrainingOptions> = {},
): LogisticModel {
  const o = { ...DEFAULT_LOGISTIC_TRAINING_OPTIONS, ...options };
  const n = x.length;
  const d = features.length;
  if (n === 0) throw new RangeError('trainLogistic: no training rows');
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const row of x) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  for (const row of x) for (let j = 0; j < d; j++) sd[j] += (row[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) sd[j] = sd[j] > 1e-12 ? Math.sqrt(sd[j]) : 1;
  const z = x.map((row) => Float64Array.from({ length: d }, (_, j) => (row[j] - mean[j]) / sd[j]));
  const w = new Float64Array(d);
  let b = 0;
  const grad = new Float64Array(d);
  for (let it = 0; it < o.iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let s = b;
      const zi = z[i];
      for (let j = 0; j < d; j++) s += w[j] * zi[j];
      const err = 1 / (1 + Math.exp(-s)) - y[i];
      gb += err;
      for (let j = 0; j < d; j++) grad[j] += err * zi[j];
    }
    for (let j = 0; j < d; j++) w[j] -= o.learningRate * (grad[j] / n + o.l2 * w[j]);
    b -= o.learningRate * (gb / n);
  }
  // back to raw features: w_raw = w / sd, b_raw = b - Σ w·mean/sd
  const weights = Array.from(w, (wj, j) => wj / sd[j]);
  const bias = b - weights.reduce((acc, wj, j) => acc + wj * mean[j], 0);
  return { features: [...features], weights, bias, threshold: o.threshold };
}
