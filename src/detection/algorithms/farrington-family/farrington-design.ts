/**
 * The design matrices of the Farrington family (spec §1.3, §2.4): an intercept, optionally a linear
 * time trend, optionally the treatment-coded indicators of a seasonal factor, and optionally a log
 * population offset. Kept in this structured form (not as a dense matrix) so that the fit can exploit
 * the arrow shape of the normal equations.
 */
export interface FarringtonDesign {
  /** Number of observations m. */
  readonly m: number;
  /** Time covariate (R's `wtime`), or `undefined` for a model without trend. */
  readonly time: Float64Array | undefined;
  /**
   * Per observation, which indicator column of the seasonal factor is 1 (0 … `groupColumns` − 1), or
   * −1 for the reference level. `undefined` when the model has no factor.
   */
  readonly group: Int32Array | undefined;
  /** Number of indicator columns (levels − 1). */
  readonly groupColumns: number;
  /** Offset on the log scale (R's `offset(log(population))`), or `undefined`. */
  readonly offset: Float64Array | undefined;
  /**
   * The arrays are never written (a calendar's memoised rows shared by many series), so a fit may keep
   * what it derives from them for the next design with the same arrays.
   */
  readonly fixed: boolean;
}

/** Number of columns p: intercept, trend, indicators. */
export function designColumns(d: FarringtonDesign): number {
  return 1 + (d.time === undefined ? 0 : 1) + (d.group === undefined ? 0 : d.groupColumns);
}

/**
 * A design. Every design is made here, so that all have one object shape: a design of another shape
 * turning up (a refit without trend) would make V8 drop the optimised code of every function reading it.
 */
export function farringtonDesign(
  m: number,
  time: Float64Array | undefined,
  group: Int32Array | undefined,
  groupColumns: number,
  offset: Float64Array | undefined,
  fixed = false,
): FarringtonDesign {
  return { m, time, group, groupColumns, offset, fixed };
}

/** The same design without its trend column (R's refit "without time trend"). */
export function withoutTrend(d: FarringtonDesign): FarringtonDesign {
  return farringtonDesign(d.m, undefined, d.group, d.groupColumns, d.offset, d.fixed);
}

/** The same design without its offset (R quirk of `algo.farrington.fitGLM.populationOffset`'s fallback). */
export function withoutOffset(d: FarringtonDesign): FarringtonDesign {
  return farringtonDesign(d.m, d.time, d.group, d.groupColumns, undefined, d.fixed);
}

/** Column-major dense m × p matrix in R's `model.matrix` column order. */
export function denseDesign(d: FarringtonDesign): Float64Array {
  const m = d.m;
  const p = designColumns(d);
  const x = new Float64Array(m * p);
  for (let i = 0; i < m; i++) x[i] = 1;
  let col = 1;
  if (d.time !== undefined) {
    x.set(d.time, m);
    col = 2;
  }
  if (d.group !== undefined) {
    for (let i = 0; i < m; i++) {
      const g = d.group[i];
      if (g >= 0) x[(col + g) * m + i] = 1;
    }
  }
  return x;
}

/**
 * The design row of a new observation (the prediction point): trend value and indicator column,
 * written into `out` (length ≥ p) when given.
 */
export function designRow(
  d: FarringtonDesign,
  time: number,
  groupColumn: number,
  out?: Float64Array,
): Float64Array {
  const p = designColumns(d);
  const x0 = out !== undefined && out.length >= p ? out.subarray(0, p).fill(0) : new Float64Array(p);
  x0[0] = 1;
  let col = 1;
  if (d.time !== undefined) {
    x0[1] = time;
    col = 2;
  }
  if (d.group !== undefined && groupColumn >= 0) x0[col + groupColumn] = 1;
  return x0;
}
