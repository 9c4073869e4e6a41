import { formatIsoDate } from '../detection/series/calendar.ts';
import type { SeriesItem, SeriesOutcome } from './detection-job.ts';

/** One output row: a monitored point of one series with the method's extras. */
export interface OutputRow {
  readonly series: string;
  readonly date: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperbound: number | null;
  readonly alarm: boolean | null;
  readonly extras: Readonly<Record<string, number | boolean | null>>;
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function outputRows(
  items: ReadonlyArray<SeriesItem>,
  outcomes: ReadonlyArray<SeriesOutcome>,
): OutputRow[] {
  const rows: OutputRow[] = [];
  for (let s = 0; s < outcomes.length; s++) {
    const o = outcomes[s];
    if (!o.ok) continue;
    const r = o.result;
    const dates = items[s].series.dates;
    for (let i = 0; i < r.observed.length; i++) {
      const extras: Record<string, number | boolean | null> = {};
      for (const [k, v] of Object.entries(o.extras)) {
        const x = v[i];
        extras[k] = typeof x === 'number' ? num(x) : x;
      }
      rows.push({
        series: o.id,
        date: formatIsoDate(dates[r.range.from + i]),
        observed: num(r.observed[i]),
        expected: num(r.expected[i]),
        upperbound: num(r.upperBound[i]),
        alarm: r.alarm[i],
        extras,
      });
    }
  }
  return rows;
}

function extraKeys(rows: ReadonlyArray<OutputRow>): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.extras)) keys.add(k);
  return [...keys];
}

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: ReadonlyArray<OutputRow>): string {
  const keys = extraKeys(rows);
  const lines = [['series', 'date', 'observed', 'expected', 'upperbound', 'alarm', ...keys].join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.series,
        r.date,
        r.observed,
        r.expected,
        r.upperbound,
        r.alarm,
        ...keys.map((k) => r.extras[k] ?? null),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function toJsonLines(rows: ReadonlyArray<OutputRow>): string {
  return rows
    .map((r) =>
      JSON.stringify({
        series: r.series,
        date: r.date,
        observed: r.observed,
        expected: r.expected,
        upperbound: r.upperbound,
        alarm: r.alarm,
        ...r.extras,
      }),
    )
    .map((l) => `${l}\n`)
    .join('');
}

function fmt(v: number | boolean | null, isAlarm = false): string {
  if (v === null) return '–';
  if (typeof v === 'boolean') return isAlarm ? (v ? 'ALARM' : '') : v ? 'yes' : 'no';
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1000 || Math.abs(v) < 0.01 ? v.toPrecision(3) : v.toFixed(2);
}

/** The few method outputs worth a column in a readable table (CSV and JSON carry all of them). */
const TABLE_EXTRAS = ['score', 'pValue', 'statistic', 'cusum', 'c1Statistic', 'fourWeekTotal', 'trend'];

/** A readable, aligned text table. */
export function toTable(rows: ReadonlyArray<OutputRow>): string {
  const keys = extraKeys(rows).filter((k) => TABLE_EXTRAS.includes(k));
  const head = ['series', 'date', 'observed', 'expected', 'upperbound', 'alarm', ...keys];
  const body = rows.map((r) => [
    r.series,
    r.date,
    fmt(r.observed),
    fmt(r.expected),
    fmt(r.upperbound),
    fmt(r.alarm, true),
    ...keys.map((k) => fmt(r.extras[k] ?? null)),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return `${[line(head), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)].join('\n')}\n`;
}
