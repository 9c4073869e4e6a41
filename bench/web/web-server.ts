import { join } from 'node:path';
import { type AppContext, SQLITE_FILE } from '../../src/main/context.ts';
import { openDemoServer } from '../../test/support/web-harness.ts';

export interface WebServer {
  readonly ctx: AppContext;
  readonly baseUrl: string;
  /** The store's SQLite file (for seeding more signals). */
  readonly sqliteFile: string;
  /** A session cookie value for a demo user (signed in through the API, as the login page would). */
  session(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real server on a fresh demo store in a temporary folder (test/support/web-harness.ts starts it). */
export async function startWebServer(): Promise<WebServer> {
  const { ctx, app, baseUrl, dataDir, logins } = await openDemoServer('tocsin-web-bench-');
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
