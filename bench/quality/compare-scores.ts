import type { ScoreByKRow, ScoreRow } from './score.ts';

/*
 * Checks computed scores against published ones. Counts must be equal; rates are published rounded
 * (r/score.R: 6 decimals for the main table, 4 for the by-k table), so a rate matches when it rounds
 * to the published value.
 */

function sameRate(mine: number, published: number, decimals: number): boolean {
  if (Number.isNaN(mine) || Number.isNaN(published)) return Number.isNaN(mine) && Number.isNaN(published);
  return Math.abs(mine - published) <= 0.5 * 10 ** -decimals + 1e-12;
}

const COUNT_FIELDS = [
  'nSeries',
  'nWeeks',
  'nonoutbreakWeeks',
  'falseAlarms',
  'preWeeks',
  'preAlarms',
  'outbreaks',
  'detected',
  'outbreakWeeks',
  'alarmedOutbreakWeeks',
  'missingAlarms',
] as const;
const RATE_FIELDS = ['fpr', 'fprPreOutbreak', 'pod', 'sensitivity', 'timeliness', 'meanDelayWeeks'] as const;

/** Differences between a computed and a published score row, as readable lines (empty = equal). */
export function compareScoreRows(mine: ScoreRow, published: ScoreRow): string[] {
  const where = `scenario ${mine.scenario}`;
  const out: string[] = [];
  if (mine.scenario !== published.scenario)
    out.push(`${where}: published row is scenario ${published.scenario}`);
  for (const f of COUNT_FIELDS) {
    if (mine[f] !== published[f]) out.push(`${where}: ${f} ${mine[f]} ≠ ${published[f]}`);
  }
  for (const f of RATE_FIELDS) {
    if (!sameRate(mine[f], published[f], 6)) out.push(`${where}: ${f} ${mine[f]} ≠ ${published[f]}`);
  }
  return out;
}

/** Differences between computed and published by-k rows (empty = equal). */
export function compareByKRows(
  mine: ReadonlyArray<ScoreByKRow>,
  published: ReadonlyArray<ScoreByKRow>,
): string[] {
  const out: string[] = [];
  if (mine.length !== published.length) out.push(`${mine.length} k groups ≠ ${published.length} published`);
  for (let i = 0; i < Math.min(mine.length, published.length); i++) {
    const a = mine[i];
    const b = published[i];
    if (a.k !== b.k || a.outbreaks !== b.outbreaks || a.detected !== b.detected) {
      out.push(`k ${a.k}: ${a.detected}/${a.outbreaks} ≠ k ${b.k}: ${b.detected}/${b.outbreaks}`);
    }
    if (!sameRate(a.pod, b.pod, 4)) out.push(`k ${a.k}: pod ${a.pod} ≠ ${b.pod}`);
    if (!sameRate(a.timeliness, b.timeliness, 4))
      out.push(`k ${a.k}: timeliness ${a.timeliness} ≠ ${b.timeliness}`);
  }
  return out;
}
