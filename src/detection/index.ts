/**
 * Tocsin's detection core as a library: `import { farringtonFlexible } from 'tocsin/detection'`.
 * Pure functions of their arguments; no I/O.
 */

export * from './algorithms/bayes.ts';
export * from './algorithms/cdc.ts';
export * from './algorithms/cusum.ts';
export * from './algorithms/ears-c.ts';
export * from './algorithms/farrington.ts';
export * from './algorithms/farrington-flexible.ts';
export * from './algorithms/glrnb.ts';
export * from './algorithms/glrpois.ts';
export * from './algorithms/outbreak-p.ts';
export * from './algorithms/rki.ts';
export * from './detector.ts';
export { DETECTORS, findDetector } from './detectors/registry.ts';
export * from './errors.ts';
export { parseRCase, type RCase, seriesFromRCase } from './r-compat/r-case.ts';
export type { RLogical, RNumber, RVector } from './r-compat/r-values.ts';
export { runRCase } from './r-compat/run-r-case.ts';
export * from './range.ts';
export * from './result.ts';
export { aggregateSeries } from './series/aggregate.ts';
export * from './series/calendar.ts';
export * from './series/count-series.ts';
export * from './series/missing.ts';
