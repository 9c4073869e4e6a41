import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  /** Path inside web/dist. */
  readonly file: string;
  readonly kind: 'js' | 'css' | 'html' | 'other';
  readonly raw: number;
  readonly gzip: number;
}

/** Every file of web/dist with its size raw and gzipped (level 9, as a static server would precompress). */
export function bundleSizes(distDir: string): Chunk[] {
  const out: Chunk[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        const ext = /\.(\w+)$/.exec(name)?.[1] ?? '';
        const kind = ext === 'js' || ext === 'css' || ext === 'html' ? ext : 'other';
        out.push({
          file: relative(distDir, path),
          kind,
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 9 }).length,
        });
      }
    }
  };
  walk(distDir);
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || b.raw - a.raw);
}
