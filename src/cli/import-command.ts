import { basename, extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Actor } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { describeProblem, type ImportProblem, type ImportProgress } from '../domain/observation-import.ts';
import type { ImportObservations } from '../services/import-observations.ts';
import { InputFileError, UsageError } from './input-error.ts';
import { readInputText } from './input-files.ts';

/** What `tocsin import` needs; `main/` opens the store only when the command runs. */
export interface ImportCommandDeps {
  readonly io: {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly stderrIsTty: boolean;
  };
  /** Opens the store: the import service, the actor the CLI imports as, and how to close it. */
  readonly openImporter: () => Promise<{
    readonly importObservations: ImportObservations;
    readonly actor: Actor;
    close(): Promise<void>;
  }>;
}

interface ImportFlags {
  readonly format?: string;
  readonly progress?: boolean;
}

function formatOf(file: string, flag: string | undefined): 'csv' | 'json' {
  if (flag === undefined) return extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  if (flag === 'csv' || flag === 'json') return flag;
  throw new UsageError(`--format expects csv or json, got "${flag}"`);
}

/**
 * `tocsin import observations FILE [--format csv|json]`: imports a file atomically and idempotently,
 * with a progress bar on stderr. A rejected file lists every problem (line, column, field, what was
 * expected) and exits 2; nothing is imported then.
 */
export function registerImportCommand(program: Command, deps: ImportCommandDeps): void {
  const { io } = deps;
  const command = program.command('import').description('import data into the store');
  command
    .command('observations')
    .description(
      'import observation counts from a CSV (hazard,place,stratum,source,frequency,date,count[,population][,unit]) or JSON file: all rows or none; re-importing changes nothing; corrected counts become new revisions',
    )
    .argument('<file>', 'the CSV or JSON file')
    .option('--format <format>', 'csv or json (default: from the file extension)')
    .option('--progress', 'show a progress bar even when stderr is not a terminal')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, flags: ImportFlags) => {
      const format = formatOf(file, flags.format);
      const content = readInputText(file);
      const showBar = flags.progress ?? io.stderrIsTty;
      const bar = showBar
        ? new SingleBar({
            stream: process.stderr,
            format: ' importing |{bar}| {value}/{total} rows  {phase}  {eta_formatted} left',
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 1000,
          })
        : undefined;
      let started = false;
      const onProgress = (p: ImportProgress): void => {
        if (bar === undefined) return;
        if (!started && p.total > 0) {
          bar.start(p.total, p.done, { phase: p.phase });
          started = true;
        } else if (started) {
          bar.setTotal(p.total);
          bar.update(p.done, { phase: p.phase });
        }
      };
      const { importObservations, actor, close } = await deps.openImporter();
      try {
        const outcome = await importObservations(
          actor,
          { fileName: basename(file), format, content },
          { onProgress },
        );
        bar?.stop();
        const r = outcome.record;
        io.stdout(
          `imported ${file}: ${r.rows} rows — ${r.inserted} inserted, ${r.revised} revised, ${r.unchanged} unchanged; ` +
            `${outcome.seriesCreated} new series (import ${r.id}, sha256 ${r.sha256})\n`,
        );
      } catch (err) {
        bar?.stop();
        if (err instanceof DomainError && (err.code === 'VALIDATION' || err.code === 'FORBIDDEN')) {
          const problems = (err.details?.problems ?? []) as ReadonlyArray<ImportProblem>;
          for (const p of problems) io.stderr(`${file}: ${describeProblem(p)}\n`);
          if (err.details?.truncated === true) io.stderr(`${file}: … more problems not shown\n`);
          const first = problems[0];
          throw new InputFileError(
            file,
            first?.line,
            first === undefined || first.column === null ? undefined : String(first.column),
            `rejected, nothing was imported (${problems.length}${err.details?.truncated === true ? '+' : ''} problem${problems.length === 1 ? '' : 's'}; first: ${first === undefined ? err.message : first.message})`,
          );
        }
        throw err;
      } finally {
        await close();
      }
    });
}
