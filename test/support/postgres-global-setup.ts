import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts a throwaway PostgreSQL for the repository contract suites when the Debian `postgresql`
 * binaries are present (`.ci/run` installs them, so CI always runs both dialects). Without them the
 * suites run on SQLite only, and this says so visibly. `TOCSIN_TEST_DATABASE_URL` uses an existing server.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  return undefined;
}

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.TOCSIN_TEST_DATABASE_URL;
  if (given !== undefined && given !== '') {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const bin = findPgBin();
  if (bin === undefined) {
    process.stdout.write(
      '\n*** PostgreSQL binaries not found (apt-get install postgresql): repository suites run on SQLite ONLY ***\n\n',
    );
    project.provide('postgresUrl', null);
    return undefined;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tocsin-pg-'));
  const port = 55_000 + Math.floor(Math.random() * 4000);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dataDir, uid, gid);
  }
  run(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  run(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    join(dataDir, 'server.log'),
    '-w',
    '-t',
    '30',
    '-o',
    `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  process.stdout.write(
    `\nPostgreSQL ${bin.split('/').at(-2)} started for the repository suites at 127.0.0.1:${port}\n`,
  );
  project.provide('postgresUrl', url);
  return () => {
    const stop = asRoot
      ? spawnSync('runuser', [
          '-u',
          'postgres',
          '--',
          join(bin, 'pg_ctl'),
          '-D',
          dataDir,
          '-m',
          'immediate',
          '-w',
          'stop',
        ])
      : spawnSync(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    if (stop.status !== 0)
      process.stderr.write(`warning: could not stop the test PostgreSQL: ${stop.stderr}\n`);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
