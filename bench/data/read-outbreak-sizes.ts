import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvHeader } from './parse-csv-header.ts';

/**
 * The size k (in baseline SDs) of every series' evaluation-window outbreak (`period = current` in
 * `sim/outbreaks.csv`), keyed by `scenario,replicate`.
 */
export function readOutbreakSizes(simDir: string): Map<string, number> {
  const path = join(simDir, 'outbreaks.csv');
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = parseCsvHeader(
    lines[0],
    ['scenario', 'replicate', 'outbreak_id', 'period', 'start_week', 'k'],
    path,
  );
  const iPeriod = header.indexOf('period');
  const iK = header.indexOf('k');
  const out = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const f = lines[i].split(',');
    if (f[iPeriod] === 'current') out.set(`${f[0]},${f[1]}`, Number(f[iK]));
  }
  return out;
}
