import { findDetector } from '../detectors/registry.ts';
import { DetectionInputError } from '../errors.ts';
import { rangeFromR } from '../range.ts';
import type { RCase } from './r-case.ts';
import { seriesFromRCase } from './r-case.ts';
import type { RVector } from './r-values.ts';

/** Runs one golden-schema case the way R would and returns R-named, R-encoded outputs. */
export function runRCase(c: RCase): Readonly<Record<string, RVector>> {
  const detector = findDetector(c.algorithm);
  if (detector === undefined)
    throw new DetectionInputError(`unknown algorithm "${c.algorithm}"`, 'algorithm');
  const series = seriesFromRCase(c);
  const options = detector.parseControl(c.control);
  const range = rangeFromR(c.range, series.observed.length);
  const result = detector.run(series, options, range);
  return detector.toR(result, options);
}
