/**
 * Reading an observation file (CSV or JSON) into checked rows, column by column so a million rows stay
 * small. Every problem names where it is (CSV line and column, or JSON record) and what was expected;
 * reading stops collecting after `MAX_IMPORT_PROBLEMS`.
 *
 * CSV: a header naming the columns (any order) `hazard,place,stratum,source,frequency,date,count` and
 * optionally `population` and `unit`; RFC 4180 quoting. JSON: an array of objects with the same fields.
 * hazard and place are codes; an empty stratum is '' (all), an empty source is 'default'; frequency is
 * daily, weekly or monthly; date is `YYYY-MM-DD` (stored as given) or `YYYY-Www` (stored as that ISO
 * week's Monday); an empty or `NA` count is a missing value; population is a number ≥ 0 (optional).
 */
import {
  dateParts,
  formatIsoDate,
  isoWeekday,
  isoWeekStart,
  parseIsoDate,
  parseIsoWeek,
} from '../detection/series/calendar.ts';
import type { Frequency } from '../detection/series/count-series.ts';
import { type ImportProblem, MAX_IMPORT_PROBLEMS } from './observation-import.ts';
import { DEFAULT_SOURCE, NO_STRATUM } from './series-definition.ts';

export const OBSERVATION_COLUMNS = [
  'hazard',
  'place',
  'stratum',
  'source',
  'frequency',
  'date',
  'count',
  'population',
  'unit',
] as const;
export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number];
const REQUIRED: ReadonlyArray<ObservationColumn> = ['hazard', 'place', 'frequency', 'date', 'count'];

export type ObservationFormat = 'csv' | 'json';

/** A series as the file names it (codes, not ids yet). */
export interface FileSeries {
  readonly hazardCode: string;
  readonly placeCode: string;
  readonly stratum: string;
  readonly source: string;
  readonly frequency: Frequency;
  /** The unit the file gives (undefined: none given). */
  unit: string | undefined;
  /** Where the series first appears (for messages). */
  readonly firstLine: number;
}

/** The rows of a file, column-wise; row i belongs to `series[rowSeries[i]]`. */
export interface ObservationRows {
  readonly length: number;
  readonly series: ReadonlyArray<FileSeries>;
  readonly rowSeries: Int32Array;
  /** Epoch as a day number (days since 1970-01-01). */
  readonly rowDay: Int32Array;
  /** NaN = missing. */
  readonly rowCount: Float64Array;
  /** NaN = not given. */
  readonly rowPopulation: Float64Array;
  /** CSV line or JSON record number, for messages. */
  readonly rowLine: Int32Array;
  /** 'line' for CSV, 'record' for JSON. */
  readonly locator: 'line' | 'record';
}

export type ReadObservations =
  | { readonly ok: true; readonly rows: ObservationRows }
  | { readonly ok: false; readonly problems: ReadonlyArray<ImportProblem>; readonly truncated: boolean };

const FREQUENCY_NAMES: Readonly<Record<string, Frequency>> = {
  daily: 'daily',
  day: 'daily',
  weekly: 'weekly',
  week: 'weekly',
  monthly: 'monthly',
  month: 'monthly',
};
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const MAX_TEXT = 200;

class Collector {
  readonly problems: ImportProblem[] = [];
  truncated = false;
  constructor(readonly locator: 'line' | 'record') {}
  add(at: number, column: number | null, field: string, message: string): void {
    if (this.problems.length >= MAX_IMPORT_PROBLEMS) {
      this.truncated = true;
      return;
    }
    this.problems.push({ [this.locator]: at, column, field, message });
  }
  get full(): boolean {
    return this.problems.length >= MAX_IMPORT_PROBLEMS;
  }
}

/** Grows column arrays as rows arrive and interns series and dates. */
class RowBuilder {
  length = 0;
  private cap: number;
  rowSeries: Int32Array;
  rowDay: Int32Array;
  rowCount: Float64Array;
  rowPopulation: Float64Array;
  rowLine: Int32Array;
  readonly series: FileSeries[] = [];
  private readonly seriesIndex = new Map<string, number>();
  /** Per series: the weekday (weekly) or day of month (monthly) of its first date. */
  private readonly seriesPhase: number[] = [];
  private readonly dates = new Map<string, number>();
  private readonly seen = new Map<number, number>();

  constructor(
    expected: number,
    private readonly problems: Collector,
  ) {
    this.cap = Math.max(16, expected);
    this.rowSeries = new Int32Array(this.cap);
    this.rowDay = new Int32Array(this.cap);
    this.rowCount = new Float64Array(this.cap);
    this.rowPopulation = new Float64Array(this.cap);
    this.rowLine = new Int32Array(this.cap);
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.cap);
      b.set(a);
      return b;
    };
    this.rowSeries = g(this.rowSeries, (n) => new Int32Array(n));
    this.rowDay = g(this.rowDay, (n) => new Int32Array(n));
    this.rowCount = g(this.rowCount, (n) => new Float64Array(n));
    this.rowPopulation = g(this.rowPopulation, (n) => new Float64Array(n));
    this.rowLine = g(this.rowLine, (n) => new Int32Array(n));
  }

  /** Checks one row's fields (text, as in the file; undefined = column absent) and adds it. */
  add(
    at: number,
    get: (c: ObservationColumn) => string | undefined,
    columnOf: (c: ObservationColumn) => number | null,
  ): void {
    const p = this.problems;
    let rowBad = false;
    const bad = (c: ObservationColumn, message: string): void => {
      rowBad = true;
      p.add(at, columnOf(c), c, message);
    };
    const hazard = (get('hazard') ?? '').trim();
    const place = (get('place') ?? '').trim();
    const stratum = (get('stratum') ?? '').trim() || NO_STRATUM;
    const source = (get('source') ?? '').trim() || DEFAULT_SOURCE;
    const unitText = (get('unit') ?? '').trim();
    if (hazard === '') bad('hazard', 'expected a hazard code, found nothing');
    else if (hazard.length > MAX_TEXT)
      bad('hazard', `expected a hazard code of at most ${MAX_TEXT} characters`);
    if (place === '') bad('place', 'expected a place code, found nothing');
    else if (place.length > MAX_TEXT) bad('place', `expected a place code of at most ${MAX_TEXT} characters`);
    if (stratum.length > MAX_TEXT) bad('stratum', `expected at most ${MAX_TEXT} characters`);
    if (source.length > MAX_TEXT) bad('source', `expected at most ${MAX_TEXT} characters`);
    if (unitText.length > 50) bad('unit', 'expected at most 50 characters');
    const freqText = (get('frequency') ?? '').trim();
    const frequency = FREQUENCY_NAMES[freqText.toLowerCase()];
    if (frequency === undefined)
      bad('frequency', `expected daily, weekly or monthly, found "${clip(freqText)}"`);
    const dateText = (get('date') ?? '').trim();
    const day =
      frequency === undefined ? undefined : this.epochOf(dateText, frequency, (m) => bad('date', m));
    const count = parseCount((get('count') ?? '').trim());
    if (count === undefined)
      bad(
        'count',
        `expected a whole number ≥ 0, or nothing/NA for a missing value, found "${clip(get('count') ?? '')}"`,
      );
    const population = parsePopulation((get('population') ?? '').trim());
    if (population === undefined)
      bad('population', `expected a number ≥ 0 or nothing, found "${clip(get('population') ?? '')}"`);
    if (
      rowBad ||
      frequency === undefined ||
      day === undefined ||
      count === undefined ||
      population === undefined
    )
      return;

    const key = `${hazard}\u0000${place}\u0000${stratum}\u0000${source}\u0000${frequency}`;
    let s = this.seriesIndex.get(key);
    if (s === undefined) {
      s = this.series.length;
      this.seriesIndex.set(key, s);
      this.series.push({
        hazardCode: hazard,
        placeCode: place,
        stratum,
        source,
        frequency,
        unit: unitText === '' ? undefined : unitText,
        firstLine: at,
      });
      this.seriesPhase.push(phaseOf(frequency, day));
    } else {
      const series = this.series[s];
      if (unitText !== '') {
        if (series.unit === undefined) series.unit = unitText;
        else if (series.unit !== unitText) {
          bad('unit', `expected "${series.unit}" as earlier for the same series, found "${clip(unitText)}"`);
          return;
        }
      }
      if (phaseOf(frequency, day) !== this.seriesPhase[s]) {
        bad(
          'date',
          frequency === 'weekly'
            ? `expected the same weekday as the series' other dates (${formatIsoDate(this.firstDayExample(s))}), found ${formatIsoDate(day)}`
            : `expected the same day of month as the series' other dates, found ${formatIsoDate(day)}`,
        );
        return;
      }
    }
    // one value per series and epoch in a file
    const slot = s * 200_000 + (day + 100_000);
    const earlier = this.seen.get(slot);
    if (earlier !== undefined) {
      bad(
        'date',
        `expected one value per series and date; ${formatIsoDate(day)} was already given on ${p.locator} ${earlier}`,
      );
      return;
    }
    this.seen.set(slot, at);
    if (this.length === this.cap) this.grow();
    const i = this.length++;
    this.rowSeries[i] = s;
    this.rowDay[i] = day;
    this.rowCount[i] = count;
    this.rowPopulation[i] = population;
    this.rowLine[i] = at;
  }

  private firstDayExample(s: number): number {
    for (let i = 0; i < this.length; i++) if (this.rowSeries[i] === s) return this.rowDay[i];
    return 0;
  }

  /** The epoch day of a date text, cached (files repeat a few hundred dates a million times). */
  private epochOf(text: string, frequency: Frequency, bad: (m: string) => void): number | undefined {
    const cacheKey = `${frequency}|${text}`;
    const cached = this.dates.get(cacheKey);
    if (cached !== undefined) return cached;
    let day = parseIsoDate(text);
    if (day === undefined) {
      const week = parseIsoWeek(text);
      if (week !== undefined && frequency !== 'weekly') {
        bad(`an ISO week (${text}) is only valid for weekly series; expected a date YYYY-MM-DD`);
        return undefined;
      }
      if (week !== undefined) day = isoWeekStart(week.year, week.week);
    }
    if (day === undefined) {
      bad(`expected a date YYYY-MM-DD or an ISO week YYYY-Www, found "${clip(text)}"`);
      return undefined;
    }
    const year = dateParts(day).year;
    if (year < MIN_YEAR || year > MAX_YEAR) {
      bad(`expected a year from ${MIN_YEAR} to ${MAX_YEAR}, found ${year}`);
      return undefined;
    }
    this.dates.set(cacheKey, day);
    return day;
  }

  build(locator: 'line' | 'record'): ObservationRows {
    const n = this.length;
    return {
      length: n,
      series: this.series,
      rowSeries: this.rowSeries.subarray(0, n),
      rowDay: this.rowDay.subarray(0, n),
      rowCount: this.rowCount.subarray(0, n),
      rowPopulation: this.rowPopulation.subarray(0, n),
      rowLine: this.rowLine.subarray(0, n),
      locator,
    };
  }
}

function phaseOf(frequency: Frequency, day: number): number {
  switch (frequency) {
    case 'daily':
      return 0;
    case 'weekly':
      return isoWeekday(day);
    case 'monthly':
      return dateParts(day).day;
  }
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Whole number ≥ 0; NaN for missing (empty or NA); undefined when malformed. */
function parseCount(t: string): number | undefined {
  if (t === '' || t === 'NA') return Number.NaN;
  const n = t.length;
  if (n > 15) return undefined;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(t);
}

function parsePopulation(t: string): number | undefined {
  if (t === '' || t === 'NA') return Number.NaN;
  if (!/^[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Splits one CSV record starting at `pos` (quoted fields may span lines). */
function quotedRecord(
  text: string,
  pos: number,
): { fields: string[]; next: number; newlines: number; error?: string } {
  const fields: string[] = [];
  let field = '';
  let i = pos;
  let newlines = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      // quoted field
      i++;
      for (;;) {
        if (i >= n) return { fields, next: n, newlines, error: 'a quoted field is not closed' };
        const c = text.charCodeAt(i);
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === 10) newlines++;
        field += text[i];
        i++;
      }
      // after the closing quote: separator, end of record or garbage
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (i >= n || text.charCodeAt(i) === 10) {
        fields.push(field);
        return { fields, next: i + 1, newlines };
      }
      if (c !== 44)
        return { fields, next: skipLine(text, i), newlines, error: 'unexpected text after a closing quote' };
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    // unquoted field
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 44 || c === 10) break;
      if (c === 34)
        return { fields, next: skipLine(text, j), newlines, error: 'a quote inside an unquoted field' };
      j++;
    }
    let value = text.slice(i, j);
    if (value.endsWith('\r') && (j >= n || text.charCodeAt(j) === 10)) value = value.slice(0, -1);
    fields.push(value);
    if (j >= n || text.charCodeAt(j) === 10) return { fields, next: j + 1, newlines };
    i = j + 1;
  }
}

function skipLine(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e === -1 ? text.length : e + 1;
}

/** Reads a CSV observation file. */
export function readObservationCsv(content: string): ReadObservations {
  const problems = new Collector('line');
  let text = content;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const n = text.length;
  if (text.trim() === '') {
    problems.add(
      1,
      null,
      'header',
      `expected a header line naming the columns ${OBSERVATION_COLUMNS.join(',')}`,
    );
    return { ok: false, problems: problems.problems, truncated: false };
  }
  const head = quotedRecord(text, 0);
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const positions = new Map<ObservationColumn, number>();
  header.forEach((name, i) => {
    if (!(OBSERVATION_COLUMNS as ReadonlyArray<string>).includes(name)) {
      problems.add(1, i + 1, name, `unknown column; expected one of ${OBSERVATION_COLUMNS.join(', ')}`);
    } else if (positions.has(name as ObservationColumn)) {
      problems.add(1, i + 1, name, 'the column appears twice');
    } else positions.set(name as ObservationColumn, i);
  });
  for (const c of REQUIRED)
    if (!positions.has(c))
      problems.add(1, null, c, `missing column; the header must name ${REQUIRED.join(', ')}`);
  if (problems.problems.length > 0)
    return { ok: false, problems: problems.problems, truncated: problems.truncated };

  const width = header.length;
  const pos = OBSERVATION_COLUMNS.map((c) => positions.get(c) ?? -1);
  const columnOf = (c: ObservationColumn): number | null => {
    const p = pos[OBSERVATION_COLUMNS.indexOf(c)];
    return p < 0 ? null : p + 1;
  };
  const idx: Readonly<Record<ObservationColumn, number>> = Object.fromEntries(
    OBSERVATION_COLUMNS.map((c, i) => [c, pos[i]]),
  ) as Record<ObservationColumn, number>;
  let fields: string[] = [];
  const get = (c: ObservationColumn): string | undefined => {
    const p = idx[c];
    return p < 0 ? undefined : fields[p];
  };
  // about 40 characters a row: size the columns once
  const rows = new RowBuilder(Math.ceil(n / 32), problems);
  let at = head.next;
  let line = 2 + head.newlines;
  while (at < n && !problems.full) {
    const recordLine = line;
    let end = text.indexOf('\n', at);
    if (end === -1) end = n;
    let raw = text.slice(at, end);
    if (raw.indexOf('"') === -1) {
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      at = end + 1;
      line++;
      if (raw === '') continue;
      fields = raw.split(',');
    } else {
      const r = quotedRecord(text, at);
      at = r.next;
      line += 1 + r.newlines;
      if (r.error !== undefined) {
        problems.add(recordLine, null, 'record', r.error);
        continue;
      }
      fields = r.fields;
    }
    if (fields.length !== width) {
      problems.add(
        recordLine,
        null,
        'record',
        `expected ${width} fields as in the header, found ${fields.length}`,
      );
      continue;
    }
    rows.add(recordLine, get, columnOf);
  }
  if (problems.full && text.slice(at).trim() !== '') problems.truncated = true;
  if (problems.problems.length > 0)
    return { ok: false, problems: problems.problems, truncated: problems.truncated };
  return { ok: true, rows: rows.build('line') };
}

/** Reads a JSON observation file or request body: an array of row objects. */
export function readObservationJson(content: string | ReadonlyArray<unknown>): ReadObservations {
  const problems = new Collector('record');
  let data: unknown;
  if (typeof content === 'string') {
    try {
      data = JSON.parse(content);
    } catch (err) {
      problems.add(0, null, 'file', `expected JSON: ${(err as Error).message}`);
      return { ok: false, problems: problems.problems, truncated: false };
    }
  } else data = content;
  if (!Array.isArray(data)) {
    problems.add(0, null, 'file', 'expected a JSON array of observation objects');
    return { ok: false, problems: problems.problems, truncated: false };
  }
  const rows = new RowBuilder(data.length, problems);
  let record: Readonly<Record<string, unknown>> = {};
  const get = (c: ObservationColumn): string | undefined => {
    const v = record[c];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'number' ? String(v) : (v as string);
  };
  for (let i = 0; i < data.length && !problems.full; i++) {
    const item: unknown = data[i];
    const at = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.add(at, null, 'record', 'expected an object');
      continue;
    }
    record = item as Record<string, unknown>;
    let ok = true;
    for (const [k, v] of Object.entries(record)) {
      if (!(OBSERVATION_COLUMNS as ReadonlyArray<string>).includes(k)) {
        problems.add(at, null, k, `unknown field; expected ${OBSERVATION_COLUMNS.join(', ')}`);
        ok = false;
      } else if (v !== null && typeof v !== 'string' && typeof v !== 'number') {
        problems.add(at, null, k, 'expected text or a number');
        ok = false;
      } else if (typeof v === 'number' && !Number.isFinite(v)) {
        problems.add(at, null, k, 'expected a finite number');
        ok = false;
      }
    }
    if (ok) rows.add(at, get, () => null);
    if (problems.full && i + 1 < data.length) problems.truncated = true;
  }
  if (problems.problems.length > 0)
    return { ok: false, problems: problems.problems, truncated: problems.truncated };
  return { ok: true, rows: rows.build('record') };
}

export function readObservations(format: ObservationFormat, content: string): ReadObservations {
  return format === 'csv' ? readObservationCsv(content) : readObservationJson(content);
}
