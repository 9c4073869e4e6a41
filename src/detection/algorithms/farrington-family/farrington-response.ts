/**
 * The response of a Farrington-family fit with the transformations every fit and reweighting round
 * needs, computed once per baseline: log y (deviance), log(y + 0.1) (R's IRLS start) and y^{2/3}
 * (Anscombe residuals). Whole counts below 4096 come from tables filled on first use.
 */
import type { Scratch } from './scratch.ts';

const TABLE_SIZE = 4096;
let logTable: Float64Array | undefined;
let logStartTable: Float64Array | undefined;
let startTable: Float64Array | undefined;
let twoThirdsTable: Float64Array | undefined;

const EPS = 2 ** -52;

function tables(): [Float64Array, Float64Array, Float64Array, Float64Array] {
  if (
    logTable === undefined ||
    logStartTable === undefined ||
    startTable === undefined ||
    twoThirdsTable === undefined
  ) {
    logTable = new Float64Array(TABLE_SIZE);
    logStartTable = new Float64Array(TABLE_SIZE);
    startTable = new Float64Array(TABLE_SIZE);
    twoThirdsTable = new Float64Array(TABLE_SIZE);
    for (let v = 0; v < TABLE_SIZE; v++) {
      logTable[v] = v > 0 ? Math.log(v) : 0;
      logStartTable[v] = Math.log(v + 0.1);
      startTable[v] = Math.max(Math.exp(logStartTable[v]), EPS);
      twoThirdsTable[v] = v ** (2 / 3);
    }
  }
  return [logTable, logStartTable, startTable, twoThirdsTable];
}

export interface FarringtonResponse {
  /** The counts y (no missing values). */
  readonly y: Float64Array;
  /** log y, and 0 where y = 0 (the deviance term is then μ). */
  readonly logY: Float64Array;
  /** log(y + 0.1): R's starting linear predictor for the Poisson family. */
  readonly logStart: Float64Array;
  /** R's starting mean linkinv(log(y + 0.1)). */
  readonly start: Float64Array;
  /** y^{2/3}. */
  readonly twoThirds: Float64Array;
}

/** The transformed response; with `scratch` its arrays are views into it (valid until the next call). */
export function farringtonResponse(y: Float64Array, scratch?: Scratch): FarringtonResponse {
  const [logT, logStartT, startT, twoT] = tables();
  const m = y.length;
  const logY = scratch?.float('response.logY', m) ?? new Float64Array(m);
  const logStart = scratch?.float('response.logStart', m) ?? new Float64Array(m);
  const start = scratch?.float('response.start', m) ?? new Float64Array(m);
  const twoThirds = scratch?.float('response.twoThirds', m) ?? new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const v = y[i];
    if (v >= 0 && v < TABLE_SIZE && (v | 0) === v) {
      logY[i] = logT[v];
      logStart[i] = logStartT[v];
      start[i] = startT[v];
      twoThirds[i] = twoT[v];
    } else {
      logY[i] = v > 0 ? Math.log(v) : 0;
      logStart[i] = Math.log(v + 0.1);
      start[i] = Math.max(Math.exp(logStart[i]), EPS);
      twoThirds[i] = v ** (2 / 3);
    }
  }
  return { y, logY, logStart, start, twoThirds };
}
