import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type CountSeries, countSeries } from '../../src/detection/series/count-series.ts';

/**
 * Reads the daily speed set (`sim/daily_speed.csv.gz`: header `series,<dates…>`, one row of daily
 * counts per series) as daily, date-indexed series; `maxSeries` > 0 keeps only the first ones.
 */
export function readDailySet(path: string, maxSeries = 0): CountSeries[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const dates = lines[0].trim().split(',').slice(1);
  if (dates.length === 0) throw new Error(`${path}: no date columns`);
  const template = countSeries({
    frequency: 'daily',
    dates,
    observed: new Array<number>(dates.length).fill(0),
  });
  const out: CountSeries[] = [];
  for (let i = 1; i < lines.length && (maxSeries <= 0 || out.length < maxSeries); i++) {
    if (lines[i] === '') continue;
    const f = lines[i].split(',');
    if (f.length !== dates.length + 1) throw new Error(`${path}: line ${i + 1} has ${f.length - 1} counts`);
    const observed = new Float64Array(dates.length);
    for (let j = 0; j < dates.length; j++) observed[j] = Number(f[j + 1]);
    out.push({ ...template, observed });
  }
  return out;
}
