import { parse } from 'csv-parse/sync';
import { formatIsoDate, isoWeekStart, parseIsoDate, parseIsoWeek } from '../detection/series/calendar.ts';
import { type CountSeries, epochDates, type Frequency } from '../detection/series/count-series.ts';
import { MISSING } from '../detection/series/missing.ts';
import type { SeriesItem } from './detection-job.ts';
import { InputFileError } from './input-error.ts';

/**
 * Reads count series from CSV, in long form (`series,date,count[,population]`) or wide form (a `date`
 * column and one count column per series). Dates are `YYYY-MM-DD` (start of the period) or ISO weeks
 * `YYYY-Www`. Empty cells and `NA` are missing counts (never zero); epochs absent from the file are
 * missing too. Every problem names the file, line and column; nothing is returned unless the whole
 * file is valid.
 */
export interface CsvSeriesOptions {
  /** Overrides the frequency inferred from the dates. */
  readonly frequency?: Frequency | undefined;
}

interface Cell {
  readonly line: number;
  readonly date: number;
  readonly count: number;
  readonly population: number | undefined;
}

const MISSING_TOKENS = new Set(['', 'NA', 'na', 'NaN']);

function parseDateCell(file: string, line: number, column: string, text: string): number {
  const trimmed = text.trim();
  const day = parseIsoDate(trimmed);
  if (day !== undefined) return day;
  const week = parseIsoWeek(trimmed);
  if (week !== undefined) return isoWeekStart(week.year, week.week);
  throw new InputFileError(
    file,
    line,
    column,
    `expected a date YYYY-MM-DD or an ISO week YYYY-Www, got "${text}"`,
  );
}

function parseCountCell(file: string, line: number, column: string, text: string): number {
  const t = text.trim();
  if (MISSING_TOKENS.has(t)) return MISSING;
  if (!/^\d+$/.test(t)) {
    throw new InputFileError(
      file,
      line,
      column,
      `expected a non-negative integer count (or empty for missing), got "${text}"`,
    );
  }
  return Number(t);
}

function parsePopulationCell(file: string, line: number, column: string, text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v) || v < 0)
    throw new InputFileError(file, line, column, `expected a non-negative number, got "${text}"`);
  return v;
}

function inferFrequency(file: string, datesBySeries: ReadonlyArray<ReadonlyArray<number>>): Frequency {
  let minGap = Number.POSITIVE_INFINITY;
  for (const dates of datesBySeries) {
    for (let i = 1; i < dates.length; i++) minGap = Math.min(minGap, dates[i] - dates[i - 1]);
  }
  if (minGap === 1) return 'daily';
  if (minGap >= 7 && minGap % 7 === 0 && minGap < 28) return 'weekly';
  if (minGap >= 28 && minGap <= 31) return 'monthly';
  if (minGap === Number.POSITIVE_INFINITY) {
    throw new InputFileError(
      file,
      undefined,
      'date',
      'every series has a single date: cannot tell daily, weekly or monthly (use --frequency)',
    );
  }
  if (minGap % 7 === 0) return 'weekly';
  throw new InputFileError(
    file,
    undefined,
    'date',
    `dates are ${minGap} days apart: expected daily, weekly or monthly epochs (use --frequency)`,
  );
}

function monthIndex(day: number): number {
  const s = formatIsoDate(day);
  return Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
}

/** Places cells on a regular epoch grid, checking alignment; gaps become missing. */
function buildSeries(
  file: string,
  name: string,
  cells: Cell[],
  frequency: Frequency,
  hasPopulation: boolean,
): CountSeries {
  cells.sort((a, b) => a.date - b.date);
  const first = cells[0];
  const last = cells[cells.length - 1];
  const stepIndex = (c: Cell): number => {
    if (frequency === 'monthly') {
      if (formatIsoDate(c.date).slice(8) !== formatIsoDate(first.date).slice(8)) {
        throw new InputFileError(
          file,
          c.line,
          'date',
          `series "${name}": monthly dates must fall on the same day of the month as ${formatIsoDate(first.date)}`,
        );
      }
      return monthIndex(c.date) - monthIndex(first.date);
    }
    const step = frequency === 'weekly' ? 7 : 1;
    const offset = c.date - first.date;
    if (offset % step !== 0) {
      throw new InputFileError(
        file,
        c.line,
        'date',
        `series "${name}": ${formatIsoDate(c.date)} is not a whole number of ${frequency === 'weekly' ? 'weeks' : 'days'} after ${formatIsoDate(first.date)}`,
      );
    }
    return offset / step;
  };
  const n = stepIndex(last) + 1;
  const observed = new Float64Array(n).fill(MISSING);
  const population = hasPopulation ? new Float64Array(n).fill(Number.NaN) : undefined;
  for (const c of cells) {
    const i = stepIndex(c);
    observed[i] = c.count;
    if (population !== undefined && c.population !== undefined) population[i] = c.population;
  }
  return { frequency, dates: epochDates(frequency, first.date, n), observed, population, epochAsDate: true };
}

export function seriesFromCsv(file: string, text: string, options: CsvSeriesOptions = {}): SeriesItem[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, trim: false, bom: true });
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new InputFileError(file, e.lines, undefined, `malformed CSV: ${e.message ?? String(err)}`);
  }
  if (records.length === 0)
    throw new InputFileError(file, 1, undefined, 'the file is empty: expected a header line');
  const header = records[0].map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const dateCol = lower.indexOf('date');
  if (dateCol < 0)
    throw new InputFileError(file, 1, undefined, `no "date" column in the header (${header.join(', ')})`);
  const seriesCol = lower.indexOf('series');
  const countCol = lower.indexOf('count');
  const long = seriesCol >= 0 && countCol >= 0;
  const popCol = lower.indexOf('population');
  const bySeries = new Map<string, Cell[]>();
  const seen = new Map<string, number>();
  // csv-parse skips empty lines; line numbers here assume one record per physical line, which holds
  // unless a quoted field spans lines (then the number names the record).
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const line = r + 1;
    const date = parseDateCell(file, line, header[dateCol], rec[dateCol]);
    if (long) {
      const name = rec[seriesCol].trim();
      if (name === '') throw new InputFileError(file, line, header[seriesCol], 'series name is empty');
      const key = `${name}\u0000${date}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        throw new InputFileError(
          file,
          line,
          header[dateCol],
          `duplicate row for series "${name}" and date ${formatIsoDate(date)} (first on line ${prev})`,
        );
      }
      seen.set(key, line);
      const cell: Cell = {
        line,
        date,
        count: parseCountCell(file, line, header[countCol], rec[countCol]),
        population: popCol >= 0 ? parsePopulationCell(file, line, header[popCol], rec[popCol]) : undefined,
      };
      const list = bySeries.get(name);
      if (list === undefined) bySeries.set(name, [cell]);
      else list.push(cell);
    } else {
      const key = String(date);
      const prev = seen.get(key);
      if (prev !== undefined) {
        throw new InputFileError(
          file,
          line,
          header[dateCol],
          `duplicate date ${formatIsoDate(date)} (first on line ${prev})`,
        );
      }
      seen.set(key, line);
      for (let c = 0; c < header.length; c++) {
        if (c === dateCol) continue;
        const cell: Cell = {
          line,
          date,
          count: parseCountCell(file, line, header[c], rec[c]),
          population: undefined,
        };
        const list = bySeries.get(header[c]);
        if (list === undefined) bySeries.set(header[c], [cell]);
        else list.push(cell);
      }
    }
  }
  if (bySeries.size === 0) throw new InputFileError(file, 2, undefined, 'no data rows after the header');
  const frequency =
    options.frequency ??
    inferFrequency(
      file,
      [...bySeries.values()].map((cells) => cells.map((c) => c.date).sort((a, b) => a - b)),
    );
  return [...bySeries.entries()].map(([id, cells]) => ({
    id,
    series: buildSeries(file, id, cells, frequency, long && popCol >= 0),
  }));
}
