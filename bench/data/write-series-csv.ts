import { writeFileSync } from 'node:fs';
import { formatIsoDate } from '../../src/detection/series/calendar.ts';
import type { CountSeries } from '../../src/detection/series/count-series.ts';

/**
 * Writes weekly series in the `sim/series.csv` format (scenario, replicate, week_index, date, count,
 * outbreak = 0) so that R's scripts can read them; all series must share their dates.
 */
export function writeSeriesCsv(
  path: string,
  items: ReadonlyArray<{ readonly scenario: number; readonly series: CountSeries }>,
): void {
  const out: string[] = ['scenario,replicate,week_index,date,count,outbreak'];
  const replicate = new Map<number, number>();
  const sorted = [...items].sort((a, b) => a.scenario - b.scenario);
  for (const item of sorted) {
    const r = (replicate.get(item.scenario) ?? 0) + 1;
    replicate.set(item.scenario, r);
    const { dates, observed } = item.series;
    for (let t = 0; t < observed.length; t++) {
      out.push(`${item.scenario},${r},${t + 1},${formatIsoDate(dates[t])},${observed[t]},0`);
    }
  }
  writeFileSync(path, `${out.join('\n')}\n`);
}
