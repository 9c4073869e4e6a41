import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyDetector } from '../detector.ts';
import { DetectionInputError } from '../errors.ts';
import { parseRCase, seriesFromRCase } from '../r-compat/r-case.ts';
import type { DetectionRange } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import type { CountSeries } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';
import { DETECTORS } from './registry.ts';

/**
 * The invariant suite every detector passes (architecture.md habit 9): one result per monitored point,
 * no look-ahead (appending later data never changes earlier results), alarms consistent with the
 * observed count and the upper bound, and the edge cases handled as values or typed input errors.
 */
const GOLDEN = join(import.meta.dirname, '..', '..', '..', 'test', 'golden', 'cases');

function goldenSeries(file: string): CountSeries {
  return seriesFromRCase(parseRCase(JSON.parse(readFileSync(join(GOLDEN, file), 'utf8'))));
}

const agona = goldenSeries('cusum/cusum_agona_standard.json'); // weekly, period-indexed, 312 weeks
const newport = goldenSeries(
  'farringtonFlexible/farringtonFlexible_salmNewport_Bavaria_noufaily_muan_limit54_0_4.json',
); // weekly, dated

/** What "alarm consistent with observed vs upper bound" means for each method (R's definition). */
type AlarmRule = (
  r: DetectionResult,
  extras: Readonly<Record<string, ArrayLike<number | boolean | null>>>,
  i: number,
) => boolean | undefined;

const above: AlarmRule = (r, _x, i) =>
  Number.isNaN(r.upperBound[i]) || isMissing(r.observed[i]) ? undefined : r.observed[i] > r.upperBound[i];
const tol = (u: number): number => 1e-9 * Math.max(1, Math.abs(u));
const RULES: Readonly<Record<string, AlarmRule>> = {
  farringtonFlexible: (r, x, i) =>
    x.enoughCases?.[i] === true && !Number.isNaN(r.upperBound[i])
      ? r.observed[i] > r.upperBound[i] && r.observed[i] !== 0
      : undefined,
  farrington: (r, x, i) => (x.enoughCases?.[i] === true ? r.observed[i] > r.upperBound[i] : undefined),
  earsC: above,
  bayes: above,
  rki: above,
  // The CUSUM bound is the count that would have made the statistic reach h.
  cusum: (r, _x, i) =>
    Number.isNaN(r.upperBound[i]) || r.upperBound[i] === 0
      ? undefined
      : r.observed[i] >= r.upperBound[i] - tol(r.upperBound[i]),
  // GLR charts (ret = "value"): the bound is the statistic itself, compared with c.ARL = 5.
  glrnb: (r, _x, i) => r.upperBound[i] >= 5,
  glrpois: (r, _x, i) => r.upperBound[i] >= 5,
  cdc: (r, x, i) => {
    const aggr = x.fourWeekTotal?.[i];
    return typeof aggr === 'number' && !Number.isNaN(aggr) && !Number.isNaN(r.upperBound[i])
      ? aggr > r.upperBound[i]
      : undefined;
  },
  outbreakP: (r, _x, i) => (Number.isNaN(r.upperBound[i]) ? undefined : r.upperBound[i] > 100),
};

function sameNumbers(a: ArrayLike<number | boolean | null>, b: ArrayLike<number | boolean | null>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function truncate(s: CountSeries, length: number): CountSeries {
  return {
    ...s,
    dates: s.dates.slice(0, length),
    observed: s.observed.slice(0, length),
    population: s.population?.slice(0, length),
  };
}

function withCounts(s: CountSeries, f: (v: number, i: number) => number): CountSeries {
  return { ...s, observed: s.observed.map(f) };
}

function runOrInputError(
  d: AnyDetector,
  s: CountSeries,
  range?: DetectionRange,
): DetectionResult | DetectionInputError {
  const o = d.parseControl({});
  try {
    return d.run(s, o, range ?? d.defaultRange(s, o));
  } catch (err) {
    if (err instanceof DetectionInputError) return err;
    throw err;
  }
}

describe.each(DETECTORS.map((d) => [d.name, d] as const))('%s', (_name, d) => {
  const options = d.parseControl({});
  const series = d.name === 'farringtonFlexible' ? newport : agona;
  const range = d.defaultRange(series, options);

  it('returns exactly one value per monitored point in every output', () => {
    const r = d.run(series, options, range);
    const n = range.to - range.from + 1;
    expect([r.observed.length, r.expected.length, r.upperBound.length, r.alarm.length]).toEqual([n, n, n, n]);
    for (const [key, values] of Object.entries(d.extras(r))) expect(values.length, key).toBe(n);
    for (const [key, values] of Object.entries(d.toR(r, options))) expect(values.length, key).toBe(n);
    for (let i = 0; i < n; i++) expect(Object.is(r.observed[i], series.observed[range.from + i])).toBe(true);
  });

  it('never looks ahead: appending later data changes no earlier result', () => {
    const short = { from: range.from, to: Math.min(range.to, range.from + 30) };
    const a = d.run(truncate(series, short.to + 1), options, short);
    const b = d.run(series, options, short);
    expect(sameNumbers(a.upperBound, b.upperBound)).toBe(true);
    expect(sameNumbers(a.expected, b.expected)).toBe(true);
    expect(sameNumbers(a.alarm, b.alarm)).toBe(true);
  });

  it('raises an alarm exactly when the observed count is beyond the upper bound (as the method defines it)', () => {
    const r = d.run(series, options, range);
    const extras = d.extras(r);
    const rule = RULES[d.name];
    expect(rule, `no alarm rule for ${d.name}`).toBeDefined();
    let checked = 0;
    for (let i = 0; i < r.alarm.length; i++) {
      const expected = rule(r, extras, i);
      if (expected === undefined || r.alarm[i] === null) continue;
      checked++;
      expect(r.alarm[i], `point ${range.from + i}`).toBe(expected);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('gives no result for an empty series instead of crashing', () => {
    const empty: CountSeries = {
      ...series,
      dates: new Int32Array(0),
      observed: new Float64Array(0),
      population: undefined,
    };
    let def: DetectionRange | undefined;
    try {
      def = d.defaultRange(empty, options);
    } catch (err) {
      expect(err).toBeInstanceOf(DetectionInputError);
    }
    if (def !== undefined) expect(def.from).toBeGreaterThan(def.to);
    expect(() => d.run(empty, options, { from: 0, to: 0 })).toThrow(DetectionInputError);
  });

  it('declines or computes a series with too short a history, never crashing', () => {
    for (const length of [1, 2, Math.max(1, Math.floor(range.from / 2))]) {
      const short = truncate(series, length);
      let def: DetectionRange | undefined;
      try {
        def = d.defaultRange(short, options);
      } catch (err) {
        expect(err).toBeInstanceOf(DetectionInputError);
      }
      if (def === undefined || def.from > def.to) continue;
      const r = runOrInputError(d, short, def);
      if (!(r instanceof DetectionInputError)) expect(r.alarm.length).toBe(def.to - def.from + 1);
    }
  });

  it('handles a series that is entirely missing without a false alarm', () => {
    const r = runOrInputError(
      d,
      withCounts(series, () => Number.NaN),
      range,
    );
    if (r instanceof DetectionInputError) expect(r.message.length).toBeGreaterThan(0);
    else expect(r.alarm.filter((a) => a === true)).toEqual([]);
  });

  it('raises no alarm on a series of zeros', () => {
    const r = runOrInputError(
      d,
      withCounts(series, () => 0),
      range,
    );
    if (r instanceof DetectionInputError) expect(r.message.length).toBeGreaterThan(0);
    else expect(r.alarm.filter((a) => a === true)).toEqual([]);
  });

  it('copes with huge counts (millions per period) with finite thresholds', () => {
    const huge = withCounts(series, (v) => v * 1_000_000 + 5_000_000);
    const r = d.run(huge, options, range);
    const finite = Array.from(r.upperBound).filter((u) => Number.isFinite(u));
    expect(finite.length).toBeGreaterThan(0);
  });
});
