/**
 * The options of each detector as a form needs them: R's `control` name, a value type, R's default
 * (as the detector's `parseControl` fills it in) and one line of meaning. The detectors' own
 * `parseControl` stays the only validator; `option-specs.test.ts` checks that every default here parses
 * to the same options as leaving the key out.
 */
import { CUSUM_TRANSFORMS } from '../algorithms/cusum.ts';
import { POWER_TRANSFORMS } from '../algorithms/farrington-family/power-threshold.ts';
import { THRESHOLD_METHODS } from '../algorithms/farrington-flexible.ts';

/** How a form edits the value: numbers, a whole number, a checkbox, a list of choices, or raw JSON. */
export type OptionType = 'number' | 'integer' | 'boolean' | 'choice' | 'numbers' | 'json';

export interface OptionSpec {
  /** R's `control` name. */
  readonly name: string;
  readonly type: OptionType;
  /** R's default; `null` when R derives it (the description says how). */
  readonly default: unknown;
  readonly choices?: ReadonlyArray<string>;
  readonly description: string;
}

/** Whether the method's upper bound is a count (drawn as a band) or a statistic on its own scale. */
export type BoundScale = 'count' | 'statistic';

const n = (name: string, def: unknown, description: string): OptionSpec => ({
  name,
  type: 'number',
  default: def,
  description,
});
const int = (name: string, def: number | null, description: string): OptionSpec => ({
  name,
  type: 'integer',
  default: def,
  description,
});
const bool = (name: string, def: boolean, description: string): OptionSpec => ({
  name,
  type: 'boolean',
  default: def,
  description,
});
const choice = (
  name: string,
  choices: ReadonlyArray<string>,
  def: string | null,
  description: string,
): OptionSpec => ({ name, type: 'choice', choices, default: def, description });

const farringtonCommon: ReadonlyArray<OptionSpec> = [
  int('b', 5, 'number of past years in the baseline'),
  int('w', 3, 'half-width of the window around the same period in each past year'),
  bool('reweight', true, 'down-weight past outbreaks (Anscombe residuals) and refit'),
  n('alpha', 0.05, 'one-sided significance level of the upper bound'),
  bool('trend', true, 'fit a linear time trend when it is significant'),
  {
    name: 'limit54',
    type: 'numbers',
    default: [5, 4],
    description: 'no alarm unless at least [0] cases in the last [1] periods',
  },
  choice('powertrans', POWER_TRANSFORMS, '2/3', 'power transformation for the bound'),
];

const glrCommon: ReadonlyArray<OptionSpec> = [
  n('c.ARL', 5, 'threshold of the GLR statistic'),
  {
    name: 'mu0',
    type: 'json',
    default: null,
    description: 'in-control means: null (seasonal GLM), an array, or {S, trend, refit}',
  },
  int('Mtilde', 1, 'number of observations needed before an alarm'),
  int('M', -1, 'longest window searched back (−1: all)'),
  choice('change', ['intercept', 'epi'], 'intercept', 'kind of change detected'),
  n('theta', null, 'known shift (null: estimated, the GLR)'),
  choice('dir', ['inc', 'dec'], 'inc', 'direction of the change'),
  choice('ret', ['value', 'cases'], 'value', 'bound as the statistic (value) or as cases needed'),
  n('xMax', 10000, 'search limit for the cases needed'),
];

const rieblerCommon = (b: number, w: number, actY: boolean): ReadonlyArray<OptionSpec> => [
  int('b', b, 'number of past years in the baseline'),
  int('w', w, 'half-width of the window around the same period'),
  bool('actY', actY, 'also use the periods just before in the current year'),
];

/** The options of each detector, by its Tocsin name. */
export const OPTION_SPECS: Readonly<Record<string, ReadonlyArray<OptionSpec>>> = Object.freeze({
  farringtonFlexible: [
    ...farringtonCommon,
    n('weightsThreshold', 2.58, 'Anscombe residual above which a baseline point is down-weighted'),
    n('pThresholdTrend', 0.05, 'p-value below which the trend is kept (1: always)'),
    bool('populationOffset', false, 'model rates with the population as offset'),
    int('noPeriods', 1, 'seasonal levels per year (1: the window only)'),
    int('pastWeeksNotIncluded', null, 'recent periods left out of the baseline (null: w)'),
    choice('thresholdMethod', THRESHOLD_METHODS, 'delta', 'how the bound is computed'),
  ],
  farrington: [
    ...farringtonCommon,
    choice(
      'fitFun',
      ['algo.farrington.fitGLM.fast', 'algo.farrington.fitGLM', 'algo.farrington.fitGLM.populationOffset'],
      'algo.farrington.fitGLM.fast',
      "R's model fitter",
    ),
  ],
  earsC: [
    choice('method', ['C1', 'C2', 'C3'], 'C1', 'C1: no gap; C2: 2-period gap; C3: C2 summed over 3 periods'),
    int('baseline', 7, 'number of baseline periods'),
    n('minSigma', 0, 'lower limit of the standard deviation'),
    n('alpha', null, 'significance level (null: 0.001 for C1/C2, 0.025 for C3)'),
  ],
  cusum: [
    n('k', 1.04, 'reference value (allowance)'),
    n('h', 2.26, 'decision boundary'),
    {
      name: 'm',
      type: 'json',
      default: null,
      description: 'in-control mean: null (mean of the baseline), "glm", a number or an array',
    },
    choice('trans', CUSUM_TRANSFORMS, 'standard', 'transformation of the counts'),
    n('alpha', 0.1, 'dispersion for the pearsonNegBin transformation'),
  ],
  glrnb: [...glrCommon, n('alpha', null, 'negative binomial dispersion (null: estimated)')],
  glrpois: glrCommon,
  bayes: [
    choice('variant', ['bayes1', 'bayes2', 'bayes3'], null, "one of R's preset variants"),
    ...rieblerCommon(0, 6, true),
    n('alpha', 0.05, 'one-sided significance level'),
  ],
  rki: [
    choice('variant', ['rki1', 'rki2', 'rki3'], null, "one of R's preset variants"),
    ...rieblerCommon(2, 4, false),
  ],
  cdc: [
    int('b', 5, 'number of past years'),
    int('m', 1, 'blocks on each side of the same period (R uses 1 unless w is given)'),
    n('alpha', 0.025, 'one-sided significance level'),
  ],
  outbreakP: [
    n('k', 100, 'threshold of the statistic'),
    choice('ret', ['value', 'cases'], 'value', 'bound as the statistic (value) or as cases needed'),
    n('maxUpperboundCases', 100000, 'search limit for the cases needed'),
  ],
});

/** The given control with every other specified option at its default (R derives `null` defaults). */
export function effectiveOptions(
  algorithm: string,
  control: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const spec of OPTION_SPECS[algorithm] ?? []) out[spec.name] = spec.default;
  for (const [k, v] of Object.entries(control)) if (v !== undefined) out[k] = v;
  if (algorithm === 'earsC' && (out.alpha === null || out.alpha === undefined))
    out.alpha = out.method === 'C3' ? 0.025 : 0.001;
  return out;
}

/** Whether the upper bound is a count: the GLR charts and outbreakP return a statistic unless `ret` is "cases". */
export function boundScale(algorithm: string, effective: Readonly<Record<string, unknown>>): BoundScale {
  if (algorithm === 'glrnb' || algorithm === 'glrpois' || algorithm === 'outbreakP')
    return effective.ret === 'cases' ? 'count' : 'statistic';
  return 'count';
}
