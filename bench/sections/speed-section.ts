import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAlgorithm, SPEED_ALGORITHMS } from '../algorithms/bench-algorithms.ts';
import { type PreparedBenchAlgorithm, prepareBenchAlgorithm } from '../algorithms/prepare-bench-algorithm.ts';
import { readDailySet } from '../data/read-daily-set.ts';
import type { BenchReport } from '../report/bench-report.ts';
import { duration, fixed } from '../report/render-table.ts';
import { recordedRSpeed } from '../speed/recorded-r-speed.ts';
import { runRSpeed } from '../speed/run-r-speed.ts';
import { type LoopTiming, timeTocsin } from '../speed/time-tocsin.ts';
import { type BenchContext, EVAL_FROM, EVAL_TO } from './bench-context.ts';

/** Target ratios R / Tocsin per series-week from the issue. */
const TARGET: Readonly<Record<string, number>> = { farrington_noufaily: 100, ears_c3: 50 };
const DAILY_DAYS = 365;

interface Row {
  readonly task: 'weekly' | 'daily';
  readonly algorithm: string;
  readonly tocsin: LoopTiming;
  r?: { readonly secondsPerPoint: number; readonly cpuSecondsPerPoint: number; readonly source: string };
}

const times = (ratio: number): string =>
  Number.isFinite(ratio) ? `${fixed(ratio, ratio >= 100 ? 0 : 1)}×` : '–';

/** `n` indices spread evenly over 0 … total − 1 (all when n is 0 or ≥ total). */
function spread(total: number, n: number): number[] {
  if (n <= 0 || n >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
}

/** Prepares a configuration, or says why it cannot run yet. */
function tryPrepare(name: string): PreparedBenchAlgorithm | string {
  try {
    return prepareBenchAlgorithm(benchAlgorithm(name));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Speed, Tocsin against R on the same series and monitored weeks, both timed around the loop of
 * calls only (data loading and series construction excluded), one core each.
 */
export async function speedSection(ctx: BenchContext, report: BenchReport): Promise<void> {
  const { options, sim } = ctx;
  const picked = spread(sim.series.length, options.speedSeries);
  const series = picked.map((i) => sim.series[i].series);
  const evalRange = { from: EVAL_FROM - 1, to: EVAL_TO - 1 };
  report.heading('Speed: Tocsin vs R surveillance, one core');
  report.line(
    `Weekly: ${series.length} simulated series × ${EVAL_TO - EVAL_FROM + 1} monitored weeks (${EVAL_FROM}–${EVAL_TO}); each week uses only data up to it. Tocsin: median of ${options.repeats} timed loops after an untimed warm-up (5 series, or a whole loop when that is short); R: one timed loop (system.time) after a warm-up on 5 series.`,
  );
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const name of SPEED_ALGORITHMS) {
    const prepared = tryPrepare(name);
    if (typeof prepared === 'string') {
      skipped.push(`${name} (${prepared})`);
      continue;
    }
    try {
      prepared.run(series[0], evalRange);
    } catch (err) {
      skipped.push(`${name} (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const tocsin = timeTocsin(prepared, series, () => evalRange, { warmup: 5, repeats: options.repeats });
    report.progress(`Tocsin ${name}: ${tocsin.seconds.toFixed(3)} s`);
    rows.push({ task: 'weekly', algorithm: name, tocsin });
  }

  const dailyPath = join(options.shared, 'sim/daily_speed.csv.gz');
  const daily = readDailySet(dailyPath, options.dailySeries);
  const ears = prepareBenchAlgorithm(benchAlgorithm('ears_c3'));
  const dailyRange = (s: { observed: Float64Array }) => ({
    from: s.observed.length - DAILY_DAYS,
    to: s.observed.length - 1,
  });
  try {
    ears.run(daily[0], dailyRange(daily[0]));
    const tocsin = timeTocsin(ears, daily, dailyRange, { warmup: 5, repeats: options.repeats });
    report.progress(`Tocsin daily ears_c3: ${tocsin.seconds.toFixed(3)} s`);
    rows.push({ task: 'daily', algorithm: 'ears_c3', tocsin });
  } catch (err) {
    skipped.push(`daily ears_c3 (${err instanceof Error ? err.message : String(err)})`);
  }
  if (skipped.length > 0) report.line(`Not timed (detector not available yet): ${skipped.join('; ')}`);

  if (ctx.r.ok && options.useR && rows.length > 0) {
    const selectFile = join(options.out, 'speed-select.txt');
    writeFileSync(selectFile, `${picked.map((i) => i + 1).join('\n')}\n`);
    const weekly = rows.filter((r) => r.task === 'weekly').map((r) => r.algorithm);
    const args = [`--bench-r=${join(options.shared, 'r')}`, '--warmup=5'];
    if (weekly.length > 0) {
      args.push(
        `--series=${join(options.shared, 'sim/series.csv')}`,
        `--select=${selectFile}`,
        `--algos=${weekly.join(',')}`,
        `--range=${EVAL_FROM}-${EVAL_TO}`,
      );
    }
    if (rows.some((r) => r.task === 'daily')) {
      args.push(`--daily=${dailyPath}`, `--days=${DAILY_DAYS}`, `--max-series=${daily.length}`);
    }
    report.progress('running R (this takes a while: farringtonFlexible ≈ 11 ms per series-week in R)');
    const timings = await runRSpeed(args, join(options.out, 'r-speed.csv'), (l) => report.progress(l));
    for (const t of timings) {
      const row = rows.find((r) => r.task === t.task && r.algorithm === t.algorithm);
      const points = t.series * t.points;
      if (row !== undefined) {
        row.r = {
          secondsPerPoint: t.seconds / points,
          cpuSecondsPerPoint: t.cpuSeconds / points,
          source: 'this run',
        };
      }
    }
  } else {
    report.line(
      ctx.r.ok
        ? 'R not run (--no-r); R figures are those recorded in ../shared/bench/r-results.'
        : `R was not found (${ctx.r.reason}); R figures are those recorded in ../shared/bench/r-results (other runs, same machine kind: compare with care).`,
    );
    const recorded = recordedRSpeed(join(options.shared, 'r-results'));
    for (const row of rows) {
      const rec = recorded.find((x) => x.task === row.task && x.algorithm === row.algorithm);
      if (rec !== undefined) {
        row.r = {
          secondsPerPoint: rec.secondsPerPoint,
          cpuSecondsPerPoint: rec.cpuSecondsPerPoint,
          source: `recorded: ${rec.source}`,
        };
      }
    }
  }

  report.line(
    'A point is one series-week (daily row: one series-day). Ratios of wall time; "CPU ratio" of process CPU time (less sensitive to other load on the machine).',
  );
  report.table({
    headers: [
      'algorithm',
      'work',
      'Tocsin total',
      'Tocsin / point',
      'R / point',
      'R ÷ Tocsin',
      'CPU ratio',
      'target',
      'R figure',
    ],
    rows: rows.map((row) => {
      const perPoint = row.tocsin.seconds / (row.tocsin.series * row.tocsin.points);
      const ratio = row.r === undefined ? Number.NaN : row.r.secondsPerPoint / perPoint;
      const cpuRatio =
        row.r === undefined
          ? Number.NaN
          : row.r.cpuSecondsPerPoint / (row.tocsin.cpuSeconds / (row.tocsin.series * row.tocsin.points));
      const target = TARGET[row.algorithm];
      return [
        row.task === 'daily' ? `${row.algorithm} (daily)` : row.algorithm,
        `${row.tocsin.series} × ${row.tocsin.points}`,
        duration(row.tocsin.seconds),
        duration(perPoint),
        duration(row.r?.secondsPerPoint ?? Number.NaN),
        times(ratio),
        times(cpuRatio),
        target === undefined ? '' : `≥ ${target}× ${ratio >= target ? 'met' : 'NOT met'}`,
        row.r?.source ?? '–',
      ];
    }),
  });
}
