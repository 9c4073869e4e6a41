import type { RVector } from './r-compat/r-values.ts';
import type { DetectionRange } from './range.ts';
import type { DetectionResult } from './result.ts';
import type { CountSeries } from './series/count-series.ts';

/**
 * One detection method behind a uniform face, used by the CLI, the golden tests and (later) the
 * services: it parses an R-style `control` object into the method's typed options, knows R's default
 * range, runs, and renders results with R's output names.
 */
export interface Detector<O = unknown, R extends DetectionResult = DetectionResult> {
  /** Tocsin's name, e.g. `farringtonFlexible`, `earsC`. */
  readonly name: string;
  /** The R function it reproduces, e.g. `algo.farrington` (as in the golden `algorithm` field). */
  readonly rFunction: string;
  /** One line for `--help` and docs. */
  readonly summary: string;
  /** Parses and validates an R-style control list (all problems at once: `DetectionOptionsError`). */
  parseControl(control: unknown): O;
  /** R's default range for this series and options (0-based, inclusive). */
  defaultRange(series: CountSeries, options: O): DetectionRange;
  run(series: CountSeries, options: O, range: DetectionRange): R;
  /** The method's extra per-point outputs for tables/CSV, keyed by a readable name. */
  extras(result: R): Readonly<Record<string, ArrayLike<number | boolean | null>>>;
  /** Per-point outputs named and encoded as R's (the golden `result` object). */
  toR(result: R, options: O): Readonly<Record<string, RVector>>;
}

/** A detector whose option and result types have been forgotten (for registries). */
export type AnyDetector = Detector<never, DetectionResult> & {
  parseControl(control: unknown): unknown;
  run(series: CountSeries, options: unknown, range: DetectionRange): DetectionResult;
  defaultRange(series: CountSeries, options: unknown): DetectionRange;
  toR(result: DetectionResult, options: unknown): Readonly<Record<string, RVector>>;
  extras(result: DetectionResult): Readonly<Record<string, ArrayLike<number | boolean | null>>>;
};

/** Erases the types of a detector so detectors of different methods share one registry. */
export function anyDetector<O, R extends DetectionResult>(d: Detector<O, R>): AnyDetector {
  return d as unknown as AnyDetector;
}
