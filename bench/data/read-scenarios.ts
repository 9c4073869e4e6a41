import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvHeader } from './parse-csv-header.ts';

/** One row of `sim/scenarios.csv`: the baseline model log μ_t = θ + βt + Σ_{j≤m} (γ₁ cos + γ₂ sin)(2πjt/52). */
export interface Scenario {
  readonly scenario: number;
  readonly theta: number;
  readonly beta: number;
  readonly gamma1: number;
  readonly gamma2: number;
  /** Number of harmonics. */
  readonly m: number;
  /** Variance / mean (1 = Poisson). */
  readonly phi: number;
}

export function readScenarios(simDir: string): Scenario[] {
  const path = join(simDir, 'scenarios.csv');
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const h = parseCsvHeader(lines[0], ['scenario'], path);
  const col = (name: string): number => {
    const i = h.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const idx = ['scenario', 'theta', 'beta', 'gamma1', 'gamma2', 'm', 'phi'].map(col);
  return lines.slice(1).map((l) => {
    const f = l.split(',').map(Number);
    return {
      scenario: f[idx[0]],
      theta: f[idx[1]],
      beta: f[idx[2]],
      gamma1: f[idx[3]],
      gamma2: f[idx[4]],
      m: f[idx[5]],
      phi: f[idx[6]],
    };
  });
}

/** The scenario's baseline mean at week t (1-based). */
export function scenarioMean(s: Scenario, t: number): number {
  let eta = s.theta + s.beta * t;
  for (let j = 1; j <= s.m; j++) {
    const a = (2 * Math.PI * j * t) / 52;
    eta += s.gamma1 * Math.cos(a) + s.gamma2 * Math.sin(a);
  }
  return Math.exp(eta);
}
