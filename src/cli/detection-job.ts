import type { AnyDetector } from '../detection/detector.ts';
import { findDetector } from '../detection/detectors/registry.ts';
import { DetectionInputError } from '../detection/errors.ts';
import { type RangeSpec, resolveRange } from '../detection/range.ts';
import type { DetectionResult } from '../detection/result.ts';
import type { CountSeries } from '../detection/series/count-series.ts';

/** One series to run, with the caller's identifier. */
export interface SeriesItem {
  readonly id: string;
  readonly series: CountSeries;
}

/** What to run on every series: a detector by name, its R-style control, and the points to monitor. */
export interface DetectionRequest {
  readonly algorithm: string;
  readonly control: unknown;
  readonly range: RangeSpec;
}

export type Extras = Readonly<Record<string, ArrayLike<number | boolean | null>>>;

/** Per-series outcome: a result, or the reason there is none (batch work reports per item). */
export type SeriesOutcome =
  | { readonly id: string; readonly ok: true; readonly result: DetectionResult; readonly extras: Extras }
  | {
      readonly id: string;
      readonly ok: false;
      readonly error: { readonly code: string; readonly message: string; readonly field?: string };
    };

/** A request whose detector and options have been resolved once, then applied to many series. */
export interface PreparedRequest {
  readonly detector: AnyDetector;
  readonly options: unknown;
  readonly range: RangeSpec;
}

/** Resolves the detector and parses the control once; throws typed errors for bad requests. */
export function prepareRequest(request: DetectionRequest): PreparedRequest {
  const detector = findDetector(request.algorithm);
  if (detector === undefined)
    throw new DetectionInputError(`unknown algorithm "${request.algorithm}"`, 'algorithm');
  return { detector, options: detector.parseControl(request.control), range: request.range };
}

export function runOne(prepared: PreparedRequest, item: SeriesItem): SeriesOutcome {
  try {
    const { detector, options } = prepared;
    const def = detector.defaultRange(item.series, options);
    const range = resolveRange(prepared.range, item.series.dates, def);
    if (range === undefined) {
      return {
        id: item.id,
        ok: false,
        error: {
          code: 'INSUFFICIENT_HISTORY',
          message: `${detector.name} needs at least ${def.from + 1} epochs before the first monitored point; the series has ${item.series.observed.length}`,
        },
      };
    }
    const result = detector.run(item.series, options, range);
    return { id: item.id, ok: true, result, extras: detector.extras(result) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = 'code' in e && typeof e.code === 'string' ? e.code : 'DETECTION_FAILED';
    const field = e instanceof DetectionInputError ? e.field : undefined;
    return {
      id: item.id,
      ok: false,
      error: field === undefined ? { code, message: e.message } : { code, message: e.message, field },
    };
  }
}
