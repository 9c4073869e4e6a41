/**
 * `npm run bench`: speed and detection quality of Tocsin side by side with R `surveillance` on the
 * simulated benchmark of ../shared/bench (see its README). R runs in the same process tree when
 * Rscript and surveillance are installed; otherwise R's recorded figures are shown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_USAGE, parseBenchOptions } from './bench-options.ts';
import { readSimSet } from './data/sim-set.ts';
import { truthFromSimSet } from './quality/truth.ts';
import { BenchReport } from './report/bench-report.ts';
import { machineInfo } from './report/machine-info.ts';
import { EVAL_FROM, EVAL_TO } from './sections/bench-context.ts';
import { nationalSection } from './sections/national-section.ts';
import { qualitySection } from './sections/quality-section.ts';
import { speedSection } from './sections/speed-section.ts';
import { findR } from './speed/find-r.ts';

async function main(argv: ReadonlyArray<string>): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const options = parseBenchOptions(argv);
  mkdirSync(options.out, { recursive: true });
  const report = new BenchReport();
  const machine = machineInfo();
  const r = findR();
  report.heading('Machine');
  report.line(
    `${machine.date} · ${machine.cores} cores (nproc) · ${machine.cpuModel} · Node ${machine.node} · load average at start ${machine.loadAverage} · Tocsin ${machine.commit}`,
  );
  report.line(
    r.ok
      ? `R: ${r.rVersion}, surveillance ${r.surveillanceVersion}${options.useR ? '' : ' (not used: --no-r)'}`
      : `R: not found — ${r.reason}. Showing R's recorded figures.`,
  );
  const sim = readSimSet(join(options.shared, 'sim'));
  const ctx = { options, r, sim, truth: truthFromSimSet(sim, EVAL_FROM, EVAL_TO) };
  if (options.sections.has('quality')) qualitySection(ctx, report);
  if (options.sections.has('speed')) await speedSection(ctx, report);
  if (options.sections.has('national')) await nationalSection(ctx, report);
  report.line(
    `\nLoad average at the end: ${machineInfo().loadAverage} (${machine.cores} = every core busy; other work on the machine slows both sides).`,
  );
  const path = join(options.out, 'report.md');
  writeFileSync(path, report.toMarkdown('Tocsin benchmark report'));
  process.stdout.write(`\nReport written to ${path}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
