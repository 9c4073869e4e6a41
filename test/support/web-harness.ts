import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { readConfig } from '../../src/config/config.ts';
import type { TocsinApp } from '../../src/http/app.ts';
import { hasBuiltWeb } from '../../src/http/routes/web-routes.ts';
import { WEB_DIST_DIR } from '../../src/main/bundled-paths.ts';
import { type AppContext, openContext } from '../../src/main/context.ts';
import { loadDemoData } from '../../src/main/demo-data.ts';
import { initialise } from '../../src/main/initialise.ts';
import { buildServer } from '../../src/main/server.ts';

/**
 * One real server on a fresh demo store and one Debian chromium (through playwright-core) for a browser
 * test file. Every browser test file opens its own harness in `beforeAll` and closes it in `afterAll`.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');

/** Whether this machine can run browser tests; warns loudly (naming the file) when it cannot. */
export function browserTestsRunnable(file: string): boolean {
  const hasChromium = existsSync(CHROMIUM);
  const hasWeb = hasBuiltWeb(WEB_DIST_DIR);
  if (!hasChromium)
    console.warn(`${file}: SKIPPED — ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);
  if (!hasWeb) console.warn(`${file}: SKIPPED — web/dist is missing (npm run build:web)`);
  return hasChromium && hasWeb;
}

export interface WebHarness {
  readonly ctx: AppContext;
  readonly app: TocsinApp;
  readonly browser: Browser;
  readonly baseUrl: string;
  /** Password of every demo user and of `admin`, by user name. */
  readonly logins: ReadonlyMap<string, string>;
  /** A fresh 1366×768 context (a laptop screen) with a patient default timeout. */
  newContext(locale?: string): Promise<BrowserContext>;
  /** Signs `username` in on the login page shown at `path`. */
  signIn(page: Page, username: string, path?: string): Promise<void>;
  close(): Promise<void>;
}

/** The real server on a fresh demo store in a temporary folder, listening on a free loopback port. */
export interface DemoServer {
  readonly ctx: AppContext;
  readonly app: TocsinApp;
  readonly baseUrl: string;
  readonly dataDir: string;
  /** Password of every demo user and of `admin`, by user name. */
  readonly logins: ReadonlyMap<string, string>;
}

export async function openDemoServer(prefix = 'tocsin-web-'): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const ctx = await openContext(readConfig({ TOCSIN_DATA_DIR: dataDir }, ROOT));
  const init = await initialise(ctx, { adminUsername: 'admin' });
  if (init.admin === undefined) throw new Error('initialise created no administrator');
  const demo = await loadDemoData(ctx);
  const logins = new Map<string, string>([['admin', init.admin.password]]);
  for (const u of demo.usersCreated) logins.set(u.username, u.password);
  const app = await buildServer(ctx);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { ctx, app, baseUrl, dataDir, logins };
}

export async function openWebHarness(): Promise<WebHarness> {
  const { ctx, app, baseUrl, logins } = await openDemoServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    ctx,
    app,
    browser,
    baseUrl,
    logins,
    async newContext(locale = 'en-GB') {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
      context.setDefaultTimeout(10_000);
      return context;
    },
    async signIn(page, username, path = '/') {
      await page.goto(`${baseUrl}${path}`);
      await page.getByLabel('User name').fill(username);
      await page.getByLabel('Password').fill(logins.get(username) ?? `no demo login ${username}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
    },
    async close() {
      await browser.close();
      await app.close();
      await ctx.close();
    },
  };
}

/** expect.poll with a patience that survives a loaded CI machine (vitest's default is 1 s). */
export function poll<T>(fn: () => Promise<T> | T, options: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: options.timeout ?? 15_000, interval: 100 });
}

/** Saves a full-page screenshot to test/e2e/artifacts/<name>.png (git-ignored; CI keeps them). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
