import { formatIsoDate, parseIsoDate } from '../../src/detection/series/calendar.ts';
import { type CountSeries, epochDates } from '../../src/detection/series/count-series.ts';
import { type Scenario, scenarioMean } from '../data/read-scenarios.ts';
import { drawNegativeBinomial } from './draw-negative-binomial.ts';
import { SeededRandom } from './seeded-random.ts';

/** A synthetic weekly series of the national-size speed run. */
export interface NationalSeries {
  readonly id: string;
  /** The scenario whose baseline model drew it. */
  readonly scenario: number;
  readonly series: CountSeries;
}

/**
 * `count` synthetic weekly series of `weeks` weeks ending on the ISO Monday `lastWeek`, for the
 * national-size speed run: series i follows the baseline model of scenario (i mod #scenarios)
 * (Noufaily et al. 2013 design, no outbreaks) with a random seasonal phase, drawn from `seed`.
 */
export function nationalSeries(
  scenarios: ReadonlyArray<Scenario>,
  count: number,
  weeks: number,
  lastWeek: string,
  seed: number,
): NationalSeries[] {
  const last = parseIsoDate(lastWeek);
  if (last === undefined) throw new Error(`lastWeek "${lastWeek}" is not a date`);
  const dates = epochDates('weekly', last - 7 * (weeks - 1), weeks);
  if (formatIsoDate(dates[weeks - 1]) !== lastWeek) throw new Error('date arithmetic went wrong');
  const rng = new SeededRandom(seed);
  // mean of scenario k at week t + phase, t = 1 … weeks + 51
  const means = scenarios.map((sc) =>
    Float64Array.from({ length: weeks + 52 }, (_, t) => scenarioMean(sc, t)),
  );
  const out: NationalSeries[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % scenarios.length;
    const sc = scenarios[k];
    const mean = means[k];
    const phase = Math.floor(rng.uniform() * 52);
    const observed = new Float64Array(weeks);
    for (let t = 0; t < weeks; t++) observed[t] = drawNegativeBinomial(rng, mean[t + 1 + phase], sc.phi);
    out.push({
      id: `s${i + 1}`,
      scenario: sc.scenario,
      series: { frequency: 'weekly', dates, observed, epochAsDate: true },
    });
  }
  return out;
}
