import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of architecture.md are enforced by Biome (biome.json overrides). This test proves the
 * rule bites: it plants forbidden imports in throwaway files inside the real layers and expects
 * `biome lint` to reject each one, and an allowed import to pass.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const planted: string[] = [];

function plant(rel: string, source: string): string {
  const file = join(ROOT, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, source);
  planted.push(file);
  return file;
}

function lint(file: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'lint', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

afterAll(() => {
  for (const f of planted) rmSync(f, { force: true });
});

describe('import boundaries', () => {
  it('forbids the detection core from importing the command line', () => {
    const f = plant(
      'src/detection/boundary-probe-1.ts',
      "import { runDetections } from '../cli/detection-pool.ts';\nexport const x = runDetections;\n",
    );
    const r = lint(f);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('the pure cores import nothing else from Tocsin');
  });

  it('forbids the detection core from doing I/O', () => {
    const f = plant(
      'src/detection/boundary-probe-2.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(lint(f).out).toContain('the pure cores do no I/O');
  });

  it('forbids the command line from importing the composition root', () => {
    const f = plant(
      'src/cli/boundary-probe-3.ts',
      "import { runCli } from '../main/cli.ts';\nexport const x = runCli;\n",
    );
    expect(lint(f).out).toContain('cli/ parses arguments and calls services');
  });

  it('allows the detection core to import its own modules', () => {
    const f = plant(
      'src/detection/boundary-probe-4.ts',
      "import { isMissing } from './series/missing.ts';\nexport const x = isMissing;\n",
    );
    expect(lint(f).code).toBe(0);
  });
});
