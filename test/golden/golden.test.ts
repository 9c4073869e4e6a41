import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRCase } from '../../src/detection/r-compat/r-case.ts';
import { runRCase } from '../../src/detection/r-compat/run-r-case.ts';
import { compareCase, type GoldenCase } from './compare.ts';

/**
 * Every golden case of R `surveillance` 1.20.3 (test/golden/cases, copied from shared/golden with
 * its README) must be reproduced. Prints a per-algorithm `matched / total` table at the end.
 */
const CASES_DIR = join(import.meta.dirname, 'cases');

function loadCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const dir of readdirSync(CASES_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(CASES_DIR, dir.name)).sort()) {
      if (file.endsWith('.json'))
        cases.push(JSON.parse(readFileSync(join(CASES_DIR, dir.name, file), 'utf8')));
    }
  }
  return cases;
}

const cases = loadCases();
const tally = new Map<string, { matched: number; total: number; lenient: number }>();

function record(algorithm: string, matched: boolean, lenient: boolean): void {
  const t = tally.get(algorithm) ?? { matched: 0, total: 0, lenient: 0 };
  t.total++;
  if (matched) t.matched++;
  if (lenient) t.lenient++;
  tally.set(algorithm, t);
}

afterAll(() => {
  const lines = ['', 'Golden cases (R surveillance 1.20.3): matched / total'];
  let m = 0;
  let n = 0;
  for (const [alg, t] of [...tally.entries()].sort()) {
    lines.push(
      `  ${alg.padEnd(20)} ${String(t.matched).padStart(3)} / ${String(t.total).padEnd(3)}${t.lenient > 0 ? `  (${t.lenient} with README leniency)` : ''}`,
    );
    m += t.matched;
    n += t.total;
  }
  lines.push(`  ${'all'.padEnd(20)} ${String(m).padStart(3)} / ${n}`);
  process.stdout.write(`${lines.join('\n')}\n`);
});

describe('golden cases from R surveillance 1.20.3', () => {
  it('finds the golden cases on disk', () => {
    expect(cases.length).toBeGreaterThanOrEqual(180);
  });

  for (const c of cases) {
    if (c.r_error !== undefined) {
      it(`rejects ${c.id} as R does (${c.r_error.trim().slice(0, 60)})`, () => {
        let threw = false;
        try {
          runRCase(parseRCase(c));
        } catch {
          threw = true;
        }
        record(c.algorithm, threw, false);
        expect(threw).toBe(true);
      });
      continue;
    }
    it(`reproduces R on ${c.id}`, () => {
      let matched = false;
      let lenient = false;
      try {
        const actual = runRCase(parseRCase(c));
        const cmp = compareCase(c, actual);
        matched = cmp.mismatches.length === 0;
        lenient = cmp.leniencies.length > 0;
        if (lenient) process.stdout.write(`[leniency] ${c.id}: ${cmp.leniencies.join('; ')}\n`);
        expect(cmp.mismatches, cmp.mismatches.join('\n')).toEqual([]);
      } finally {
        record(c.algorithm, matched, lenient);
      }
    });
  }
});
