/**
 * Gradient-boosted regression trees for a binary outcome (Friedman 2001, "Greedy function approximation:
 * a gradient boosting machine"; second-order leaf values as in Chen & Guestrin 2016, XGBoost): a small
 * non-linear model for the decisions of report tagging whose features interact (a country listed in a
 * regional report, a title country next to case words). Split points are searched on per-feature
 * quantile bins, so training is linear in the rows.
 */

/** A node of a tree: a split (feature ≥ 0) or a leaf (feature -1) holding a value added to the score. */
export interface TreeNode {
  /** Feature index, or -1 for a leaf. */
  readonly f: number;
  /** Rows with x[f] <= t go to `l`, the others to `r` (node indexes within the tree). */
  readonly t: number;
  readonly l: number;
  readonly r: number;
  /** Leaf value (log-odds increment), learning rate included. */
  readonly v: number;
}

export interface BoostedTrees {
  readonly kind: 'boosted-trees';
  readonly features: ReadonlyArray<string>;
  /** Starting log-odds. */
  readonly base: number;
  readonly trees: ReadonlyArray<ReadonlyArray<TreeNode>>;
  /** Decision threshold on p. */
  readonly threshold: number;
}

export interface BoostingOptions {
  readonly trees: number;
  readonly depth: number;
  readonly learningRate: number;
  /** Least rows (hessian mass, roughly) on each side of a split. */
  readonly minLeaf: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  /** Candidate split points per feature. */
  readonly bins: number;
  readonly threshold: number;
}

export const DEFAULT_BOOSTING_OPTIONS: BoostingOptions = Object.freeze({
  trees: 100,
  depth: 2,
  learningRate: 0.1,
  minLeaf: 20,
  lambda: 1,
  bins: 32,
  threshold: 0.5,
});

export function predictBoostedTrees(model: BoostedTrees, x: ArrayLike<number>): number {
  let z = model.base;
  for (const tree of model.trees) {
    let k = 0;
    for (;;) {
      const node = tree[k];
      if (node.f < 0) {
        z += node.v;
        break;
      }
      k = x[node.f] <= node.t ? node.l : node.r;
    }
  }
  return 1 / (1 + Math.exp(-z));
}

/** Fits trees to rows `x` with labels `y` (0 or 1). */
export function trainBoostedTrees(
  features: ReadonlyArray<string>,
  x: ReadonlyArray<ArrayLike<number>>,
  y: ArrayLike<number>,
  options: Partial<BoostingOptions> = {},
): BoostedTrees {
  const o = { ...DEFAULT_BOOSTING_OPTIONS, ...options };
  const n = x.length;
  const d = features.length;
  if (n === 0) throw new RangeError('trainBoostedTrees: no training rows');
  // candidate thresholds: distinct quantiles of each feature
  const cuts: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const values = Float64Array.from(x, (row) => row[j]).sort();
    const set = new Set<number>();
    for (let b = 1; b < o.bins; b++) set.add(values[Math.floor((b * (n - 1)) / o.bins)]);
    set.delete(values[n - 1]);
    cuts.push(Float64Array.from([...set].sort((a, b) => a - b)));
  }
  // bin of each row per feature: the first cut >= value (cuts.length when above all)
  const binOf: Uint8Array[] = [];
  for (let j = 0; j < d; j++) {
    const c = cuts[j];
    const bins = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let b = 0;
      while (b < c.length && x[i][j] > c[b]) b++;
      bins[i] = b;
    }
    binOf.push(bins);
  }
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const p0 = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  const base = Math.log(p0 / (1 - p0));
  const score = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[][] = [];
  for (let t = 0; t < o.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]));
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), 1e-12);
    }
    const nodes: TreeNode[] = [];
    const grow = (rows: Int32Array, depth: number): number => {
      const m = rows.length;
      let G = 0;
      let H = 0;
      for (let k = 0; k < m; k++) {
        G += g[rows[k]];
        H += h[rows[k]];
      }
      const index = nodes.length;
      const leaf = (): number => {
        nodes[index] = { f: -1, t: 0, l: -1, r: -1, v: (-G / (H + o.lambda)) * o.learningRate };
        const v = nodes[index].v;
        for (let k = 0; k < m; k++) score[rows[k]] += v;
        return index;
      };
      nodes.push({ f: -1, t: 0, l: -1, r: -1, v: 0 });
      if (depth >= o.depth || m < 2 * o.minLeaf) return leaf();
      let bestGain = 1e-9;
      let bestF = -1;
      let bestBin = -1;
      const parent = (G * G) / (H + o.lambda);
      for (let j = 0; j < d; j++) {
        const c = cuts[j];
        if (c.length === 0) continue;
        const gs = new Float64Array(c.length + 1);
        const hs = new Float64Array(c.length + 1);
        const ns = new Int32Array(c.length + 1);
        const bins = binOf[j];
        for (let k = 0; k < m; k++) {
          const i = rows[k];
          const b = bins[i];
          gs[b] += g[i];
          hs[b] += h[i];
          ns[b]++;
        }
        let gl = 0;
        let hl = 0;
        let nl = 0;
        for (let b = 0; b < c.length; b++) {
          gl += gs[b];
          hl += hs[b];
          nl += ns[b];
          const nr = m - nl;
          if (nl < o.minLeaf || nr < o.minLeaf) continue;
          const gr = G - gl;
          const hr = H - hl;
          const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = j;
            bestBin = b;
          }
        }
      }
      if (bestF < 0) return leaf();
      const bins = binOf[bestF];
      const left = rows.filter((i) => bins[i] <= bestBin);
      const right = rows.filter((i) => bins[i] > bestBin);
      const l = grow(left, depth + 1);
      const r = grow(right, depth + 1);
      nodes[index] = { f: bestF, t: cuts[bestF][bestBin], l, r, v: 0 };
      return index;
    };
    grow(
      Int32Array.from({ length: n }, (_, i) => i),
      0,
    );
    trees.push(nodes);
  }
  return { kind: 'boosted-trees', features: [...features], base, trees, threshold: o.threshold };
}
