import { statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { DomainError } from '../../domain/errors.ts';
import type { TocsinApp } from '../app.ts';

/** True when `dir` holds a built UI (an index.html). */
export function hasBuiltWeb(dir: string): boolean {
  try {
    return statSync(join(dir, 'index.html')).isFile();
  } catch {
    return false;
  }
}

function isFileInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const rel = normalize(decoded).replace(/^[/\\]+/, '');
  if (rel === '' || rel.startsWith('..') || rel.includes(`${sep}..${sep}`) || rel.includes('\0')) return null;
  try {
    return statSync(join(root, rel)).isFile() ? rel : null;
  } catch {
    return null;
  }
}

/**
 * The built browser UI (web/dist) at `/`: files as they are (hashed assets cached for a year), and
 * index.html for every other non-API path so the UI's own routes load on refresh. Unknown /api paths
 * stay 404 problems.
 */
export function webRoutes(deps: { readonly distDir: string }) {
  return async (app: TocsinApp): Promise<void> => {
    await app.register(fastifyStatic, { root: deps.distDir, serve: false });
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0];
      if (path === '/api' || path.startsWith('/api/'))
        throw new DomainError('NOT_FOUND', `no route ${request.method} ${request.url}`);
      const file = isFileInside(deps.distDir, path);
      if (file !== null && file !== 'index.html') {
        const immutable = file.startsWith(`assets${sep}`);
        return reply.sendFile(file, { maxAge: immutable ? 31_536_000_000 : 0, immutable });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  };
}
