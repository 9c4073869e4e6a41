import { readFileSync } from 'node:fs';
import { parseCsvHeader } from '../data/parse-csv-header.ts';
import type { ScoreByKRow, ScoreRow } from './score.ts';

/** Scores as r/score.R writes them (`--out`, `--out-by-k`), keyed by algorithm. */
export interface PublishedScores {
  /** Per algorithm: the per-scenario rows and the `all` row, in file order. */
  readonly rows: ReadonlyMap<string, ReadonlyArray<ScoreRow>>;
  readonly byK: ReadonlyMap<string, ReadonlyArray<ScoreByKRow>>;
}

const SCORE_COLUMNS = [
  'algorithm',
  'scenario',
  'n_series',
  'n_weeks',
  'nonoutbreak_weeks',
  'false_alarms',
  'fpr',
  'pre_weeks',
  'pre_alarms',
  'fpr_pre_outbreak',
  'outbreaks',
  'detected',
  'pod',
  'outbreak_weeks',
  'alarmed_outbreak_weeks',
  'sensitivity',
  'timeliness',
  'mean_delay_weeks',
  'missing_alarms',
];
const BY_K_COLUMNS = ['algorithm', 'k', 'outbreaks', 'detected', 'pod', 'timeliness'];

/** R's `NA` (written as `NA` by write.csv) becomes NaN. */
const num = (text: string): number => (text === 'NA' || text === '' ? Number.NaN : Number(text));

function dataLines(text: string, columns: ReadonlyArray<string>, source: string): string[][] {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  parseCsvHeader(lines[0], columns, source);
  return lines.slice(1).map((l) => l.split(','));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Parses a score table written by r/score.R `--out`. */
export function parseScoreTable(text: string, source: string): Map<string, ScoreRow[]> {
  const rows = new Map<string, ScoreRow[]>();
  for (const f of dataLines(text, SCORE_COLUMNS, source)) {
    push(rows, f[0], {
      scenario: f[1] === 'all' ? 'all' : Number(f[1]),
      nSeries: num(f[2]),
      nWeeks: num(f[3]),
      nonoutbreakWeeks: num(f[4]),
      falseAlarms: num(f[5]),
      fpr: num(f[6]),
      preWeeks: num(f[7]),
      preAlarms: num(f[8]),
      fprPreOutbreak: num(f[9]),
      outbreaks: num(f[10]),
      detected: num(f[11]),
      pod: num(f[12]),
      outbreakWeeks: num(f[13]),
      alarmedOutbreakWeeks: num(f[14]),
      sensitivity: num(f[15]),
      timeliness: num(f[16]),
      meanDelayWeeks: num(f[17]),
      missingAlarms: num(f[18]),
    });
  }
  return rows;
}

/** Parses a by-k table written by r/score.R `--out-by-k`. */
export function parseByKTable(text: string, source: string): Map<string, ScoreByKRow[]> {
  const rows = new Map<string, ScoreByKRow[]>();
  for (const f of dataLines(text, BY_K_COLUMNS, source)) {
    push(rows, f[0], {
      k: num(f[1]),
      outbreaks: num(f[2]),
      detected: num(f[3]),
      pod: num(f[4]),
      timeliness: num(f[5]),
    });
  }
  return rows;
}

/** Reads R's published scores (`r-quality-public.csv` and `r-quality-public-by-k.csv`). */
export function readPublishedScores(scoresPath: string, byKPath: string): PublishedScores {
  return {
    rows: parseScoreTable(readFileSync(scoresPath, 'utf8'), scoresPath),
    byK: parseByKTable(readFileSync(byKPath, 'utf8'), byKPath),
  };
}
