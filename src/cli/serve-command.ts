import type { Command } from 'commander';
import type { CliIo } from './detect-command.ts';

export interface ServeCommandDeps {
  /** Starts the server; resolves with its URL once it listens. */
  serve(): Promise<{ readonly url: string; readonly store: string }>;
}

/** `tocsin serve`: runs the HTTP API (and the scheduled jobs) until stopped. */
export function registerServeCommand(
  program: Command,
  io: CliIo,
  deps: () => Promise<ServeCommandDeps>,
): void {
  program
    .command('serve')
    .description('start the Tocsin server')
    .action(async () => {
      const r = await (await deps()).serve();
      io.stdout(`Tocsin is listening on ${r.url} (store: ${r.store}); API docs at ${r.url}/api/docs\n`);
    });
}
