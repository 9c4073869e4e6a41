/**
 * Web performance bench (not a test): the built UI (web/dist) served by the real server on a fresh demo
 * store, measured in Debian chromium through playwright-core.
 *
 *   npm run bench:web [-- --loads=12 --inbox-loads=5 --signals=10000 --reading-step=72 --reading-rows=1500 --fling-step=720 --no-results]
 *
 * 1. First load of the situation board, cold cache: navigation start → key numbers and map drawn
 *    (median and p95 of --loads; target < 1.5 s).
 * 2. Inbox of ≥ 10,000 signals (the inbox bench's generator seeds --signals more into the analyst's
 *    jurisdiction): first chunk of data parsed → rows drawn and a key press handled (target < 1 s);
 *    then a scroll through every row (frame times, long tasks via PerformanceObserver): the first
 *    --reading-rows at a brisk reading speed (--reading-step px a frame; judged), the rest as a fling
 *    (--fling-step px a frame; reported, and the rows must be filled once it stops).
 * 3. Size of every file of web/dist, raw and gzipped.
 *
 * Builds nothing: run `npm run build:web` first. Prints the figures beside their targets and replaces
 * the "Web" section of bench/RESULTS.md (unless --no-results).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { hasBuiltWeb } from '../../src/http/routes/web-routes.ts';
import { WEB_DIST_DIR } from '../../src/main/bundled-paths.ts';
import { machineInfo } from '../report/machine-info.ts';
import { renderTable, type Table } from '../report/render-table.ts';
import { boardLoad, type InboxLoad, inboxLoad, type ScrollRun } from './browser-measures.ts';
import { bundleSizes } from './bundle-size.ts';
import { seedWebSignals } from './seed-web-signals.ts';
import { startWebServer } from './web-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = join(import.meta.dirname, '..', 'RESULTS.md');
const START_MARK = '<!-- web-bench:start -->';
const END_MARK = '<!-- web-bench:end -->';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '12' },
    'inbox-loads': { type: 'string', default: '5' },
    signals: { type: 'string', default: '10000' },
    'reading-step': { type: 'string', default: '72' },
    'reading-rows': { type: 'string', default: '1500' },
    'fling-step': { type: 'string', default: '720' },
    'no-results': { type: 'boolean', default: false },
  },
});
const LOADS = Math.max(10, Number(args.loads));
const INBOX_LOADS = Math.max(1, Number(args['inbox-loads']));
const SIGNALS = Math.max(10_000, Number(args.signals));
const SCROLL = {
  reading: Number(args['reading-step']),
  readingRows: Number(args['reading-rows']),
  fling: Number(args['fling-step']),
};

const missing: string[] = [];
if (!hasBuiltWeb(WEB_DIST_DIR))
  missing.push(`web/dist is missing: build it first with \`npm run build:web\``);
if (!existsSync(CHROMIUM))
  missing.push(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
if (missing.length > 0) {
  for (const m of missing) console.error(`bench:web cannot run — ${m}`);
  process.exit(2);
}

const percentile = (values: ReadonlyArray<number>, p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en')} ms` : 'failed');
const kb = (bytes: number) => `${(bytes / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB`;
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');

const machine = machineInfo();
console.log(
  `bench:web — ${machine.date}, ${machine.cores} cores (${machine.cpuModel}), load average ${machine.loadAverage}`,
);

// 3 first: it needs no server.
const chunks = bundleSizes(WEB_DIST_DIR);
const js = chunks.filter((c) => c.kind === 'js');
const jsRaw = js.reduce((s, c) => s + c.raw, 0);
const jsGzip = js.reduce((s, c) => s + c.gzip, 0);
const code = chunks.filter((c) => c.kind !== 'other');
const others = chunks.filter((c) => c.kind === 'other').sort((a, b) => b.raw - a.raw);

console.log('starting the server on a fresh demo store…');
const server = await startWebServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let board: number[] = [];
const boardFailures: string[] = [];
const loads: InboxLoad[] = [];
let reading: ScrollRun | null = null;
let fling: ScrollRun | null = null;
let signalsInStore = 0;
try {
  // One warm-up load (server caches, JIT), not counted; then the cold-cache loads.
  await boardLoad(browser, server);
  for (let i = 0; i < LOADS; i++) {
    try {
      board.push(await boardLoad(browser, server));
      process.stdout.write(`\r  board load ${i + 1}/${LOADS}: ${ms(board[board.length - 1])}   `);
    } catch (err) {
      // counted as a failed load (and as slower than any target)
      boardFailures.push(err instanceof Error ? err.message : String(err));
      process.stdout.write(
        `\n  board load ${i + 1}/${LOADS} FAILED: ${boardFailures[boardFailures.length - 1]}\n`,
      );
    }
  }
  process.stdout.write('\n');

  const t0 = performance.now();
  signalsInStore = seedWebSignals(server.sqliteFile, 'DE', SIGNALS);
  console.log(
    `  seeded ${SIGNALS.toLocaleString('en')} signals in ${ms(performance.now() - t0)} (store: ${signalsInStore.toLocaleString('en')})`,
  );
  await inboxLoad(browser, server, null); // warm-up
  for (let i = 0; i < INBOX_LOADS; i++) {
    const last = i === INBOX_LOADS - 1;
    const run = await inboxLoad(browser, server, last ? SCROLL : null);
    loads.push(run.load);
    if (run.reading !== null) reading = run.reading;
    if (run.fling !== null) fling = run.fling;
    process.stdout.write(
      `\r  inbox load ${i + 1}/${INBOX_LOADS}: interactive ${ms(run.load.interactive)}   `,
    );
  }
  process.stdout.write('\n');
} finally {
  await browser.close();
  await server.close();
}

board = board.sort((a, b) => a - b);
// a failed load (board not drawn within 30 s) counts as slower than any target
const boardAll = [...board, ...boardFailures.map(() => Number.POSITIVE_INFINITY)];
const boardMedian = percentile(boardAll, 50);
const boardP95 = percentile(boardAll, 95);
const interactive = loads.map((l) => l.interactive);
const interactiveMedian = percentile(interactive, 50);
const interactiveMax = Math.max(...interactive);
const frames = reading?.frames ?? [];
const flingFrames = fling?.frames ?? [];
const scrolledFrames = frames.length + flingFrames.length;
const frameP50 = percentile(frames, 50);
const frameP95 = percentile(frames, 95);
const frameMax = Math.max(...frames);
const longest = Math.max(0, ...(reading?.longTasks ?? []));
const rowsPerFrame = (px: number) =>
  `${px} px a frame (${(px / 36).toFixed(1)} rows, ${Math.round((px / 36) * 60).toLocaleString('en')} rows/s at 60 fps)`;

const targets: Table = {
  headers: ['measure', 'figure', 'target', 'verdict'],
  rightAlign: [false, true, false, false],
  rows: [
    [
      `situation board, first load (cold cache, ${boardAll.length} loads): median`,
      ms(boardMedian),
      '< 1,500 ms',
      verdict(boardMedian < 1500),
    ],
    ['situation board, first load: p95', ms(boardP95), '< 1,500 ms', verdict(boardP95 < 1500)],
    [
      `inbox of ${loads[0]?.total ?? '?'}: data → interactive, median of ${loads.length}`,
      ms(interactiveMedian),
      '< 1,000 ms',
      verdict(interactiveMedian < 1000),
    ],
    ['inbox: data → interactive, worst', ms(interactiveMax), '< 1,000 ms', verdict(interactiveMax < 1000)],
    [
      `inbox scroll, reading speed (${reading === null ? '?' : Math.round(reading.seconds * 10) / 10} s, ${SCROLL.readingRows.toLocaleString('en')} rows): frame p95`,
      ms(frameP95),
      '≤ 33 ms (≥ 30 fps; ours)',
      verdict(frameP95 <= 33.4),
    ],
    [
      'inbox scroll, reading speed: longest long task',
      ms(longest),
      '< 200 ms (ours)',
      verdict(longest < 200),
    ],
    [
      'inbox scroll then fling to the end: last row drawn',
      `row ${fling?.lastRowIndex ?? '?'} of ${fling?.rowCount ?? '?'}`,
      'row = aria-rowcount',
      verdict(fling !== null && fling.lastRowIndex === fling.rowCount),
    ],
    ['JS, all chunks (gzip)', `${kb(jsGzip)} (raw ${kb(jsRaw)})`, 'reported (no target)', '–'],
  ],
};
const details: Table = {
  headers: ['detail', 'figure'],
  rows: [
    ['board loads (ms, sorted)', board.map((v) => Math.round(v)).join(', ')],
    [
      'board loads that failed (not drawn in 30 s)',
      boardFailures.length === 0 ? 'none' : boardFailures.join(' | '),
    ],
    [
      'inbox: navigation → first chunk parsed (median)',
      ms(
        percentile(
          loads.map((l) => l.dataAt),
          50,
        ),
      ),
    ],
    [
      'inbox: data → first rows drawn (median)',
      ms(
        percentile(
          loads.map((l) => l.rows),
          50,
        ),
      ),
    ],
    ['inbox: data → interactive (each load)', interactive.map((v) => Math.round(v)).join(', ')],
    [
      'inbox load: long tasks (count, longest)',
      `${loads.reduce((s, l) => s + l.longTasks.length, 0)}, ${ms(Math.max(0, ...loads.flatMap((l) => l.longTasks.map((t) => t[1]))))}`,
    ],
    ['reading scroll: speed', rowsPerFrame(SCROLL.reading)],
    ['reading scroll: frame p50 / p95 / max', `${ms(frameP50)} / ${ms(frameP95)} / ${ms(frameMax)}`],
    ['reading scroll: frames over 50 ms', `${frames.filter((f) => f > 50).length} of ${frames.length}`],
    ['reading scroll: long tasks (count)', String(reading?.longTasks.length ?? 0)],
    ['fling: speed', rowsPerFrame(SCROLL.fling)],
    [
      'fling: frame p50 / p95 / max',
      `${ms(percentile(flingFrames, 50))} / ${ms(percentile(flingFrames, 95))} / ${ms(Math.max(...flingFrames))}`,
    ],
    [
      'fling: long tasks (count, longest)',
      `${fling?.longTasks.length ?? 0}, ${ms(Math.max(0, ...(fling?.longTasks ?? [])))}`,
    ],
    ['both: most rows in the DOM at once', String(Math.max(reading?.maxRows ?? 0, fling?.maxRows ?? 0))],
    [
      'both: frames showing a row still loading (skeleton)',
      `${(reading?.skeletonFrames ?? 0) + (fling?.skeletonFrames ?? 0)} of ${scrolledFrames}`,
    ],
    ['fling: last rows filled after it stopped', ms(fling?.filledAfter ?? Number.NaN)],
  ],
};
const bundle: Table = {
  headers: ['file (web/dist)', 'raw', 'gzip'],
  rows: [
    ...code.map((c) => [c.file, kb(c.raw), kb(c.gzip)]),
    ['JS total', kb(jsRaw), kb(jsGzip)],
    [
      `other assets: ${others.length} files (largest: ${others[0]?.file ?? '–'}, ${kb(others[0]?.raw ?? 0)})`,
      kb(others.reduce((sum, c) => sum + c.raw, 0)),
      kb(others.reduce((sum, c) => sum + c.gzip, 0)),
    ],
  ],
};

console.log(
  `\n${renderTable(targets, 'text')}\n\n${renderTable(details, 'text')}\n\n${renderTable(bundle, 'text')}`,
);

if (!args['no-results']) {
  const section = [
    START_MARK,
    '## Web — `npm run bench:web`',
    '',
    `${machine.date}, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverage} at the start, commit ${machine.commit}. Debian chromium (headless) through playwright-core at 1366×768; the real server on a fresh demo store on loopback; the demo analyst signed in.`,
    '',
    'Targets marked "ours" are this bench\'s reading of "stays smooth" (the issue gives none). The scroll is driven from `requestAnimationFrame` (scrollTop += step); frame times are the intervals between animation frames, long tasks come from a `PerformanceObserver`. A loaded machine (see the load average) lengthens every figure.',
    '',
    renderTable(targets, 'markdown'),
    '',
    renderTable(details, 'markdown'),
    '',
    renderTable(bundle, 'markdown'),
    END_MARK,
  ].join('\n');
  const text = readFileSync(RESULTS, 'utf8');
  const start = text.indexOf(START_MARK);
  const end = text.indexOf(END_MARK);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END_MARK.length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS, next);
  // aligned tables, as `npm run lint` (biome) wants them
  const format = spawnSync('npx', ['biome', 'format', '--write', RESULTS], { encoding: 'utf8' });
  console.log(
    `\nbench/RESULTS.md: Web section written${format.status === 0 ? '' : ' (biome format failed: run npm run format)'}`,
  );
}
