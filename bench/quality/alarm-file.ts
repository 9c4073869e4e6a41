import { cellKey, type Truth } from './truth.ts';

/** Alarm value of a cell: 1 alarm, 0 no alarm, -1 missing (no row, empty, `NA` or anything else). */
export type AlarmCode = 1 | 0 | -1;

/**
 * One algorithm's alarms aligned with a `Truth` (same cell order). This is the benchmark's alarm file
 * (`scenario,replicate,week_index,alarm,upperbound`, README "File formats") after reading.
 */
export interface AlarmTable {
  /** Per cell: 1, 0 or -1 (missing; scored as no alarm and counted in `missing_alarms`). */
  readonly alarm: Int8Array;
  /** Per cell: the informational threshold; NaN when empty, `NA` or absent. */
  readonly upperBound: Float64Array;
}

/** An empty table for `truth`: every alarm missing, every bound NaN. */
export function emptyAlarmTable(truth: Truth): AlarmTable {
  const n = truth.outbreak.length;
  return { alarm: new Int8Array(n).fill(-1), upperBound: new Float64Array(n).fill(Number.NaN) };
}

/** R's `as.numeric` on a CSV field: empty or non-numeric → NA (NaN here). */
function parseRNumber(text: string): number {
  const t = text.trim();
  if (t === 'Inf') return Number.POSITIVE_INFINITY;
  if (t === '-Inf') return Number.NEGATIVE_INFINITY;
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

function parseAlarm(text: string): AlarmCode {
  const v = text.trim().toUpperCase();
  if (v === '1' || v === 'TRUE') return 1;
  if (v === '0' || v === 'FALSE') return 0;
  return -1;
}

/**
 * Reads an alarm file the way the reference scorer (`r/score.R`, `read_alarms`) does: columns by
 * name, rows outside the truth's weeks ignored, duplicated keys rejected, rows for unknown series
 * ignored, cells without a row left missing.
 */
export function parseAlarmFile(text: string, truth: Truth, source: string): AlarmTable {
  const lines = text.split(/\r?\n/);
  const header = lines[0].trim().split(',');
  const col = (name: string): number => header.indexOf(name);
  const [iScenario, iReplicate, iWeek, iAlarm, iBound] = [
    col('scenario'),
    col('replicate'),
    col('week_index'),
    col('alarm'),
    col('upperbound'),
  ];
  if (iScenario < 0 || iReplicate < 0 || iWeek < 0 || iAlarm < 0) {
    throw new Error(`${source}: needs columns scenario,replicate,week_index,alarm`);
  }
  const nWeeks = truth.weeks.length;
  const cellOf = new Map<string, number>();
  truth.keys.forEach((k, s) => {
    for (let j = 0; j < nWeeks; j++)
      cellOf.set(cellKey(k.scenario, k.replicate, truth.weeks[j]), s * nWeeks + j);
  });
  const firstWeek = truth.weeks[0];
  const lastWeek = truth.weeks[nWeeks - 1];
  const table = emptyAlarmTable(truth);
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const f = lines[i].split(',');
    const week = Number(f[iWeek]);
    if (!(week >= firstWeek && week <= lastWeek)) continue;
    const key = cellKey(Number(f[iScenario]), Number(f[iReplicate]), week);
    if (seen.has(key)) throw new Error(`${source}: duplicated (scenario, replicate, week_index) row ${key}`);
    seen.add(key);
    const cell = cellOf.get(key);
    if (cell === undefined) continue;
    table.alarm[cell] = parseAlarm(f[iAlarm] ?? '');
    if (iBound >= 0) table.upperBound[cell] = parseRNumber(f[iBound] ?? '');
  }
  return table;
}

function formatBound(v: number): string {
  if (Number.isNaN(v)) return '';
  if (v === Number.POSITIVE_INFINITY) return 'Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

/** Writes a table in the benchmark's alarm-file format (empty alarm = NA, empty bound = none). */
export function formatAlarmFile(truth: Truth, table: AlarmTable): string {
  const nWeeks = truth.weeks.length;
  const out: string[] = ['scenario,replicate,week_index,alarm,upperbound'];
  truth.keys.forEach((k, s) => {
    for (let j = 0; j < nWeeks; j++) {
      const cell = s * nWeeks + j;
      const a = table.alarm[cell];
      out.push(
        `${k.scenario},${k.replicate},${truth.weeks[j]},${a === -1 ? '' : a},${formatBound(table.upperBound[cell])}`,
      );
    }
  });
  return `${out.join('\n')}\n`;
}
