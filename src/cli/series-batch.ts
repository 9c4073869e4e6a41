import type { CountSeries, Frequency } from '../detection/series/count-series.ts';

/**
 * A run of consecutive series packed into a few typed arrays, so that a worker thread receives them
 * by transfer (one memcpy here, none on the way) instead of by structured clone of one object and
 * three typed arrays per series. Date vectors shared by several series are packed once.
 */
export interface SeriesBatch {
  /** Position of the batch's first series in the whole input. */
  readonly start: number;
  readonly count: number;
  /** Every series' counts, one after the other. */
  readonly observed: Float64Array;
  /** Series i has counts observed[observedStart[i]] … observed[observedStart[i + 1] − 1]. */
  readonly observedStart: Int32Array;
  /** The distinct date vectors, one after the other. */
  readonly dates: Int32Array;
  /** Where series i's dates start in `dates` (its length is that of its counts). */
  readonly datesStart: Int32Array;
  /** The populations of the series that have one, one after the other. */
  readonly population: Float64Array;
  /** Where series i's population starts in `population`; −1 without one. */
  readonly populationStart: Int32Array;
  /** Per series: the frequency's code (bits 0–1) and epochAsDate (bit 2). */
  readonly flags: Uint8Array;
}

const FREQUENCIES: ReadonlyArray<Frequency> = ['daily', 'weekly', 'monthly'];

/** Packs series start … end − 1 of `series(i)`. */
export function packSeries(series: (i: number) => CountSeries, start: number, end: number): SeriesBatch {
  const count = end - start;
  const observedStart = new Int32Array(count + 1);
  const datesStart = new Int32Array(count);
  const populationStart = new Int32Array(count);
  const flags = new Uint8Array(count);
  const distinctDates = new Map<Int32Array, number>();
  let observedLength = 0;
  let datesLength = 0;
  let populationLength = 0;
  for (let i = 0; i < count; i++) {
    const s = series(start + i);
    observedStart[i] = observedLength;
    observedLength += s.observed.length;
    let at = distinctDates.get(s.dates);
    if (at === undefined) {
      at = datesLength;
      distinctDates.set(s.dates, at);
      datesLength += s.dates.length;
    }
    datesStart[i] = at;
    if (s.population === undefined) populationStart[i] = -1;
    else {
      populationStart[i] = populationLength;
      populationLength += s.population.length;
    }
    flags[i] = FREQUENCIES.indexOf(s.frequency) | (s.epochAsDate ? 4 : 0);
  }
  observedStart[count] = observedLength;
  const observed = new Float64Array(observedLength);
  const dates = new Int32Array(datesLength);
  const population = new Float64Array(populationLength);
  for (const [d, at] of distinctDates) dates.set(d, at);
  for (let i = 0; i < count; i++) {
    const s = series(start + i);
    observed.set(s.observed, observedStart[i]);
    if (s.population !== undefined) population.set(s.population, populationStart[i]);
  }
  return {
    start,
    count,
    observed,
    observedStart,
    dates,
    datesStart,
    population,
    populationStart,
    flags,
  };
}

/** Series i of the batch (0-based within it), as views into the batch's arrays. */
export function unpackSeries(batch: SeriesBatch, i: number): CountSeries {
  const from = batch.observedStart[i];
  const n = batch.observedStart[i + 1] - from;
  const d = batch.datesStart[i];
  const p = batch.populationStart[i];
  const flag = batch.flags[i];
  return {
    frequency: FREQUENCIES[flag & 3],
    dates: batch.dates.subarray(d, d + n),
    observed: batch.observed.subarray(from, from + n),
    population: p < 0 ? undefined : batch.population.subarray(p, p + n),
    epochAsDate: (flag & 4) !== 0,
  };
}

/** The buffers to hand over with `postMessage(batch, transfer)`. */
export function seriesBatchTransfer(batch: SeriesBatch): ArrayBuffer[] {
  return [
    batch.observed.buffer,
    batch.observedStart.buffer,
    batch.dates.buffer,
    batch.datesStart.buffer,
    batch.population.buffer,
    batch.populationStart.buffer,
    batch.flags.buffer,
  ] as ArrayBuffer[];
}
