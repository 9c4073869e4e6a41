import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The main job, as a user runs it: `tocsin start` on an empty data folder sets up the embedded SQLite
 * store with the bundled real demo data, serves, and prints the URL and how to sign in.
 */
const ROOT = join(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGTERM');
});

function startTocsin(dataDir: string): Promise<{ url: string; output: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'tocsin.js'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, TOCSIN_DATA_DIR: dataDir, TOCSIN_PORT: '0', NO_COLOR: '1' },
    });
    child = p;
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Tocsin is running at (http:\/\/\S+)/.exec(output);
      if (m !== null && output.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve({ url: m[1], output });
      }
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('exit', (code) => reject(new Error(`tocsin start exited with ${code}:\n${output}`)));
  });
}

describe('npm start on a fresh data folder', () => {
  it('sets up the demo store, serves, and the printed logins reach real signals', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tocsin-start-'));
    const { url, output } = await startTocsin(dataDir);
    expect(output).toContain('First start');
    // The bundled WHO outbreak news (253 reports) became event-based signals.
    const reports = /WHO outbreak news: (\d+) reports stored .*, (\d+) event-based signals/.exec(output);
    expect(Number(reports?.[1])).toBeGreaterThan(200);
    expect(Number(reports?.[2])).toBeGreaterThan(10);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
      username: string;
      password: string;
    }[];
    expect(statSync(join(dataDir, 'demo-credentials.json')).mode & 0o077).toBe(0);
    const ana = credentials.find((c) => c.username === 'ana');
    expect(ana).toBeDefined();
    expect(output).toContain(ana?.password ?? 'missing');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ana?.username, password: ana?.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/tocsin_session=[^;]+;.*HttpOnly/i);
    const signals = await fetch(`${url}/api/signals?limit=5`, { headers: { cookie: cookie.split(';')[0] } });
    expect(signals.status).toBe(200);
    const page = (await signals.json()) as {
      items: { source: string; explanation: { algorithm: string } }[];
      total: number;
    };
    expect(page.total).toBeGreaterThan(50);
    expect(page.items[0].source).toBe('indicator');
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
  }, 180_000);
});
