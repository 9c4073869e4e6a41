import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { type CliIo, registerDetectCommand } from '../cli/detect-command.ts';
import { describeError, exitCodeFor } from '../cli/exit-codes.ts';

/** Composition root of the `tocsin` command line. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('tocsin')
    .description(
      'Tocsin — biosecurity early warning: outbreak detection, signal triage, risk assessment, response',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDetectCommand(program, io);
  return program;
}

export async function runCli(argv: ReadonlyArray<string>, io: CliIo): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      io.setExitCode(err.exitCode);
      return;
    }
    io.stderr(`tocsin: ${describeError(err)}\n`);
    io.setExitCode(exitCodeFor(err));
  }
}

export const DATASETS_DIR = fileURLToPath(new URL('../../datasets', import.meta.url));

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTty: process.stderr.isTTY === true,
    datasetsDir: DATASETS_DIR,
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await runCli(process.argv.slice(2), processIo());
}
