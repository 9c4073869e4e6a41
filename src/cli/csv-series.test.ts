import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../detection/series/calendar.ts';
import { seriesFromCsv } from './csv-series.ts';
import { InputFileError } from './input-error.ts';

function errorOf(fn: () => unknown): InputFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputFileError) return err;
    throw err;
  }
  throw new Error('expected an InputFileError');
}

describe('seriesFromCsv', () => {
  it('reads long CSV into one series per name with missing epochs filled as missing', () => {
    const csv = 'series,date,count\na,2024-01-01,3\na,2024-01-15,5\nb,2024-01-01,0\nb,2024-01-08,\n';
    const items = seriesFromCsv('x.csv', csv);
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
    const a = items[0].series;
    expect(a.frequency).toBe('weekly');
    expect(Array.from(a.dates, formatIsoDate)).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(a.observed[0]).toBe(3);
    expect(Number.isNaN(a.observed[1])).toBe(true);
    expect(a.observed[2]).toBe(5);
    expect(Number.isNaN(items[1].series.observed[1])).toBe(true);
    expect(items[1].series.observed[0]).toBe(0);
  });

  it('reads wide CSV with a date column and one column per series', () => {
    const csv = 'date,north,south\n2024-01-01,1,2\n2024-01-02,3,NA\n';
    const items = seriesFromCsv('w.csv', csv);
    expect(items.map((i) => i.id)).toEqual(['north', 'south']);
    expect(items[0].series.frequency).toBe('daily');
    expect(Array.from(items[0].series.observed)).toEqual([1, 3]);
    expect(Number.isNaN(items[1].series.observed[1])).toBe(true);
  });

  it('accepts ISO week labels and a population column', () => {
    const csv = 'series,date,count,population\nx,2020-W53,4,1000\nx,2021-W01,6,1000\n';
    const [item] = seriesFromCsv('p.csv', csv);
    expect(Array.from(item.series.dates, formatIsoDate)).toEqual(['2020-12-28', '2021-01-04']);
    expect(Array.from(item.series.population ?? [])).toEqual([1000, 1000]);
  });

  it('names the file, line and column of a negative count', () => {
    const e = errorOf(() => seriesFromCsv('bad.csv', 'series,date,count\na,2024-01-01,1\na,2024-01-08,-3\n'));
    expect(e.file).toBe('bad.csv');
    expect(e.line).toBe(3);
    expect(e.column).toBe('count');
    expect(e.message).toBe(
      'bad.csv:3 column "count": expected a non-negative integer count (or empty for missing), got "-3"',
    );
  });

  it('rejects a non-integer count', () => {
    const e = errorOf(() => seriesFromCsv('f.csv', 'date,a\n2024-01-01,1.5\n'));
    expect([e.line, e.column]).toEqual([2, 'a']);
  });

  it('rejects an unparseable date with its line', () => {
    const e = errorOf(() => seriesFromCsv('d.csv', 'series,date,count\na,2024-01-01,1\na,01/08/2024,1\n'));
    expect([e.line, e.column]).toEqual([3, 'date']);
    expect(e.message).toMatch(/expected a date YYYY-MM-DD or an ISO week YYYY-Www, got "01\/08\/2024"/);
  });

  it('rejects a duplicate series and date, pointing at both lines', () => {
    const e = errorOf(() =>
      seriesFromCsv('dup.csv', 'series,date,count\na,2024-01-01,1\nb,2024-01-01,1\na,2024-01-01,2\n'),
    );
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/duplicate row for series "a" and date 2024-01-01 \(first on line 2\)/);
  });

  it('rejects a row with the wrong number of fields', () => {
    const e = errorOf(() => seriesFromCsv('m.csv', 'series,date,count\na,2024-01-01,1\na,2024-01-08\n'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/malformed CSV/);
  });

  it('rejects a file without a date column', () => {
    expect(() => seriesFromCsv('h.csv', 'when,count\n2024-01-01,1\n')).toThrow(/h\.csv:1: no "date" column/);
  });

  it('rejects weekly dates that are not whole weeks apart', () => {
    const e = errorOf(() =>
      seriesFromCsv('g.csv', 'series,date,count\na,2024-01-01,1\na,2024-01-08,1\na,2024-01-17,1\n', {
        frequency: 'weekly',
      }),
    );
    expect([e.line, e.column]).toEqual([4, 'date']);
  });
});
