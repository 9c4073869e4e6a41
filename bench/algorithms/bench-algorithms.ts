/**
 * The eight algorithm configurations of the benchmark, exactly those of ../shared/bench/r/algos.R
 * (`algo_control`), as R-style control lists for Tocsin's detectors. `range` is added per run
 * (weeks 576–624); entries R sets to `NULL` are left out, which is what `NULL` means to R.
 */

export type BenchAlgorithmName =
  | 'farrington_noufaily'
  | 'farrington_orig'
  | 'ears_c1'
  | 'ears_c2'
  | 'ears_c3'
  | 'glrnb'
  | 'cusum'
  | 'cusum_nb';

export interface BenchAlgorithm {
  /** The name of R's alarm file (`r-results/alarms-public/<name>.csv`). */
  readonly name: BenchAlgorithmName;
  /** Tocsin's detector (`findDetector`). */
  readonly detector: string;
  /** The R call, for reports. */
  readonly rCall: string;
  /** R's control list without `range`. */
  readonly control: Readonly<Record<string, unknown>>;
}

/** Noufaily et al. (2013) improved Farrington. */
export const FARRINGTON_NOUFAILY_CONTROL = Object.freeze({
  b: 5,
  w: 3,
  reweight: true,
  weightsThreshold: 2.58,
  verbose: false,
  glmWarnings: false,
  alpha: 0.005,
  trend: true,
  pThresholdTrend: 1,
  limit54: [5, 4],
  powertrans: '2/3',
  fitFun: 'algo.farrington.fitGLM.flexible',
  populationOffset: false,
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  thresholdMethod: 'nbPlugin',
});

const ears = (method: string, alpha: number): Readonly<Record<string, unknown>> =>
  Object.freeze({ method, baseline: 7, minSigma: 0, alpha });

export const BENCH_ALGORITHMS: ReadonlyArray<BenchAlgorithm> = Object.freeze([
  {
    name: 'farrington_noufaily',
    detector: 'farringtonFlexible',
    rCall: 'farringtonFlexible (Noufaily)',
    control: FARRINGTON_NOUFAILY_CONTROL,
  },
  {
    name: 'farrington_orig',
    detector: 'farrington',
    rCall: 'algo.farrington',
    control: Object.freeze({
      b: 5,
      w: 3,
      reweight: true,
      verbose: false,
      plot: false,
      alpha: 0.01,
      trend: true,
      limit54: [5, 4],
      powertrans: '2/3',
      fitFun: 'algo.farrington.fitGLM.fast',
    }),
  },
  { name: 'ears_c1', detector: 'earsC', rCall: 'earsC C1', control: ears('C1', 0.001) },
  { name: 'ears_c2', detector: 'earsC', rCall: 'earsC C2', control: ears('C2', 0.001) },
  { name: 'ears_c3', detector: 'earsC', rCall: 'earsC C3', control: ears('C3', 0.025) },
  {
    name: 'glrnb',
    detector: 'glrnb',
    rCall: 'glrnb',
    // alpha = NULL and theta = NULL in algos.R: alpha estimated by glm.nb, GLR (not LR) chart
    control: Object.freeze({
      'c.ARL': 5,
      mu0: { S: 2, trend: true, refit: false },
      Mtilde: 1,
      M: -1,
      change: 'intercept',
      dir: 'inc',
      ret: 'value',
    }),
  },
  {
    name: 'cusum',
    detector: 'cusum',
    rCall: 'algo.cusum',
    control: Object.freeze({ k: 1.04, h: 2.26, m: 'glm', trans: 'standard' }),
  },
  {
    name: 'cusum_nb',
    detector: 'cusum',
    rCall: 'algo.cusum (NB in-control)',
    // m and alpha come per series from the glm.nb in-control fit (nb-in-control.ts)
    control: Object.freeze({ k: 1.04, h: 2.26, trans: 'pearsonNegBin' }),
  },
]);

/** The algorithms of the speed comparison (the list). */
export const SPEED_ALGORITHMS: ReadonlyArray<BenchAlgorithmName> = Object.freeze([
  'farrington_noufaily',
  'farrington_orig',
  'ears_c3',
  'glrnb',
  'cusum',
]);

export function benchAlgorithm(name: string): BenchAlgorithm {
  const a = BENCH_ALGORITHMS.find((x) => x.name === name);
  if (a === undefined) {
    throw new Error(`unknown algorithm "${name}" (one of ${BENCH_ALGORITHMS.map((x) => x.name).join(', ')})`);
  }
  return a;
}
