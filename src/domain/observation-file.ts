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

// Column indexes into OBSERVATION_COLUMNS.
const HAZARD = 0;
const PLACE = 1;
const STRATUM = 2;
const SOURCE = 3;
const FREQUENCY = 4;
const DATE = 5;
const COUNT = 6;
const POPULATION = 7;
const UNIT = 8;

/**
 * Grows column arrays as rows arrive and interns series and dates. Hot path for a million rows: no
 * closure or string building per row; consecutive rows of one series are recognised by comparing fields.
 */
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
  /** Per series: the weekday (weekly) or day of month (monthly) of its first date, and that date. */
  private readonly seriesPhase: number[] = [];
  private readonly seriesFirstDay: number[] = [];
  private readonly dates: Record<Frequency, Map<string, number>> = {
    daily: new Map(),
    weekly: new Map(),
    monthly: new Map(),
  };
  private lastSeries = -1;
  private lastFields: (string | undefined)[] = [];
  private rowBad = false;

  constructor(
    expected: number,
    private readonly problems: Collector,
    /** Position of each of OBSERVATION_COLUMNS in a record (-1: absent); 1-based CSV column = position + 1. */
    private readonly positions: ReadonlyArray<number>,
    private readonly columnNumbers: boolean,
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
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(this.cap);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(this.cap);
      b.set(a);
      return b;
    };
    this.rowSeries = i32(this.rowSeries);
    this.rowDay = i32(this.rowDay);
    this.rowCount = f64(this.rowCount);
    this.rowPopulation = f64(this.rowPopulation);
    this.rowLine = i32(this.rowLine);
  }

  private bad(at: number, c: number, message: string): void {
    this.rowBad = true;
    const p = this.positions[c];
    this.problems.add(at, this.columnNumbers && p >= 0 ? p + 1 : null, OBSERVATION_COLUMNS[c], message);
  }

  private field(fields: ReadonlyArray<string | undefined>, c: number): string {
    const p = this.positions[c];
    if (p < 0) return '';
    const v = fields[p];
    return v === undefined ? '' : v.trim();
  }

  /** Checks one record's fields (text, as in the file) and adds it as a row. */
  add(at: number, fields: ReadonlyArray<string | undefined>): void {
    this.rowBad = false;
    const hazard = this.field(fields, HAZARD);
    const place = this.field(fields, PLACE);
    const stratum = this.field(fields, STRATUM) || NO_STRATUM;
    const source = this.field(fields, SOURCE) || DEFAULT_SOURCE;
    const unitText = this.field(fields, UNIT);
    if (hazard === '') this.bad(at, HAZARD, 'expected a hazard code, found nothing');
    else if (hazard.length > MAX_TEXT)
      this.bad(at, HAZARD, `expected a hazard code of at most ${MAX_TEXT} characters`);
    if (place === '') this.bad(at, PLACE, 'expected a place code, found nothing');
    else if (place.length > MAX_TEXT)
      this.bad(at, PLACE, `expected a place code of at most ${MAX_TEXT} characters`);
    if (stratum.length > MAX_TEXT) this.bad(at, STRATUM, `expected at most ${MAX_TEXT} characters`);
    if (source.length > MAX_TEXT) this.bad(at, SOURCE, `expected at most ${MAX_TEXT} characters`);
    if (unitText.length > 50) this.bad(at, UNIT, 'expected at most 50 characters');
    const freqText = this.field(fields, FREQUENCY);
    const frequency = FREQUENCY_NAMES[freqText] ?? FREQUENCY_NAMES[freqText.toLowerCase()];
    if (frequency === undefined)
      this.bad(at, FREQUENCY, `expected daily, weekly or monthly, found "${clip(freqText)}"`);
    const day = frequency === undefined ? undefined : this.epochOf(at, this.field(fields, DATE), frequency);
    const countText = this.field(fields, COUNT);
    const count = parseCount(countText);
    if (count === undefined)
      this.bad(
        at,
        COUNT,
        `expected a whole number ≥ 0, or nothing/NA for a missing value, found "${clip(countText)}"`,
      );
    const populationText = this.field(fields, POPULATION);
    const population = parsePopulation(populationText);
    if (population === undefined)
      this.bad(at, POPULATION, `expected a number ≥ 0 or nothing, found "${clip(populationText)}"`);
    if (
      this.rowBad ||
      frequency === undefined ||
      day === undefined ||
      count === undefined ||
      population === undefined
    )
      return;

    let s: number;
    const last = this.lastFields;
    if (
      this.lastSeries >= 0 &&
      last[HAZARD] === hazard &&
      last[PLACE] === place &&
      last[STRATUM] === stratum &&
      last[SOURCE] === source &&
      last[FREQUENCY] === frequency
    ) {
      s = this.lastSeries;
    } else {
      const key = `${hazard}\u0000${place}\u0000${stratum}\u0000${source}\u0000${frequency}`;
      const known = this.seriesIndex.get(key);
      if (known === undefined) {
        s = this.series.length;
        this.seriesIndex.set(key, s);
        this.series.push({
          hazardCode: hazard,
          placeCode: place,
          stratum,
          source,
          frequency,
          unit: undefined,
          firstLine: at,
        });
        this.seriesPhase.push(phaseOf(frequency, day));
        this.seriesFirstDay.push(day);
      } else s = known;
      this.lastSeries = s;
      this.lastFields = [hazard, place, stratum, source, frequency];
    }
    const series = this.series[s];
    if (unitText !== '') {
      if (series.unit === undefined) series.unit = unitText;
      else if (series.unit !== unitText) {
        this.bad(
          at,
          UNIT,
          `expected "${series.unit}" as earlier for the same series, found "${clip(unitText)}"`,
        );
        return;
      }
    }
    if (frequency !== 'daily' && phaseOf(frequency, day) !== this.seriesPhase[s]) {
      const first = formatIsoDate(this.seriesFirstDay[s]);
      this.bad(
        at,
        DATE,
        frequency === 'weekly'
          ? `expected the same weekday as the series' first date ${first}, found ${formatIsoDate(day)}`
          : `expected the same day of month as the series' first date ${first}, found ${formatIsoDate(day)}`,
      );
      return;
    }
    if (this.length === this.cap) this.grow();
    const i = this.length++;
    this.rowSeries[i] = s;
    this.rowDay[i] = day;
    this.rowCount[i] = count;
    this.rowPopulation[i] = population;
    this.rowLine[i] = at;
  }

  /** The epoch day of a date text, cached (files repeat a few hundred dates a million times). */
  private epochOf(at: number, text: string, frequency: Frequency): number | undefined {
    const cache = this.dates[frequency];
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    let day = parseIsoDate(text);
    if (day === undefined) {
      const week = parseIsoWeek(text);
      if (week !== undefined && frequency !== 'weekly') {
        this.bad(
          at,
          DATE,
          `an ISO week (${text}) is only valid for weekly series; expected a date YYYY-MM-DD`,
        );
        return undefined;
      }
      if (week !== undefined) day = isoWeekStart(week.year, week.week);
    }
    if (day === undefined) {
      this.bad(at, DATE, `expected a date YYYY-MM-DD or an ISO week YYYY-Www, found "${clip(text)}"`);
      return undefined;
    }
    const year = dateParts(day).year;
    if (year < MIN_YEAR || year > MAX_YEAR) {
      this.bad(at, DATE, `expected a year from ${MIN_YEAR} to ${MAX_YEAR}, found ${year}`);
      return undefined;
    }
    cache.set(text, day);
    return day;
  }

  /**
   * One value per series and epoch in a file: sorts (series, day) keys and reports each repeat at its
   * later line.
   */
  checkDuplicates(): void {
    const n = this.length;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.rowSeries[i] * 200_000 + (this.rowDay[i] + 100_000);
    const sorted = keys.slice().sort();
    let dup = false;
    for (let i = 1; i < n; i++)
      if (sorted[i] === sorted[i - 1]) {
        dup = true;
        break;
      }
    if (!dup) return;
    const firstLine = new Map<number, number>();
    for (let i = 0; i < n && !this.problems.full; i++) {
      const earlier = firstLine.get(keys[i]);
      if (earlier === undefined) firstLine.set(keys[i], this.rowLine[i]);
      else
        this.bad(
          this.rowLine[i],
          DATE,
          `expected one value per series and date; ${formatIsoDate(this.rowDay[i])} was already given on ${this.problems.locator} ${earlier}`,
        );
    }
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
  const positions0 = new Map<ObservationColumn, number>();
  header.forEach((name, i) => {
    if (!(OBSERVATION_COLUMNS as ReadonlyArray<string>).includes(name)) {
      problems.add(1, i + 1, name, `unknown column; expected one of ${OBSERVATION_COLUMNS.join(', ')}`);
    } else if (positions0.has(name as ObservationColumn)) {
      problems.add(1, i + 1, name, 'the column appears twice');
    } else positions0.set(name as ObservationColumn, i);
  });
  for (const c of REQUIRED)
    if (!positions0.has(c))
      problems.add(1, null, c, `missing column; the header must name ${REQUIRED.join(', ')}`);
  if (problems.problems.length > 0)
    return { ok: false, problems: problems.problems, truncated: problems.truncated };

  const width = header.length;
  const positions = OBSERVATION_COLUMNS.map((c) => positions0.get(c) ?? -1);
  // about 40 characters a row: size the columns once
  const rows = new RowBuilder(Math.ceil(n / 32), problems, positions, true);
  let at = head.next;
  let line = 2 + head.newlines;
  let fields: string[];
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
    rows.add(recordLine, fields);
  }
  if (problems.full && text.slice(at).trim() !== '') problems.truncated = true;
  if (problems.problems.length === 0) rows.checkDuplicates();
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
  const rows = new RowBuilder(
    data.length,
    problems,
    OBSERVATION_COLUMNS.map((_, i) => i),
    false,
  );
  const fields: (string | undefined)[] = new Array(OBSERVATION_COLUMNS.length);
  for (let i = 0; i < data.length && !problems.full; i++) {
    const item: unknown = data[i];
    const at = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.add(at, null, 'record', 'expected an object');
      continue;
    }
    const record = item as Record<string, unknown>;
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
    if (ok) {
      OBSERVATION_COLUMNS.forEach((c, k) => {
        const v = record[c];
        fields[k] =
          v === undefined || v === null ? undefined : typeof v === 'number' ? String(v) : (v as string);
      });
      rows.add(at, fields);
    }
    if (problems.full && i + 1 < data.length) problems.truncated = true;
  }
  if (problems.problems.length === 0) rows.checkDuplicates();
  if (problems.problems.length > 0)
    return { ok: false, problems: problems.problems, truncated: problems.truncated };
  return { ok: true, rows: rows.build('record') };
}

export function readObservations(format: ObservationFormat, content: string): ReadObservations {
  return format === 'csv' ? readObservationCsv(content) : readObservationJson(content);
}
