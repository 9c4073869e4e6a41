import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAlgorithm } from '../algorithms/bench-algorithms.ts';
import { readOutbreakSizes } from '../data/read-outbreak-sizes.ts';
import { type AlarmAgreement, compareAlarmTables } from '../quality/alarm-agreement.ts';
import { formatAlarmFile, parseAlarmFile } from '../quality/alarm-file.ts';
import { checkScorer } from '../quality/check-scorer.ts';
import { compareScoreRows } from '../quality/compare-scores.ts';
import { parseScoreTable, readPublishedScores } from '../quality/published-scores.ts';
import { type QualityRun, runQuality } from '../quality/run-quality.ts';
import { type QualityScore, type ScoreByKRow, scoreAlarms, scoreByK } from '../quality/score.ts';
import type { BenchReport } from '../report/bench-report.ts';
import { fixed } from '../report/render-table.ts';
import type { BenchContext } from './bench-context.ts';

interface Scored {
  readonly run: QualityRun;
  readonly score: QualityScore;
  readonly byK: ReadonlyArray<ScoreByKRow>;
  readonly agreement: AlarmAgreement;
}

const pct = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(3)} %` : '–');

/**
 * Detection quality: Tocsin's alarms for every configuration on every simulated series, scored with
 * the README's definitions next to R's published scores, and compared with R's alarm files cell by cell.
 */
export function qualitySection(ctx: BenchContext, report: BenchReport): void {
  const { options, truth, sim } = ctx;
  const rResults = join(options.shared, 'r-results');
  const rAlarms = join(rResults, 'alarms-public');
  const published = readPublishedScores(
    join(rResults, 'r-quality-public.csv'),
    join(rResults, 'r-quality-public-by-k.csv'),
  );
  const sizes = readOutbreakSizes(join(options.shared, 'sim'));
  report.heading('Detection quality (simulated set, 1,260 series × weeks 576–624)');

  const checks = checkScorer(truth, rAlarms, published, sizes);
  const bad = checks.filter((c) => c.differences.length > 0);
  report.line(
    bad.length === 0
      ? `Scorer check: R's own alarm files re-scored by bench/quality/score.ts give R's published scores exactly (${checks.length} algorithms × ${checks[0]?.compared ?? 0} rows: 42 scenarios, all, 10 k groups).`
      : `Scorer check FAILED for ${bad.map((c) => `${c.algorithm} (${c.differences[0]})`).join('; ')}`,
  );

  const outDir = join(options.out, 'tocsin-alarms');
  mkdirSync(outDir, { recursive: true });
  const scored: Scored[] = [];
  const skipped: string[] = [];
  for (const name of options.algorithms) {
    const algorithm = benchAlgorithm(name);
    let run: QualityRun;
    try {
      run = runQuality(sim, truth, algorithm);
    } catch (err) {
      skipped.push(`${name} (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    writeFileSync(join(outDir, `${name}.csv`), formatAlarmFile(truth, run.alarms));
    const rPath = join(rAlarms, `${name}.csv`);
    const rTable = parseAlarmFile(readFileSync(rPath, 'utf8'), truth, rPath);
    const score = scoreAlarms(truth, run.alarms);
    scored.push({
      run,
      score,
      byK: scoreByK(score.series, sizes),
      agreement: compareAlarmTables(run.alarms, rTable),
    });
    report.progress(`${name}: ${run.seconds.toFixed(2)} s, ${run.notes.length} notes`);
  }
  if (skipped.length > 0) report.line(`Not run (detector not available yet): ${skipped.join('; ')}`);
  if (scored.length === 0) return;
  writeFileSync(
    join(options.out, 'tocsin-notes.txt'),
    scored.flatMap((s) => s.run.notes).join('\n') + (scored.some((s) => s.run.notes.length > 0) ? '\n' : ''),
  );

  report.line(
    '\nPooled over all series (Tocsin | R published); definitions in ../shared/bench/README.md "Scoring".',
  );
  const r = (name: string) => published.rows.get(name)?.find((x) => x.scenario === 'all');
  report.table({
    headers: [
      'algorithm',
      'FPR',
      'R FPR',
      'POD',
      'R POD',
      'sensitivity',
      'R sens.',
      'timeliness',
      'R timel.',
      'delay wk',
      'R delay',
      'NA alarms',
      'R NA',
    ],
    rows: scored.map(({ run, score }) => {
      const p = r(run.algorithm.name);
      const a = score.all;
      return [
        run.algorithm.name,
        fixed(a.fpr, 4),
        fixed(p?.fpr ?? Number.NaN, 4),
        fixed(a.pod, 4),
        fixed(p?.pod ?? Number.NaN, 4),
        fixed(a.sensitivity, 4),
        fixed(p?.sensitivity ?? Number.NaN, 4),
        fixed(a.timeliness, 4),
        fixed(p?.timeliness ?? Number.NaN, 4),
        fixed(a.meanDelayWeeks, 3),
        fixed(p?.meanDelayWeeks ?? Number.NaN, 3),
        String(a.missingAlarms),
        String(p?.missingAlarms ?? '–'),
      ];
    }),
  });

  report.line(
    "\nAgreement with R's alarm files (61,740 alarm decisions per algorithm; NA = NA counts as agreement).",
  );
  report.table({
    headers: [
      'algorithm',
      'agree',
      'share',
      'only R',
      'only Tocsin',
      'NA mismatch',
      'bounds ≤1e-6',
      'max rel. diff',
      'bound NA mismatch',
      'fallbacks/errors',
      'Tocsin time',
    ],
    rows: scored.map(({ run, agreement: g }) => [
      run.algorithm.name,
      `${g.agree}/${g.cells}`,
      pct(g.agree, g.cells),
      String(g.onlyReference),
      String(g.onlyTest),
      String(g.naMismatch),
      `${g.boundsWithin1e6}/${g.boundPairs}`,
      g.boundMaxRelDiff.toExponential(1),
      String(g.boundNaMismatch),
      String(run.notes.length),
      `${run.seconds.toFixed(2)} s`,
    ]),
  });

  report.line('\nPOD by size k of the evaluation-window outbreak (baseline SDs), Tocsin / R.');
  const ks = [...new Set(scored.flatMap((s) => s.byK.map((b) => b.k)))].sort((a, b) => a - b);
  report.table({
    headers: ['k', ...scored.map((s) => s.run.algorithm.name)],
    rows: ks.map((k) => [
      String(k),
      ...scored.map((s) => {
        const mine = s.byK.find((b) => b.k === k);
        const theirs = published.byK.get(s.run.algorithm.name)?.find((b) => b.k === k);
        return `${fixed(mine?.pod ?? Number.NaN, 2)} / ${fixed(theirs?.pod ?? Number.NaN, 2)}`;
      }),
    ]),
  });

  if (ctx.r.ok) crossCheckWithRScorer(ctx, scored, outDir, report);
}

/** Scores Tocsin's alarm files with R's own r/score.R too; both scorers must agree. */
function crossCheckWithRScorer(
  ctx: BenchContext,
  scored: ReadonlyArray<Scored>,
  dir: string,
  report: BenchReport,
): void {
  const out = join(ctx.options.out, 'tocsin-quality-by-r.csv');
  const res = spawnSync(
    'Rscript',
    [
      join(ctx.options.shared, 'r/score.R'),
      `--truth=${join(ctx.options.shared, 'sim/series.csv')}`,
      `--alarms=${scored.map((s) => join(dir, `${s.run.algorithm.name}.csv`)).join(',')}`,
      `--out=${out}`,
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) {
    report.line(`R's score.R on Tocsin's alarm files failed: ${res.stderr.trim().split('\n').pop() ?? ''}`);
    return;
  }
  const byR = parseScoreTable(readFileSync(out, 'utf8'), out);
  const differences = scored.flatMap(({ run, score }) => {
    const rows = byR.get(run.algorithm.name) ?? [];
    return score.rows.flatMap((mine) => {
      const theirs = rows.find((x) => x.scenario === mine.scenario);
      return theirs === undefined
        ? [`${run.algorithm.name}: no row ${mine.scenario}`]
        : compareScoreRows(mine, theirs);
    });
  });
  report.line(
    differences.length === 0
      ? `\nCross-check: R's r/score.R on Tocsin's alarm files gives the same scores as bench/quality/score.ts (${scored.length} algorithms × 43 rows).`
      : `\nCross-check with R's r/score.R: ${differences.length} differences, first: ${differences[0]}`,
  );
}
