import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Drives the real `tocsin` executable as a user would. */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tocsin.js');

function tocsin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const WEEKLY = (() => {
  const lines = ['series,date,count'];
  const start = Date.UTC(2015, 0, 5);
  for (const [name, base] of [
    ['north', 4],
    ['south', 9],
  ] as const) {
    for (let i = 0; i < 420; i++) {
      const date = new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10);
      const count = base + ((i * 7) % 5) + (i === 419 ? 40 : 0);
      lines.push(`${name},${date},${count}`);
    }
  }
  return `${lines.join('\n')}\n`;
})();

describe('tocsin detect', () => {
  it('lists every algorithm with the R function it reproduces', () => {
    const r = tocsin('detect', '--list');
    expect(r.code).toBe(0);
    for (const name of [
      'farringtonFlexible',
      'algo.farrington',
      'earsC',
      'algo.cusum',
      'algo.glrnb',
      'algo.glrpois',
      'algo.bayes',
      'algo.rki',
      'algo.cdc',
      'algo.outbreakP',
    ]) {
      expect(r.stdout).toContain(name);
    }
  });

  it('prints one JSON line per golden case with the golden result keys and R numbers', () => {
    const file = join(ROOT, 'test/golden/cases/earsC/earsC_ha_pank_C1_minSigma0.json');
    const golden = JSON.parse(readFileSync(file, 'utf8'));
    const r = tocsin('detect', '--case', file, join(ROOT, 'test/golden/cases/cdc/cdc_k1_b3m1_a0_025.json'));
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['earsC_ha_pank_C1_minSigma0', 'cdc_k1_b3m1_a0_025']);
    expect(Object.keys(lines[0].result).sort()).toEqual(Object.keys(golden.result).sort());
    expect(lines[0].result.alarm).toEqual(golden.result.alarm);
  });

  it('runs a CSV through an algorithm and flags the injected spike as an alarm', () => {
    const input = tempFile('weekly.csv', WEEKLY);
    const r = tocsin(
      'detect',
      '--input',
      input,
      '--algorithm',
      'earsC',
      '--control',
      '{"method":"C1"}',
      '--last',
      '3',
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0].startsWith('series,date,observed,expected,upperbound,alarm')).toBe(true);
    expect(rows).toHaveLength(1 + 2 * 3);
    const last = rows.filter((l) => l.includes('2023-01-16'));
    expect(last).toHaveLength(2);
    for (const l of last) expect(l.split(',')[5]).toBe('1');
  });

  it('stops on a negative count naming the file, line and column, and leaves no output file', () => {
    const input = tempFile('bad.csv', 'series,date,count\na,2024-01-01,1\na,2024-01-08,-2\n');
    const output = join(mkdtempSync(join(tmpdir(), 'tocsin-out-')), 'alarms.csv');
    const r = tocsin('detect', '--input', input, '--algorithm', 'earsC', '--output', output);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${input}:3 column "count": expected a non-negative integer count`);
    expect(existsSync(output)).toBe(false);
  });

  it('rejects an unknown algorithm', () => {
    const input = tempFile('w.csv', WEEKLY);
    const r = tocsin('detect', '--input', input, '--algorithm', 'magic');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown algorithm "magic"/);
  });

  it('reports every problem of an invalid control at once', () => {
    const input = tempFile('w.csv', WEEKLY);
    const r = tocsin(
      'detect',
      '--input',
      input,
      '--algorithm',
      'earsC',
      '--control',
      '{"method":"C9","alpha":2,"colour":1}',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/method/);
    expect(r.stderr).toMatch(/alpha/);
    expect(r.stderr).toMatch(/colour: unknown option/);
  });

  it('rejects --control that is not JSON', () => {
    const input = tempFile('w.csv', WEEKLY);
    const r = tocsin('detect', '--input', input, '--algorithm', 'earsC', '--control', '{b:5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--control is not valid JSON/);
  });

  it('runs the bundled demo and prints a readable table', () => {
    const r = tocsin('detect', '--demo');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Salmonella Newport');
    expect(r.stdout).toMatch(/series\s+date\s+observed\s+expected\s+upperbound\s+alarm/);
    // The November 2011 outbreak (mung bean sprouts) raises alarms in Berlin and North Rhine-Westphalia.
    expect(r.stdout).toMatch(/Berlin\s+2011-11-14\s+9\s/);
    expect(r.stdout).toMatch(/North.Rhine.Westphalia\s+2011-11-14\s+12\s/);
  });
});
