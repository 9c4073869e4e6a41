import type { BenchOptions } from '../bench-options.ts';
import type { SimSet } from '../data/sim-set.ts';
import type { Truth } from '../quality/truth.ts';
import type { RAvailability } from '../speed/find-r.ts';

/** Everything the sections share: options, the loaded simulated set and whether R can run. */
export interface BenchContext {
  readonly options: BenchOptions;
  readonly r: RAvailability;
  readonly sim: SimSet;
  /** The truth over the evaluation weeks 576–624. */
  readonly truth: Truth;
}

/** The benchmark's evaluation weeks (1-based `week_index`), as in r/common.R `EVAL_WEEKS`. */
export const EVAL_FROM = 576;
export const EVAL_TO = 624;
