import type { Command } from 'commander';
import type { Actor } from '../domain/actor.ts';
import type { Source } from '../domain/source.ts';
import type { ManageSources } from '../services/manage-sources.ts';
import type { PullOutcome, PullSources } from '../services/pull-sources.ts';
import { UsageError } from './input-error.ts';
import { summariseIngest } from './reports-import-command.ts';

/** What `tocsin sources` needs; `main/` opens the store only when the command runs. */
export interface SourcesCommandDeps {
  readonly io: {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly setExitCode: (code: number) => void;
  };
  readonly open: () => Promise<{
    readonly sources: ManageSources;
    readonly pull: PullSources;
    readonly actor: Actor;
  }>;
}

function healthLine(s: Source): string {
  const health =
    s.lastError !== null && (s.lastSuccessAt === null || (s.lastErrorAt ?? '') > s.lastSuccessAt)
      ? `error ${s.lastErrorAt}: ${s.lastError}`
      : s.lastSuccessAt !== null
        ? `ok ${s.lastSuccessAt}`
        : 'never pulled';
  const what = s.kind === 'feed' ? `${s.url} every ${s.pullMinutes} min` : 'file imports';
  return `${s.name}\t${s.active ? 'active' : 'inactive'}\t${what}\t${s.itemsSeen} item(s) seen\t${health}\n`;
}

function pullLine(o: PullOutcome): string {
  switch (o.status) {
    case 'ok':
      return `${o.name}: ${o.items} item(s); ${summariseIngest(o.ingest)}\n`;
    case 'not-modified':
      return `${o.name}: not modified\n`;
    case 'error':
      return `${o.name}: error: ${o.message}\n`;
  }
}

/** `tocsin sources add|list|pull`: the registry of report sources and pulling feeds by hand. */
export function registerSourcesCommand(program: Command, deps: SourcesCommandDeps): void {
  const { io } = deps;
  const sources = program.command('sources').description('sources of event-based reports (feeds)');
  sources
    .command('add')
    .description('add a feed source (RSS 2.0, Atom or JSON Feed) or a named source for file imports')
    .argument('<name>', 'a unique name')
    .option('--url <url>', 'the feed URL (http or https); without it the source takes file imports')
    .option('--every <minutes>', 'minutes between scheduled pulls (default 60)')
    .option('--inactive', 'add it without scheduled pulls')
    .action(async (name: string, flags: { url?: string; every?: string; inactive?: boolean }) => {
      const pullMinutes = flags.every === undefined ? undefined : Number(flags.every);
      if (pullMinutes !== undefined && !Number.isInteger(pullMinutes))
        throw new UsageError(`--every expects whole minutes, got "${flags.every}"`);
      const { sources: s, actor } = await deps.open();
      const added = await s.add(actor, {
        name,
        url: flags.url ?? null,
        kind: flags.url === undefined ? 'file' : 'feed',
        active: flags.inactive !== true,
        ...(pullMinutes === undefined ? {} : { pullMinutes }),
      });
      io.stdout(`added source ${added.name} (${added.id})\n`);
    });
  sources
    .command('list')
    .description('list the sources with their health: last success, last error, items seen')
    .action(async () => {
      const { sources: s, actor } = await deps.open();
      const list = await s.list(actor);
      if (list.length === 0) io.stdout('no sources\n');
      for (const x of list) io.stdout(healthLine(x));
    });
  sources
    .command('pull')
    .description('pull feed sources now: the named ones, or every active feed')
    .argument('[names...]', 'source names (default: every active feed source)')
    .action(async (names: string[]) => {
      const { sources: s, pull, actor } = await deps.open();
      let outcomes: ReadonlyArray<PullOutcome>;
      if (names.length === 0) outcomes = await pull.pullDue(actor, { all: true });
      else {
        const out: PullOutcome[] = [];
        for (const name of names) {
          const source = await s.byName(actor, name);
          if (source === undefined) throw new UsageError(`no source named "${name}"`);
          out.push(await pull.pull(actor, source.id));
        }
        outcomes = out;
      }
      if (outcomes.length === 0) io.stdout('no active feed sources\n');
      for (const o of outcomes) io.stdout(pullLine(o));
      if (outcomes.length > 0 && outcomes.every((o) => o.status === 'error')) io.setExitCode(1);
    });
}
