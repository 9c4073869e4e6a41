/**
 * Throughput of the event-based surveillance text path on one core: normalise (HTML to text, Unicode),
 * link near-duplicates (content key, MinHash, LSH index) and tag (language, relevance, countries, places,
 * hazards, counts), exactly as `tocsin reports tag` does per report. Input: the shared WHO DON reports
 * (full texts, ~3,700 characters on average), read once before timing; one warm-up pass, then timed passes.
 * Time is the process's CPU time (one thread), so the figure is per core even on a busy machine.
 *
 *   npx tsx bench/ebs/throughput.ts [--data ../shared/data/ebs] [--passes 3]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReportTagger, tagReportInput } from '../../src/cli/reports-tag-command.ts';
import { NearDuplicateIndex } from '../../src/text/near-duplicate-index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const dataDir = resolve(arg('--data', join(here, '../../../shared/data/ebs')));
const passes = Math.max(1, Number(arg('--passes', '3')));

const reports = readFileSync(join(dataDir, 'who_don_reports.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const r = JSON.parse(l) as { id: string; title: string | null; text: string };
    return { id: r.id, title: r.title ?? '', text: r.text };
  });
const chars = reports.reduce((s, r) => s + r.title.length + r.text.length, 0);

const t0 = performance.now();
const { tagger } = loadReportTagger(join(here, '../../datasets'));
const loadMs = performance.now() - t0;

// CPU time of this process, not wall time: on a shared machine other work must not count against us
const run = (): { ms: number; wallMs: number; duplicates: number } => {
  const index = new NearDuplicateIndex();
  let duplicates = 0;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (const r of reports) {
    if (tagReportInput(tagger, index, r, () => {}).duplicateOf !== null) duplicates++;
  }
  const used = process.cpuUsage(cpu);
  return { ms: (used.user + used.system) / 1000, wallMs: performance.now() - wall, duplicates };
};

run(); // warm-up: JIT and caches
const times: number[] = [];
const walls: number[] = [];
let duplicates = 0;
for (let p = 0; p < passes; p++) {
  const r = run();
  times.push(r.ms);
  walls.push(r.wallMs);
  duplicates = r.duplicates;
}
walls.sort((a, b) => a - b);
times.sort((a, b) => a - b);
const best = times[0];
const median = times[Math.floor(times.length / 2)];
const perSecond = (ms: number): string => (reports.length / (ms / 1000)).toFixed(0);
console.log(
  [
    `Event-based surveillance text throughput (one core; ${reports.length} WHO DON reports, ${(chars / 1e6).toFixed(1)} M characters, ${(chars / reports.length).toFixed(0)} per report)`,
    `  normalise + deduplicate + tag: ${perSecond(median)} reports per CPU-second median, ${perSecond(best)} best of ${passes} passes (target >= 2000)`,
    `  wall clock: ${perSecond(walls[Math.floor(walls.length / 2)])} reports/s median (lower when other processes share the cores)`,
    `  ${(chars / (median / 1000) / 1e6).toFixed(1)} M characters/s; ${duplicates} reports linked to an earlier exact or near duplicate`,
    `  vocabularies and models loaded once in ${loadMs.toFixed(0)} ms`,
  ].join('\n'),
);
