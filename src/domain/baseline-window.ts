/**
 * Which epochs a detection method compared an alarm epoch with — its baseline — as dates, so a signal
 * can say "observed 23 against an expected 6.1 from the weeks around week 48 of 2021–2025". Each
 * method's rule follows its detection-core implementation (the same window helpers where they exist).
 */
import type { BayesOptions } from '../detection/algorithms/bayes.ts';
import type { CdcOptions } from '../detection/algorithms/cdc.ts';
import type { EarsCOptions } from '../detection/algorithms/ears-c.ts';
import type { FarringtonOptions } from '../detection/algorithms/farrington.ts';
import { referenceWindowIndices } from '../detection/algorithms/farrington-family/reference-window-indices.ts';
import { seasonalBlocks } from '../detection/algorithms/farrington-family/seasonal-blocks.ts';
import type { FarringtonFlexibleOptions } from '../detection/algorithms/farrington-flexible.ts';
import type { GlrnbOptions } from '../detection/algorithms/glrnb.ts';
import type { RkiOptions } from '../detection/algorithms/rki.ts';
import type { DetectionRange } from '../detection/range.ts';
import { formatIsoDate } from '../detection/series/calendar.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../detection/series/count-series.ts';

/** One contiguous stretch of baseline epochs. */
export interface BaselineStretch {
  /** First and last epoch, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly epochs: number;
}

export interface BaselineWindow {
  /** The baseline as contiguous stretches, oldest first (empty when the method has none, e.g. a given mean). */
  readonly stretches: ReadonlyArray<BaselineStretch>;
  /** Number of baseline epochs (missing counts included; the method leaves those out). */
  readonly epochs: number;
  /** The rule in words. */
  readonly description: string;
}

/** Sorted unique indices inside the series → stretches of consecutive epochs. */
export function stretchesOf(series: CountSeries, indices: Iterable<number>): BaselineStretch[] {
  const n = series.observed.length;
  const sorted = Array.from(new Set(indices))
    .filter((i) => i >= 0 && i < n)
    .sort((a, b) => a - b);
  const out: BaselineStretch[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[i - 1] + 1) {
      if (sorted.length > 0) {
        out.push({
          from: formatIsoDate(series.dates[sorted[start]]),
          to: formatIsoDate(series.dates[sorted[i - 1]]),
          epochs: i - start,
        });
      }
      start = i;
    }
  }
  return out;
}

function span(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

function window(series: CountSeries, indices: Iterable<number>, description: string): BaselineWindow {
  const stretches = stretchesOf(series, indices);
  return { stretches, epochs: stretches.reduce((s, r) => s + r.epochs, 0), description };
}

function rieblerIndices(series: CountSeries, o: Pick<RkiOptions, 'b' | 'w' | 'actY'>, k: number): number[] {
  const f = PERIODS_PER_YEAR[series.frequency];
  const out: number[] = o.actY ? span(k - o.w, k - 1) : [];
  for (let i = 1; i <= o.b; i++) out.push(...span(k - i * f - o.w, k - i * f + o.w));
  return out;
}

/**
 * The baseline of monitored point `index` (0-based in the series) for detector `algorithm` with its
 * parsed `options`, run over `range`.
 */
export function baselineWindow(
  algorithm: string,
  options: unknown,
  series: CountSeries,
  range: DetectionRange,
  index: number,
): BaselineWindow {
  const f = PERIODS_PER_YEAR[series.frequency];
  switch (algorithm) {
    case 'farrington': {
      const o = options as FarringtonOptions;
      return window(
        series,
        referenceWindowIndices(series, index, o.b, o.w),
        `the same period ±${o.w} in each of the ${o.b} previous years`,
      );
    }
    case 'farringtonFlexible': {
      const o = options as FarringtonFlexibleOptions;
      const past = o.pastWeeksNotIncluded ?? o.w;
      return window(
        series,
        seasonalBlocks(series, index, o.b, o.w, o.noPeriods, past).indices,
        o.noPeriods === 1
          ? `the same period ±${o.w} in each of the ${o.b} previous years, leaving out the last ${past} periods`
          : `the ${o.b} previous years in ${o.noPeriods} seasonal levels, leaving out the last ${past} periods`,
      );
    }
    case 'earsC': {
      const o = options as EarsCOptions;
      const gap = o.method === 'C1' ? 0 : 2;
      const extra = o.method === 'C3' ? 2 : 0;
      return window(
        series,
        span(index - o.baseline - gap - extra, index - 1 - gap),
        o.method === 'C1'
          ? `the ${o.baseline} periods just before`
          : `the ${o.baseline} periods before a ${gap}-period guard band` +
              (o.method === 'C3' ? ', for this and the two previous periods' : ''),
      );
    }
    case 'bayes':
    case 'rki': {
      const o = options as BayesOptions | RkiOptions;
      return window(
        series,
        rieblerIndices(series, o, index),
        `the same period ±${o.w} in each of the ${o.b} previous years` +
          (o.actY ? `, and the ${o.w} periods just before` : ''),
      );
    }
    case 'cdc': {
      const o = options as CdcOptions;
      const idx: number[] = [];
      for (let year = 1; year <= o.b; year++) {
        idx.push(...span(index - year * f - 4 * o.m - 3, index - year * f + 4 * o.m));
      }
      return window(
        series,
        idx,
        `4-period totals in the ${2 * o.m + 1} blocks around the same period of each of the ${o.b} previous years`,
      );
    }
    case 'cusum':
      return window(
        series,
        span(0, range.from - 1),
        'every period before the monitored range (in-control mean)',
      );
    case 'glrnb':
    case 'glrpois': {
      const o = options as GlrnbOptions;
      if (o.mu0.kind === 'given') return { stretches: [], epochs: 0, description: 'in-control means given' };
      return window(
        series,
        span(0, range.from - 1),
        'every period before the monitored range (in-control model)',
      );
    }
    case 'outbreakP':
      return window(series, span(0, index - 1), 'every period from the start of the series');
    default:
      return { stretches: [], epochs: 0, description: `baseline of ${algorithm} not described` };
  }
}
