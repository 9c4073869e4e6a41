import type { AnyDetector } from '../../src/detection/detector.ts';
import { findDetector } from '../../src/detection/detectors/registry.ts';
import { decodeRNumber, type RVector } from '../../src/detection/r-compat/r-values.ts';
import type { DetectionRange } from '../../src/detection/range.ts';
import type { CountSeries } from '../../src/detection/series/count-series.ts';
import type { BenchAlgorithm } from './bench-algorithms.ts';
import { nbInControl } from './nb-in-control.ts';

/** R's `alarm` and `upperbound` of one run (aligned with the range), as R's alarm files record them. */
export interface BenchOutput {
  readonly alarm: ReadonlyArray<boolean | null>;
  /** NaN where R gives NA. */
  readonly upperBound: Float64Array;
  /** A fallback taken (as r/algos.R notes it); empty otherwise. */
  readonly note: string;
}

/** A configuration bound to its detector, ready to run on many series. */
export interface PreparedBenchAlgorithm {
  readonly algorithm: BenchAlgorithm;
  run(series: CountSeries, range: DetectionRange): BenchOutput;
}

function rOutputs(
  detector: AnyDetector,
  series: CountSeries,
  options: unknown,
  range: DetectionRange,
  note: string,
) {
  const r = detector.toR(detector.run(series, options, range), options);
  return decode(r, note);
}

function decode(r: Readonly<Record<string, RVector>>, note: string): BenchOutput {
  const alarm = r.alarm ?? [];
  const bound = r.upperbound ?? [];
  const upperBound = new Float64Array(bound.length);
  for (let i = 0; i < bound.length; i++) upperBound[i] = decodeRNumber(bound[i]);
  return { alarm: alarm.map((a) => (a === null ? null : a === true || a === 1)), upperBound, note };
}

/**
 * Resolves the detector and parses the control once. Reproduces r/algos.R's `run_algo`: glrnb falls
 * back to the Poisson GLR (alpha = 0) when its glm.nb fit fails; cusum_nb first fits the NB
 * in-control model and passes its means and alpha to the CUSUM.
 */
export function prepareBenchAlgorithm(algorithm: BenchAlgorithm): PreparedBenchAlgorithm {
  const detector = findDetector(algorithm.detector);
  if (detector === undefined) throw new Error(`Tocsin has no detector "${algorithm.detector}"`);
  if (algorithm.name === 'cusum_nb') {
    return {
      algorithm,
      run(series, range) {
        const nb = nbInControl(series, range);
        const options = detector.parseControl({
          ...algorithm.control,
          m: Array.from(nb.mu),
          alpha: nb.alpha,
        });
        return rOutputs(detector, series, options, range, nb.note);
      },
    };
  }
  const options = detector.parseControl(algorithm.control);
  if (algorithm.name === 'glrnb') {
    const poisson = detector.parseControl({ ...algorithm.control, alpha: 0 });
    return {
      algorithm,
      run(series, range) {
        try {
          return rOutputs(detector, series, options, range, '');
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          if (why.includes('not implemented')) throw err;
          return rOutputs(detector, series, poisson, range, `glm.nb failed, Poisson fallback: ${why}`);
        }
      },
    };
  }
  return { algorithm, run: (series, range) => rOutputs(detector, series, options, range, '') };
}
