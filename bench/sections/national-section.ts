import { loadavg } from 'node:os';
import { join } from 'node:path';
import { detectionWorkerSource } from '../../src/cli/detection-pool.ts';
import { FARRINGTON_NOUFAILY_CONTROL } from '../algorithms/bench-algorithms.ts';
import { readScenarios } from '../data/read-scenarios.ts';
import { writeSeriesCsv } from '../data/write-series-csv.ts';
import { bundleDetectionWorker } from '../national/bundle-worker.ts';
import { nationalSeries } from '../national/national-series.ts';
import { type NationalRun, nationalPool, runNational } from '../national/run-national.ts';
import type { BenchReport } from '../report/bench-report.ts';
import { duration } from '../report/render-table.ts';
import { runRSpeed } from '../speed/run-r-speed.ts';
import type { BenchContext } from './bench-context.ts';

/** Six years of weekly history up to the monitored week (farringtonFlexible with b = 5 needs 5 years + w). */
const WEEKS = 313;
const LAST_WEEK = '2023-12-11';
const TARGET_SECONDS = 5;
const TARGET_SERIES = 100_000;
/** R's figure in ../shared/bench/README.md when R is not run: ~10.6 ms per series-week, one core. */
const R_RECORDED_SECONDS_PER_SERIES = 0.0106;

/**
 * The national-size run: N weekly series × the last week through farringtonFlexible (Noufaily
 * settings) with the CLI's worker pool on every core, wall time including worker start-up.
 */
export async function nationalSection(ctx: BenchContext, report: BenchReport): Promise<void> {
  const { options } = ctx;
  const n = options.nationalSeries;
  report.heading(
    `National-size run: ${n.toLocaleString('en')} weekly series × 1 monitored week, farringtonFlexible`,
  );
  const t0 = performance.now();
  const items = nationalSeries(readScenarios(join(options.shared, 'sim')), n, WEEKS, LAST_WEEK, options.seed);
  report.progress(
    `generated ${n} series × ${WEEKS} weeks in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  report.line(
    `Synthetic series (seed ${options.seed}): series i follows the baseline of scenario (i mod 42) + 1 of sim/scenarios.csv with a random seasonal phase, ${WEEKS} weeks ending ${LAST_WEEK}; Noufaily settings of r/algos.R; range = the last week. Wall time from handing the series to the CLI's pool (runLeanDetections: the calling thread and one worker per further core take chunks in turn) until all outcomes are back (worker start-up and warm-up included); CPU time of every thread of the process over the same span.`,
  );
  if (options.bundleWorker) report.progress(await bundleDetectionWorker());
  const source = detectionWorkerSource();
  report.line(`The calling thread runs ${(await nationalPool()).from}.`);
  report.line(
    `Workers start from ${source === 'bundle' ? 'dist/cli/detection-worker.bundle.js (the built worker in one file)' : source === 'built' ? 'dist/cli/detection-worker.js (the build)' : 'the TypeScript sources through tsx (no fresh dist/ build)'}.`,
  );
  const runs: NationalRun[] = [];
  for (const threads of options.nationalThreads) {
    try {
      const load = loadavg()[0].toFixed(2);
      const run = await runNational(items, 'farringtonFlexible', FARRINGTON_NOUFAILY_CONTROL, threads);
      report.progress(
        `${threads} thread(s): ${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU (${((1e6 * run.cpuSeconds) / run.series).toFixed(0)} µs/series), load average before ${load}`,
      );
      runs.push(run);
    } catch (err) {
      report.line(`Not run with ${threads} thread(s): ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
  }
  let rPerSeries = R_RECORDED_SECONDS_PER_SERIES;
  let rSource = 'README figure (~10.6 ms per series-week)';
  if (ctx.r.ok && options.useR && options.nationalRSeries > 0) {
    const sample = items.slice(0, options.nationalRSeries);
    const csv = join(options.out, 'national-r-sample.csv');
    writeSeriesCsv(csv, sample);
    report.progress(`running R on ${sample.length} of the series`);
    const [t] = await runRSpeed(
      [
        `--bench-r=${join(options.shared, 'r')}`,
        `--series=${csv}`,
        '--algos=farrington_noufaily',
        '--range=last:1',
        '--task=national',
        '--warmup=5',
      ],
      join(options.out, 'r-national.csv'),
      (l) => report.progress(l),
    );
    if (t !== undefined) {
      rPerSeries = t.seconds / t.series;
      rSource = `R in this run on the first ${t.series} series, extrapolated`;
    }
  }
  report.table({
    headers: [
      'run',
      'threads',
      'wall time',
      'per series',
      'CPU time',
      'CPU per series',
      'ok',
      'failed',
      'alarms',
      `target < ${TARGET_SECONDS} s`,
    ],
    rows: [
      ...runs.map((r) => [
        'Tocsin',
        String(r.threads),
        duration(r.seconds),
        duration(r.seconds / r.series),
        duration(r.cpuSeconds),
        duration(r.cpuSeconds / r.series),
        String(r.ok),
        String(r.failed),
        String(r.alarms),
        r.threads !== 2
          ? ''
          : n < TARGET_SERIES
            ? 'needs 100,000 series'
            : r.seconds < TARGET_SECONDS
              ? 'met'
              : 'NOT met',
      ]),
      [
        'R (one core)',
        '1',
        `${duration(rPerSeries * n)} (${rSource})`,
        duration(rPerSeries),
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ],
  });
  const failed = runs.find((r) => r.failed > 0);
  if (failed !== undefined) report.line(`First failure: ${failed.firstError}`);
}
