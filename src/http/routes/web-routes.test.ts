import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { hasBuiltWeb, webRoutes } from './web-routes.ts';

function distFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  return dir;
}

async function appWith(dir: string) {
  return buildApp({ authenticate: async () => null, routes: [webRoutes({ distDir: dir })] });
}

describe('webRoutes', () => {
  it('serves index.html at / and for any UI path, so a refresh on /signals/x loads the app', async () => {
    const app = await appWith(distFolder());
    for (const url of ['/', '/signals', '/signals/abc?x=1']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.body).toBe('<!doctype html><div id="root"></div>');
      expect(r.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const app = await appWith(distFolder());
    const r = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('console.log(1)');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps unknown API paths as 404 problems instead of the UI', async () => {
    const app = await appWith(distFolder());
    const r = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('never serves files outside the dist folder', async () => {
    const dir = distFolder();
    writeFileSync(join(dir, '..', 'secret-outside.txt'), 'secret');
    const app = await appWith(dir);
    for (const url of [
      '/../secret-outside.txt',
      '/%2e%2e/secret-outside.txt',
      '/assets/..%2f..%2fsecret-outside.txt',
    ]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.body).not.toContain('secret');
    }
  });

  it('knows whether a folder holds a built UI', () => {
    expect(hasBuiltWeb(distFolder())).toBe(true);
    expect(hasBuiltWeb(join(tmpdir(), 'no-such-tocsin-dist'))).toBe(false);
  });
});
