/**
 * Tocsin's detection core as a library: `import { farringtonFlexible } from 'tocsin/detection'`.
 * Pure functions of their arguments; no I/O.
 */
export * from './series/calendar.ts';
export * from './series/count-series.ts';
export * from './series/missing.ts';
export * from './range.ts';
export * from './result.ts';
export * from './errors.ts';
export * from './detector.ts';
export { DETECTORS, findDetector } from './detectors/registry.ts';
export { parseRCase, seriesFromRCase, type RCase } from './r-compat/r-case.ts';
export { runRCase } from './r-compat/run-r-case.ts';
export type { RNumber, RLogical, RVector } from './r-compat/r-values.ts';
