/**
 * Exploring detection on one stored series: runs any detector with any options over a span of epochs
 * and returns every monitored epoch's numbers (observed, expected, upper bound, alarm, baseline), so a
 * person can see the band a method draws and compare options. Nothing is stored — no signal, run or
 * audit entry — so the same request always gives the same answer on the same data.
 */

import { type BoundScale, boundScale, effectiveOptions } from '../detection/detectors/option-specs.ts';
import { findDetector } from '../detection/detectors/registry.ts';
import { DetectionInputError, DetectionOptionsError } from '../detection/errors.ts';
import type { DetectionRange } from '../detection/range.ts';
import { formatIsoDate, parseIsoDate } from '../detection/series/calendar.ts';
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import { type BaselineStretch, baselineWindow } from '../domain/baseline-window.ts';
import { type FieldProblem, invalid, notFound } from '../domain/errors.ts';
import type { Transactor } from '../domain/ports.ts';
import type { SeriesRepository } from '../domain/series-definition.ts';
import type { SeriesReader } from '../domain/series-reader.ts';

export interface ExploreDetectionStore {
  readonly series: Pick<SeriesRepository, 'byId'>;
  readonly seriesReader: Pick<SeriesReader, 'readCounts'>;
}

/** At most this many monitored epochs per request (ten years of weeks). */
export const MAX_EXPLORED_EPOCHS = 520;
/** Monitored epochs when the request gives no start (two years of weeks). */
export const DEFAULT_EXPLORED_EPOCHS = 104;

export interface ExploreRequest {
  /** A detector name or R function (GET /api/detection/algorithms). */
  readonly algorithm: string;
  /** R-style control list; absent keys take the method's defaults. */
  readonly options: Readonly<Record<string, unknown>>;
  /** First and last epoch to monitor, `YYYY-MM-DD` (inclusive; default: the last 104 epochs). */
  readonly from?: string;
  readonly to?: string;
}

export interface ExploredEpoch {
  readonly epoch: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
  readonly alarm: boolean | null;
  /** The epochs this one was compared with (empty where the method has no baseline window). */
  readonly baseline: ReadonlyArray<BaselineStretch>;
}

export interface Exploration {
  readonly seriesId: string;
  readonly algorithm: string;
  readonly rFunction: string;
  readonly detectorVersion: string;
  /** The options as given. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Every option of the method with the defaults filled in (R's control names). */
  readonly effectiveOptions: Readonly<Record<string, unknown>>;
  readonly boundScale: BoundScale;
  /** The baseline rule in words. */
  readonly baselineDescription: string;
  readonly from: string;
  readonly to: string;
  readonly alarms: number;
  readonly epochs: ReadonlyArray<ExploredEpoch>;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function dateOf(field: string, text: string | undefined, problems: FieldProblem[]): number | undefined {
  if (text === undefined) return undefined;
  const d = parseIsoDate(text);
  if (d === undefined) problems.push({ field, message: `a date YYYY-MM-DD, got "${text}"` });
  return d;
}

export function exploreDetection(deps: {
  readonly tx: Transactor<ExploreDetectionStore>;
  /** Recorded in every answer, e.g. `tocsin 0.1.0`. */
  readonly detectorVersion: string;
}) {
  const { tx, detectorVersion } = deps;

  return {
    /** Runs `request.algorithm` on series `seriesId` (permission observation:read, in the actor's jurisdiction). */
    async run(actor: Actor, seriesId: string, request: ExploreRequest): Promise<Exploration> {
      requirePermission(actor, 'observation:read');
      const detector = findDetector(request.algorithm);
      const problems: FieldProblem[] = [];
      if (detector === undefined)
        problems.push({ field: 'algorithm', message: `unknown algorithm "${request.algorithm}"` });
      const fromDay = dateOf('from', request.from, problems);
      const toDay = dateOf('to', request.to, problems);
      if (fromDay !== undefined && toDay !== undefined && fromDay > toDay)
        problems.push({ field: 'from', message: `${request.from} is after to (${request.to})` });
      if (problems.length > 0 || detector === undefined) throw invalid(problems);
      let options: unknown;
      try {
        options = detector.parseControl(request.options);
      } catch (err) {
        if (err instanceof DetectionOptionsError)
          throw invalid(err.problems.map((p) => ({ field: `options.${p.option}`, message: p.message })));
        throw err;
      }

      const { counts } = await tx.transaction(async ({ series, seriesReader }) => {
        const definition = await series.byId(seriesId);
        if (definition === undefined) throw notFound('series', seriesId);
        requireJurisdiction(actor, definition.placePath, `series ${seriesId}`);
        const read = await seriesReader.readCounts([definition]);
        return { counts: read.get(seriesId) };
      });
      if (counts === undefined || !counts.ok)
        throw invalid([{ field: 'series', message: counts?.ok === false ? counts.message : 'no counts' }]);
      const s = counts.series;
      const dates = s.dates;
      const n = dates.length;

      try {
        const def = detector.defaultRange(s, options);
        let to = n - 1;
        if (toDay !== undefined) while (to >= 0 && dates[to] > toDay) to--;
        let from = to - DEFAULT_EXPLORED_EPOCHS + 1;
        if (fromDay !== undefined) {
          from = 0;
          while (from < n && dates[from] < fromDay) from++;
        }
        from = Math.max(from, def.from);
        to = Math.min(to, def.to);
        if (from > to)
          throw invalid([
            {
              field: fromDay !== undefined ? 'from' : 'to',
              message: `${detector.name} can first monitor ${formatIsoDate(dates[def.from])} (it needs ${def.from} earlier epochs); the series runs ${formatIsoDate(dates[0])} – ${formatIsoDate(dates[n - 1])}`,
            },
          ]);
        if (to - from + 1 > MAX_EXPLORED_EPOCHS)
          throw invalid([
            {
              field: 'from',
              message: `at most ${MAX_EXPLORED_EPOCHS} monitored epochs per request, asked for ${to - from + 1}; move from or to closer`,
            },
          ]);
        const range: DetectionRange = { from, to };
        const result = detector.run(s, options, range);
        const epochs: ExploredEpoch[] = [];
        let alarms = 0;
        let description = '';
        for (let i = 0; i < result.alarm.length; i++) {
          const index = from + i;
          const window = baselineWindow(detector.name, options, s, range, index);
          description = window.description;
          if (result.alarm[i] === true) alarms++;
          epochs.push({
            epoch: formatIsoDate(dates[index]),
            observed: finiteOrNull(result.observed[i]),
            expected: finiteOrNull(result.expected[i]),
            upperBound: finiteOrNull(result.upperBound[i]),
            alarm: result.alarm[i],
            baseline: window.stretches,
          });
        }
        const effective = effectiveOptions(detector.name, request.options);
        return {
          seriesId,
          algorithm: detector.name,
          rFunction: detector.rFunction,
          detectorVersion,
          options: request.options,
          effectiveOptions: effective,
          boundScale: boundScale(detector.name, effective),
          baselineDescription: description,
          from: formatIsoDate(dates[from]),
          to: formatIsoDate(dates[to]),
          alarms,
          epochs,
        };
      } catch (err) {
        if (err instanceof DetectionInputError)
          throw invalid([{ field: err.field === 'range' ? 'from' : err.field, message: err.message }]);
        if (err instanceof DetectionOptionsError)
          throw invalid(err.problems.map((p) => ({ field: `options.${p.option}`, message: p.message })));
        throw err;
      }
    },
  };
}

export type ExploreDetection = ReturnType<typeof exploreDetection>;
