/**
 * Compares Tocsin's R-encoded outputs with a golden case by the rules of the golden README:
 * alarms and discrete bounds exactly, other numbers to 1e-6 relative (absolute floor 1e-9 below
 * magnitude 1e-3), NA/NaN/±Inf exactly. The README's recommended leniencies (ties at a continuous
 * threshold; 1e-4 on near-degenerate GLM quantities) are applied only where it allows them, and
 * every use is reported.
 */

export interface GoldenCase {
  readonly id: string;
  readonly algorithm: string;
  readonly control: Readonly<Record<string, unknown>>;
  readonly observed: ReadonlyArray<number | null>;
  readonly range: ReadonlyArray<number>;
  readonly result?: Readonly<Record<string, ReadonlyArray<unknown>>>;
  readonly r_error?: string;
  readonly optimizer_sensitive?: string;
}

export interface Comparison {
  readonly mismatches: string[];
  readonly leniencies: string[];
}

const REL_TOL = 1e-6;

function isExactKey(c: GoldenCase, key: string): boolean {
  if (key === 'alarm' || key === 'trend') return true;
  const ctl = c.control;
  switch (c.algorithm) {
    case 'farringtonFlexible':
      return key === 'upperbound' && (ctl.thresholdMethod === 'nbPlugin' || ctl.thresholdMethod === 'muan');
    case 'algo.bayes':
      return key === 'upperbound';
    case 'algo.cusum':
      return key === 'upperbound' && (ctl.trans === undefined || ctl.trans === 'standard');
    case 'algo.glrpois':
      return key === 'upperbound' && ctl.ret === 'cases' && ctl.theta === undefined;
    case 'algo.glrnb':
      return key === 'upperbound' && ctl.ret === 'cases' && ctl.theta === undefined && ctl.alpha === 0;
    case 'algo.outbreakP':
      return key === 'upperbound' && ctl.ret === 'cases';
    case 'algo.cdc':
      return key === 'aggr';
    default:
      return false;
  }
}

/** Quantities the README allows 1e-4 on when a near-degenerate IRLS fit differs in iteration count. */
function degenerateTolerance(c: GoldenCase, key: string): number | undefined {
  return c.algorithm === 'farringtonFlexible' && key === 'mu0Vector' ? 1e-4 : undefined;
}

function special(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NA';
  if (v === 'NaN' || v === 'Inf' || v === '-Inf') return v;
  return undefined;
}

function show(v: unknown): string {
  return JSON.stringify(v);
}

function closeEnough(a: number, b: number, rel: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (scale < 1e-3) return Math.abs(a - b) <= 1e-9;
  return Math.abs(a - b) <= rel * scale;
}

/** The value compared against the bound for the tie rule (y, or the 4-week sum for CDC). */
function tieStatistic(c: GoldenCase, i: number): number | undefined {
  if (c.algorithm === 'algo.cdc') {
    const aggr = c.result?.aggr?.[i];
    return typeof aggr === 'number' ? aggr : undefined;
  }
  const y = c.observed[c.range[i] - 1];
  return typeof y === 'number' ? y : undefined;
}

export function compareCase(
  c: GoldenCase,
  actual: Readonly<Record<string, ReadonlyArray<unknown>>>,
): Comparison {
  const mismatches: string[] = [];
  const leniencies: string[] = [];
  const expected = c.result ?? {};
  for (const key of Object.keys(expected)) {
    const exp = expected[key];
    const act = actual[key];
    if (act === undefined) {
      mismatches.push(`${key}: missing from Tocsin's output`);
      continue;
    }
    if (act.length !== exp.length) {
      mismatches.push(`${key}: length ${act.length}, R has ${exp.length}`);
      continue;
    }
    const exact = isExactKey(c, key);
    let reported = 0;
    for (let i = 0; i < exp.length; i++) {
      const e = exp[i];
      const a = act[i];
      let ok: boolean;
      const se = special(e);
      const sa = special(a);
      if (se !== undefined || sa !== undefined) ok = se === sa;
      else if (typeof e === 'boolean' || typeof a === 'boolean') ok = e === a;
      else if (typeof e === 'number' && typeof a === 'number') {
        ok = exact ? e === a : closeEnough(a, e, REL_TOL);
        if (!ok && !exact) {
          const loose = degenerateTolerance(c, key);
          if (loose !== undefined && closeEnough(a, e, loose)) {
            ok = true;
            leniencies.push(`${key}[${i}] within ${loose} (near-degenerate fit): ${show(a)} vs R ${show(e)}`);
          }
        }
      } else ok = false;
      if (!ok && key === 'alarm' && typeof e === 'boolean' && typeof a === 'boolean') {
        const u = c.result?.upperbound?.[i];
        const y = tieStatistic(c, i);
        if (typeof u === 'number' && y !== undefined && Math.abs(y - u) <= 1e-9 * Math.max(1, Math.abs(u))) {
          ok = true;
          leniencies.push(`alarm[${i}] tie at the threshold (y = ${y}, U = ${u})`);
        }
      }
      if (!ok) {
        reported++;
        if (reported <= 5)
          mismatches.push(`${key}[${i}] (range index ${c.range[i]}): Tocsin ${show(a)}, R ${show(e)}`);
      }
    }
    if (reported > 5) mismatches.push(`${key}: ${reported - 5} more mismatches`);
  }
  return { mismatches, leniencies };
}
