import type { Command } from 'commander';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.ts';
import type { RunDetection, RunReport } from '../services/run-detection.ts';
import type { CliIo } from './detect-command.ts';

export interface DetectRunDeps {
  readonly io: Pick<CliIo, 'stdout' | 'stderr' | 'setExitCode'>;
  /** Opens the store and services (only when `detect run` is used, so `detect --demo` needs no store). */
  readonly services: () => Promise<{ readonly detection: Pick<RunDetection, 'runByName' | 'runAll'> }>;
  /** Who runs (default: the system identity, as scheduled runs do). */
  readonly actor?: Actor;
}

function report(io: DetectRunDeps['io'], r: RunReport): void {
  const run = r.run;
  io.stdout(
    `${r.configName}: ${run.status} — ${run.seriesCount} series, ${run.alarmCount} alarms, ` +
      `${run.signalsOpened} signals opened, ${run.signalsUpdated} extended (run ${run.id})\n`,
  );
  for (const p of run.problems) io.stdout(`  problem: series ${p.seriesId}: ${p.code}: ${p.message}\n`);
}

/**
 * `tocsin detect run [--config NAME]`: runs one stored detection configuration, or every enabled one,
 * on the store, turning alarms into signals. A subcommand of `tocsin detect`, whose own options
 * (`--case`, `--input`, `--demo`, …) keep working as before.
 */
export function registerDetectRunCommand(program: Command, deps: DetectRunDeps): void {
  const detect = program.commands.find((c) => c.name() === 'detect') ?? program.command('detect');
  detect
    .command('run')
    .description('run stored detection configurations on the store and turn alarms into signals')
    .option('--config <name>', 'the configuration to run (default: every enabled one)')
    .action(async (flags: { readonly config?: string }) => {
      const { detection } = await deps.services();
      const actor = deps.actor ?? SYSTEM_ACTOR;
      const reports =
        flags.config === undefined
          ? await detection.runAll(actor, 'manual')
          : [await detection.runByName(actor, flags.config, 'manual')];
      if (reports.length === 0) deps.io.stdout('no enabled detection configuration to run\n');
      for (const r of reports) report(deps.io, r);
      if (reports.some((r) => r.run.status === 'failed')) deps.io.setExitCode(1);
    });
}
