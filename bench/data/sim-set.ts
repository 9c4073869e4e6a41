import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CountSeries, countSeries } from '../../src/detection/series/count-series.ts';
import { parseCsvHeader } from './parse-csv-header.ts';

/** One simulated weekly series of the benchmark (`sim/series.csv`), with its outbreak flags. */
export interface SimSeries {
  readonly scenario: number;
  readonly replicate: number;
  /** The counts as R's `sts` sees them: weekly, date-indexed (`epochAsDate = TRUE`), ISO-Monday dates. */
  readonly series: CountSeries;
  /** 1 in every week that received at least one injected outbreak case, aligned with `series`. */
  readonly outbreak: Uint8Array;
}

/** The simulated set: every series has the same weeks (`week_index` 1 … `weeks`). */
export interface SimSet {
  readonly series: ReadonlyArray<SimSeries>;
  /** ISO date of every week, shared by all series (index 0 = `week_index` 1). */
  readonly dates: ReadonlyArray<string>;
  readonly weeks: number;
}

const COLUMNS = ['scenario', 'replicate', 'week_index', 'date', 'count', 'outbreak'];

/** Reads `series.csv` (sorted by scenario, replicate, week_index; every series complete). */
export function readSimSet(simDir: string): SimSet {
  const path = join(simDir, 'series.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  parseCsvHeader(lines[0], COLUMNS, path);
  const rows: Array<readonly [number, number, number, string, number, number]> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const f = line.split(',');
    rows.push([Number(f[0]), Number(f[1]), Number(f[2]), f[3], Number(f[4]), Number(f[5])]);
  }
  let weeks = 0;
  while (weeks < rows.length && rows[weeks][0] === rows[0][0] && rows[weeks][1] === rows[0][1]) weeks++;
  if (weeks === 0 || rows.length % weeks !== 0)
    throw new Error(`${path}: series are not all ${weeks} weeks long`);
  const dates = rows.slice(0, weeks).map((r) => r[3]);
  const template = countSeries({ frequency: 'weekly', dates, observed: new Array<number>(weeks).fill(0) });
  const series: SimSeries[] = [];
  for (let start = 0; start < rows.length; start += weeks) {
    const observed = new Float64Array(weeks);
    const outbreak = new Uint8Array(weeks);
    for (let w = 0; w < weeks; w++) {
      const r = rows[start + w];
      if (r[0] !== rows[start][0] || r[1] !== rows[start][1] || r[2] !== w + 1 || r[3] !== dates[w]) {
        throw new Error(`${path}: line ${start + w + 2} breaks the scenario/replicate/week order`);
      }
      observed[w] = r[4];
      outbreak[w] = r[5];
    }
    series.push({
      scenario: rows[start][0],
      replicate: rows[start][1],
      series: { ...template, observed },
      outbreak,
    });
  }
  return { series, dates, weeks };
}
