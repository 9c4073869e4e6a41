import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from './detect-command.ts';
import { UsageError } from './input-error.ts';

/** A login to show the person who started Tocsin. */
export interface Credential {
  readonly username: string;
  readonly role: string;
  readonly password: string;
  readonly note: string;
}

export interface SetupDeps {
  /** Schema, reference data, legal rules, first admin (idempotent). */
  initialise(options: { readonly adminUsername: string; readonly adminPassword?: string }): Promise<{
    readonly admin?: { readonly username: string; readonly password: string; readonly generated: boolean };
  }>;
  /** Bundled demo data, users, detection configurations and a first detection run (idempotent). */
  loadDemo(progress: (message: string) => void): Promise<{
    readonly imported: ReadonlyArray<{
      readonly file: string;
      readonly rows: number;
      readonly inserted: number;
    }>;
    readonly usersCreated: ReadonlyArray<Credential>;
    readonly runs: ReadonlyArray<{
      readonly config: string;
      readonly series: number;
      readonly alarms: number;
      readonly opened: number;
    }>;
    /** The bundled open-source reports: stored, linked as duplicates, stories (event-based signals). */
    readonly reports: {
      readonly stored: number;
      readonly duplicates: number;
      readonly storiesOpened: number;
    };
  }>;
  serve(): Promise<{ readonly url: string; readonly store: string }>;
  /** Where the demo logins are kept (in the data folder, readable by the owner only). */
  readonly credentialsFile: string;
}

function readCredentials(file: string): Credential[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Credential[]) : [];
}

function saveCredentials(file: string, list: ReadonlyArray<Credential>): void {
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
}

function printLogins(io: CliIo, list: ReadonlyArray<Credential>, file: string): void {
  if (list.length === 0) return;
  io.stdout(`\nSign in with one of these demo accounts (kept in ${file}):\n`);
  const w = Math.max(...list.map((c) => c.username.length));
  for (const c of list)
    io.stdout(`  ${c.username.padEnd(w)}  ${c.password}  ${c.role.padEnd(11)} ${c.note}\n`);
}

function reportsLine(r: {
  readonly stored: number;
  readonly duplicates: number;
  readonly storiesOpened: number;
}) {
  return `WHO outbreak news: ${r.stored} reports stored (${r.duplicates} near-duplicates linked), ${r.storiesOpened} event-based signals\n`;
}

/** `tocsin init`, `tocsin demo load` and `tocsin start` (what `npm start` runs). */
export function registerSetupCommands(program: Command, io: CliIo, deps: () => Promise<SetupDeps>): void {
  program
    .command('init')
    .description(
      'create the data folder and database, load reference data and create the first administrator',
    )
    .option('--admin <username>', 'the first administrator', 'admin')
    .option('--admin-password-env <VAR>', 'read the administrator password from this environment variable')
    .action(async (flags: { readonly admin: string; readonly adminPasswordEnv?: string }) => {
      let adminPassword: string | undefined;
      if (flags.adminPasswordEnv !== undefined) {
        adminPassword = process.env[flags.adminPasswordEnv];
        if (adminPassword === undefined || adminPassword === '')
          throw new UsageError(`environment variable ${flags.adminPasswordEnv} is not set`);
      }
      const r = await (await deps()).initialise({ adminUsername: flags.admin, adminPassword });
      io.stdout('Tocsin store ready (reference data and legal rules loaded).\n');
      if (r.admin !== undefined) {
        io.stdout(
          `Created administrator ${r.admin.username}${r.admin.generated ? ` with password ${r.admin.password} (shown once)` : ''}.\n`,
        );
      }
    });

  const demo = program.command('demo').description('the bundled real demo data');
  demo
    .command('load')
    .description('import the RKI demo series, create demo users and detection configurations, run detection')
    .action(async () => {
      const d = await deps();
      const init = await d.initialise({ adminUsername: 'admin' });
      const r = await d.loadDemo((m) => io.stderr(`${m}…\n`));
      const logins = [...readCredentials(d.credentialsFile)];
      if (init.admin !== undefined)
        logins.push({
          username: init.admin.username,
          role: 'admin',
          password: init.admin.password,
          note: 'administrator',
        });
      logins.push(...r.usersCreated);
      if (logins.length > 0) saveCredentials(d.credentialsFile, logins);
      for (const i of r.imported) io.stdout(`imported ${i.file}: ${i.rows} rows (${i.inserted} new)\n`);
      for (const run of r.runs)
        io.stdout(
          `detection "${run.config}": ${run.series} series, ${run.alarms} alarms, ${run.opened} new signals\n`,
        );
      io.stdout(reportsLine(r.reports));
      printLogins(io, logins, d.credentialsFile);
    });

  program
    .command('start')
    .description(
      'first time: set up the embedded store with the demo data; then serve Tocsin and print how to sign in',
    )
    .option('--no-demo', 'do not load the demo data on first start')
    .action(async (flags: { readonly demo: boolean }) => {
      const d = await deps();
      const firstStart = !existsSync(d.credentialsFile);
      if (firstStart) {
        io.stdout('First start: setting up the store');
        const init = await d.initialise({ adminUsername: 'admin' });
        const logins: Credential[] = [];
        if (init.admin !== undefined)
          logins.push({
            username: init.admin.username,
            role: 'admin',
            password: init.admin.password,
            note: 'administrator',
          });
        if (flags.demo) {
          io.stdout(' and loading the demo data (RKI series, WHO outbreak news, ~30 s)…\n');
          const r = await d.loadDemo((m) => io.stderr(`  ${m}…\n`));
          logins.push(...r.usersCreated);
          for (const run of r.runs)
            io.stdout(`  detection "${run.config}": ${run.series} series, ${run.opened} signals\n`);
          io.stdout(`  ${reportsLine(r.reports)}`);
        } else io.stdout('.\n');
        saveCredentials(d.credentialsFile, logins);
      }
      const s = await d.serve();
      io.stdout(`\nTocsin is running at ${s.url}  (API docs: ${s.url}/api/docs; store: ${s.store})\n`);
      printLogins(io, readCredentials(d.credentialsFile), d.credentialsFile);
      io.stdout('\nStop with Ctrl+C.\n');
    });
}
