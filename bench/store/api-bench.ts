/**
 * HTTP API under load: the real server on the bundled demo store (RKI series, demo users, detection run,
 * so the inbox holds real signals), hit by autocannon with 200 concurrent connections for 15 s per
 * endpoint, signed in as the demo analyst (jurisdiction Germany) with a session cookie:
 *
 *   GET /api/signals        the inbox's first page (open signals, newest first, 50 with the total)
 *   GET /api/signals/{id}   one signal with alarms, transitions, comments, links (cycling the first page)
 *   GET /api/events         the events list
 *   GET /api/health         liveness (a store round trip, no session)
 *
 * Prints requests/s and latency p50/p97.5/p99 per endpoint. The server runs in a child process (this file
 * with --serve) so the load generator does not share its event loop; both listen and talk on 127.0.0.1
 * only. Everything is bounded: ~15 s per endpoint plus a 3 s warm-up, and a 5-minute cap on preparing.
 *
 *   npx tsx bench/store/api-bench.ts [--connections=200] [--duration=15] [--data=DIR [--reuse]]
 *
 * `--data` with `--reuse` keeps the prepared demo store between runs (preparing takes about a minute).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readConfig } from '../../src/config/config.ts';
import { type AppContext, openContext } from '../../src/main/context.ts';
import { loadDemoData } from '../../src/main/demo-data.ts';
import { initialise } from '../../src/main/initialise.ts';
import { buildServer } from '../../src/main/server.ts';

// ---- autocannon (CommonJS, no bundled types: the part of its programmatic API used here) ----------------

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p97_5: number;
  readonly p99: number;
  readonly max: number;
}

interface AutocannonResult {
  readonly requests: Histogram & { readonly total: number };
  readonly latency: Histogram;
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
}

interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Requests each connection cycles through. */
  readonly requests?: ReadonlyArray<{ readonly method: 'GET'; readonly path: string }>;
}

type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---- options --------------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    data: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    serve: { type: 'string' },
  },
});

const HOST = '127.0.0.1';
const ANALYST = 'ana';
const ADMIN_PASSWORD = 'bench-admin-password';
const CREDENTIALS_FILE = 'bench-credentials.json';
const PREPARE_LIMIT_MS = 5 * 60_000;

function configFor(dataDir: string) {
  return readConfig(
    { TOCSIN_DATA_DIR: dataDir, TOCSIN_HOST: HOST, TOCSIN_PORT: '0', TOCSIN_JOBS: '0' },
    dataDir,
  );
}

// ---- the server (child process) -------------------------------------------------------------------------

async function serve(dataDir: string): Promise<void> {
  const ctx = await openContext(configFor(dataDir));
  const app = await buildServer(ctx);
  const url = await app.listen({ host: HOST, port: 0 });
  process.stdout.write(`LISTENING ${url}\n`);
  const stop = async (): Promise<void> => {
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

// ---- preparing the demo store ---------------------------------------------------------------------------

/** Initialises the store with the demo data (or reuses a prepared one); returns the analyst's password. */
async function prepare(dataDir: string): Promise<string> {
  const file = join(dataDir, CREDENTIALS_FILE);
  if (args.reuse && existsSync(file)) {
    console.log(`reusing the demo store in ${dataDir}`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
  }
  const started = performance.now();
  const ctx: AppContext = await openContext(configFor(dataDir));
  try {
    await initialise(ctx, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD });
    const report = await loadDemoData(ctx, (m) => console.log(`  ${m}`));
    const analyst = report.usersCreated.find((u) => u.username === ANALYST);
    if (analyst === undefined) throw new Error(`the demo data has no user ${ANALYST}`);
    writeFileSync(file, JSON.stringify({ password: analyst.password }), { mode: 0o600 });
    const rows = report.imported.reduce((n, r) => n + r.rows, 0);
    const opened = report.runs.reduce((n, r) => n + r.opened, 0);
    console.log(
      `demo store ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${rows} observations, ${opened} signals opened`,
    );
    return analyst.password;
  } finally {
    await ctx.close();
  }
}

function startServer(dataDir: string): Promise<{ readonly child: ChildProcess; readonly url: string }> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, self, `--serve=${dataDir}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the server did not start within 60 s:\n${output}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /LISTENING (http:\/\/\S+)/.exec(output);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
}

// ---- the benchmark --------------------------------------------------------------------------------------

interface Endpoint {
  readonly name: string;
  readonly paths: ReadonlyArray<string>;
  readonly signedIn: boolean;
}

async function signIn(url: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ANALYST, password }),
  });
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (r.status !== 200 || cookie === undefined) throw new Error(`cannot sign in as ${ANALYST}: ${r.status}`);
  return cookie;
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const r = await fetch(url, { headers: { cookie } });
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

const ms = (v: number): string => `${v.toFixed(0)} ms`;

async function bench(url: string, cookie: string, endpoints: ReadonlyArray<Endpoint>) {
  const connections = Number(args.connections);
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const rows: string[][] = [];
  for (const e of endpoints) {
    const headers: Record<string, string> = e.signedIn ? { cookie } : {};
    const options = {
      url,
      headers,
      requests: e.paths.map((path) => ({ method: 'GET' as const, path })),
    };
    if (warmup > 0)
      await autocannon({ ...options, connections: Math.min(connections, 20), duration: warmup });
    const r = await autocannon({ ...options, connections, duration });
    // autocannon counts timeouts among the errors.
    const failed = r.non2xx + r.errors;
    console.log(
      `${e.name}: ${r.requests.average.toFixed(0)} req/s, latency p50 ${ms(r.latency.p50)}, p97.5 ${ms(r.latency.p97_5)}, p99 ${ms(r.latency.p99)}` +
        (failed > 0 ? ` — ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} of them timeouts)` : ''),
    );
    rows.push([
      e.name,
      r.requests.average.toFixed(0),
      r.latency.p50.toFixed(0),
      r.latency.p97_5.toFixed(0),
      r.latency.p99.toFixed(0),
      r.latency.max.toFixed(0),
      String(r.requests.total),
      `${failed} (${r.timeouts})`,
    ]);
  }
  const header = [
    'endpoint',
    'req/s',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'max ms',
    'requests',
    'failed (of which timeouts)',
  ];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

async function main(): Promise<void> {
  const dataDir = args.data ?? mkdtempSync(join(tmpdir(), 'tocsin-api-bench-'));
  const temporary = args.data === undefined;
  let child: ChildProcess | undefined;
  try {
    const password = await Promise.race([
      prepare(dataDir),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('preparing took more than 5 minutes')), PREPARE_LIMIT_MS).unref(),
      ),
    ]);
    const server = await startServer(dataDir);
    child = server.child;
    const cookie = await signIn(server.url, password);
    const inbox = await getJson<{ items: { id: string }[]; total: number }>(
      `${server.url}/api/signals`,
      cookie,
    );
    const events = await getJson<{ total: number }>(`${server.url}/api/events`, cookie);
    if (inbox.items.length === 0) throw new Error('the inbox is empty: nothing to read');
    console.log(
      `\nserver ${server.url} (pid ${child.pid}); ${ANALYST}'s inbox: ${inbox.total} open signals, first page ${inbox.items.length}; ${events.total} events`,
    );
    console.log(
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${args.connections} connections × ${args.duration} s per endpoint\n`,
    );
    await bench(server.url, cookie, [
      { name: 'GET /api/signals', paths: ['/api/signals'], signedIn: true },
      {
        name: 'GET /api/signals/{id}',
        paths: inbox.items.map((s) => `/api/signals/${s.id}`),
        signedIn: true,
      },
      { name: 'GET /api/events', paths: ['/api/events'], signedIn: true },
      { name: 'GET /api/health', paths: ['/api/health'], signedIn: false },
    ]);
  } finally {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.serve !== undefined) await serve(args.serve);
else await main();
