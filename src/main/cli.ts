import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from '../cli/audit-command.ts';
import { type CliIo, registerDetectCommand } from '../cli/detect-command.ts';
import { registerDetectRunCommand } from '../cli/detect-run-command.ts';
import { describeError, exitCodeFor } from '../cli/exit-codes.ts';
import { registerImportCommand } from '../cli/import-command.ts';
import { registerReportsImportCommand } from '../cli/reports-import-command.ts';
import { registerSourcesCommand } from '../cli/reports-sources-command.ts';
import { registerReportsTagCommand } from '../cli/reports-tag-command.ts';
import { registerServeCommand } from '../cli/serve-command.ts';
import { registerSetupCommands } from '../cli/setup-commands.ts';
import { registerUserCommand } from '../cli/user-command.ts';
import { readConfig } from '../config/config.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { newSecret } from '../services/password-hashing.ts';
import { DATASETS_DIR } from './bundled-paths.ts';
import { type AppContext, openContext } from './context.ts';
import { loadDemoData } from './demo-data.ts';
import { initialise } from './initialise.ts';
import { startJobs } from './jobs.ts';
import { buildServer } from './server.ts';

/** Composition root of the `tocsin` command line. */
export function buildProgram(io: CliIo, context: () => Promise<AppContext>): Command {
  const program = new Command('tocsin')
    .description(
      'Tocsin — biosecurity early warning: outbreak detection, signal triage, risk assessment, response',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDetectCommand(program, io);
  registerDetectRunCommand(program, {
    io,
    services: async () => ({ detection: (await context()).services.detection }),
  });
  registerAuditCommand(program, io, async () => {
    const ctx = await context();
    return { verifyAudit: () => ctx.services.audit.verify(SYSTEM_ACTOR) };
  });
  registerUserCommand(program, io, async () => {
    const ctx = await context();
    return {
      addUser: (input) => ctx.services.users.add(SYSTEM_ACTOR, input),
      randomPassword: () => newSecret().slice(0, 20),
    };
  });
  registerImportCommand(program, {
    io,
    openImporter: async () => {
      const ctx = await context();
      // The store is closed by runCli once the command is done.
      return {
        importObservations: ctx.services.importObservations,
        actor: SYSTEM_ACTOR,
        close: async () => {},
      };
    },
  });
  const serve = (ctx: AppContext) => async () => {
    const app = await buildServer(ctx, { logger: false });
    const address = await app.listen({ host: ctx.config.host, port: ctx.config.port });
    if (ctx.config.runJobs) {
      const log = {
        info: (m: string) => io.stderr(`${new Date().toISOString()} ${m}\n`),
        error: (m: string) => io.stderr(`${new Date().toISOString()} ERROR ${m}\n`),
      };
      await startJobs(ctx, log);
    }
    return { url: address, store: `${ctx.database.dialect} ${ctx.database.location}` };
  };
  registerServeCommand(program, io, async () => ({ serve: serve(await context()) }));
  registerReportsTagCommand(program, io);
  registerReportsImportCommand(program, {
    io,
    open: async () => {
      const ctx = await context();
      return { ingest: ctx.services.ingestReports, sources: ctx.services.sources, actor: SYSTEM_ACTOR };
    },
  });
  registerSourcesCommand(program, {
    io,
    open: async () => {
      const ctx = await context();
      return { sources: ctx.services.sources, pull: ctx.services.pullSources, actor: SYSTEM_ACTOR };
    },
  });
  registerSetupCommands(program, io, async () => {
    const ctx = await context();
    return {
      initialise: (o) => initialise(ctx, o),
      loadDemo: (progress) => loadDemoData(ctx, progress),
      serve: serve(ctx),
      credentialsFile: join(ctx.config.dataDir, 'demo-credentials.json'),
    };
  });
  return program;
}

/** Runs one command line; the store is opened only by commands that need it and closed afterwards. */
export async function runCli(argv: ReadonlyArray<string>, io: CliIo): Promise<void> {
  let ctx: AppContext | undefined;
  let keepOpen = false;
  const context = async (): Promise<AppContext> => {
    ctx ??= await openContext(readConfig(process.env, process.cwd()));
    return ctx;
  };
  const program = buildProgram(io, context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    keepOpen = argv[0] === 'serve' || argv[0] === 'start';
  } catch (err) {
    if (err instanceof CommanderError) {
      io.setExitCode(err.exitCode);
      return;
    }
    io.stderr(`tocsin: ${describeError(err)}\n`);
    io.setExitCode(exitCodeFor(err));
  } finally {
    if (ctx !== undefined && !keepOpen) await ctx.close();
  }
}

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
