import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_ALGORITHMS, type BenchAlgorithmName, benchAlgorithm } from './algorithms/bench-algorithms.ts';

export type BenchSection = 'quality' | 'speed' | 'national';

/** What `npm run bench -- …` was asked to do. */
export interface BenchOptions {
  /** ../shared/bench: sim/, r/ (algos.R) and r-results/. */
  readonly shared: string;
  /** bench/out/: alarm files, R timings, report.md. */
  readonly out: string;
  readonly sections: ReadonlySet<BenchSection>;
  /** Algorithms of the quality section. */
  readonly algorithms: ReadonlyArray<BenchAlgorithmName>;
  /** Use R when it is installed. */
  readonly useR: boolean;
  /** Simulated series in the speed comparison (evenly spread over the set; 0 = all). */
  readonly speedSeries: number;
  /** Daily series for the EARS C3 daily speed row (0 = all 10,000). */
  readonly dailySeries: number;
  /** Series of the national-size run. */
  readonly nationalSeries: number;
  /** Of those, how many R runs to extrapolate its national time. */
  readonly nationalRSeries: number;
  readonly threads: number;
  /** Thread counts of the national run, in order (default: `threads`, then 1). */
  readonly nationalThreads: ReadonlyArray<number>;
  /** Bundle the built worker into one file before the national run (see bench/national/bundle-worker.ts). */
  readonly bundleWorker: boolean;
  /** Timed repeats of each Tocsin loop (median reported). */
  readonly repeats: number;
  readonly seed: number;
}

export const BENCH_USAGE = `npm run bench -- [options]
  --only=quality,speed,national   sections to run (default: all)
  --algos=a,b                     quality algorithms (default: all eight of r/algos.R)
  --no-r                          do not run R even if Rscript and surveillance are installed
  --speed-series=N                simulated series in the speed comparison (default 0 = all 1,260)
  --daily-series=N                daily series for the EARS C3 daily row (default 0 = all 10,000)
  --national=N                    series in the national-size run (default 100000)
  --national-r=N                  of which R runs N to extrapolate its time (default 500)
  --threads=N                     threads of the national run (default: all cores)
  --no-bundle                     national run: do not bundle dist/cli/detection-worker.js into one file
  --national-threads=A,B          thread counts of the national run (default: --threads, then 1);
                                  e.g. --only=national --no-r --national-threads=2 for a quick check
  --repeats=N                     timed repeats of each Tocsin loop (default 3)
  --quick                         --speed-series=126 --daily-series=1000 --national-r=100
  --shared=DIR                    the shared bench folder (default ../shared/bench)`;

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

function count(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, not "${text}"`);
  return n;
}

/** Parses the command line; throws with a readable message on a bad option. */
export function parseBenchOptions(argv: ReadonlyArray<string>): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      algos: { type: 'string' },
      'no-r': { type: 'boolean' },
      'speed-series': { type: 'string' },
      'daily-series': { type: 'string' },
      national: { type: 'string' },
      'national-r': { type: 'string' },
      threads: { type: 'string' },
      'national-threads': { type: 'string' },
      'no-bundle': { type: 'boolean' },
      repeats: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean' },
      shared: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const sections = new Set<BenchSection>();
  for (const s of (values.only ?? 'quality,speed,national').split(',')) {
    if (s !== 'quality' && s !== 'speed' && s !== 'national') {
      throw new Error(`--only: unknown section "${s}" (quality, speed, national)`);
    }
    sections.add(s);
  }
  const threads = Math.max(1, count(values.threads, availableParallelism(), 'threads'));
  const algorithms =
    values.algos === undefined
      ? BENCH_ALGORITHMS.map((a) => a.name)
      : values.algos.split(',').map((name) => benchAlgorithm(name).name);
  return {
    shared: resolve(values.shared ?? resolve(REPO, '../shared/bench')),
    out: resolve(REPO, 'bench/out'),
    sections,
    algorithms,
    useR: values['no-r'] !== true,
    speedSeries: count(values['speed-series'], quick ? 126 : 0, 'speed-series'),
    dailySeries: count(values['daily-series'], quick ? 1000 : 0, 'daily-series'),
    nationalSeries: count(values.national, 100_000, 'national'),
    nationalRSeries: count(values['national-r'], quick ? 100 : 500, 'national-r'),
    threads,
    bundleWorker: values['no-bundle'] !== true,
    nationalThreads:
      values['national-threads'] === undefined
        ? [...new Set([threads, 1])]
        : values['national-threads'].split(',').map((t) => Math.max(1, count(t, 1, 'national-threads'))),
    repeats: Math.max(1, count(values.repeats, 3, 'repeats')),
    seed: count(values.seed, 20240601, 'seed'),
  };
}
