import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config/config.ts';
import { type AppContext, openContext, SQLITE_FILE } from '../../src/main/context.ts';
import { loadDemoData } from '../../src/main/demo-data.ts';
import { initialise } from '../../src/main/initialise.ts';
import { buildServer } from '../../src/main/server.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface WebServer {
  readonly ctx: AppContext;
  readonly baseUrl: string;
  /** The store's SQLite file (for seeding more signals). */
  readonly sqliteFile: string;
  /** A session cookie value for a demo user (signed in through the API, as the login page would). */
  session(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real server on a fresh demo store in a temporary folder, as test/support/web-harness.ts starts it. */
export async function startWebServer(): Promise<WebServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tocsin-web-bench-'));
  const ctx = await openContext(readConfig({ TOCSIN_DATA_DIR: dataDir }, ROOT));
  const init = await initialise(ctx, { adminUsername: 'admin' });
  if (init.admin === undefined) throw new Error('initialise created no administrator');
  const demo = await loadDemoData(ctx);
  const logins = new Map<string, string>([['admin', init.admin.password]]);
  for (const u of demo.usersCreated) logins.set(u.username, u.password);
  const app = await buildServer(ctx);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ctx,
    baseUrl,
    sqliteFile: join(dataDir, SQLITE_FILE),
    async session(username) {
      const r = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: logins.get(username) }),
      });
      if (!r.ok) throw new Error(`signing in ${username}: HTTP ${r.status}`);
      const cookie = /tocsin_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '');
      if (cookie === null) throw new Error(`signing in ${username}: no session cookie`);
      return cookie[1];
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
