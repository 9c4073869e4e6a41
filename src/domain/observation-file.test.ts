import { describe, expect, it } from 'vitest';
import { readObservationCsv, readObservationJson } from './observation-file.ts';
import { MAX_IMPORT_PROBLEMS } from './observation-import.ts';

const HEADER = 'hazard,place,stratum,source,frequency,date,count,population,unit';

function rowsOf(csv: string) {
  const r = readObservationCsv(csv);
  if (!r.ok) throw new Error(`unexpected problems: ${JSON.stringify(r.problems)}`);
  return r.rows;
}

function problemsOf(csv: string) {
  const r = readObservationCsv(csv);
  if (r.ok) throw new Error('expected problems');
  return r;
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('reading an observation CSV', () => {
  it('reads rows into series with empty stratum as all and empty source as default', () => {
    const rows = rowsOf(
      `${HEADER}\ncholera,CN-BJ,,,weekly,2024-01-01,3,1000,\ncholera,CN-BJ,,,weekly,2024-01-08,,1000,\nmeasles,DE,age=00-04,sentinel,monthly,2024-02-01,NA,,cases\n`,
    );
    expect(rows.length).toBe(3);
    expect(rows.series).toEqual([
      {
        hazardCode: 'cholera',
        placeCode: 'CN-BJ',
        stratum: '',
        source: 'default',
        frequency: 'weekly',
        unit: undefined,
        firstLine: 2,
      },
      {
        hazardCode: 'measles',
        placeCode: 'DE',
        stratum: 'age=00-04',
        source: 'sentinel',
        frequency: 'monthly',
        unit: 'cases',
        firstLine: 4,
      },
    ]);
    expect([...rows.rowSeries]).toEqual([0, 0, 1]);
    expect([...rows.rowDay]).toEqual([day('2024-01-01'), day('2024-01-08'), day('2024-02-01')]);
    expect(rows.rowCount[0]).toBe(3);
    expect(rows.rowCount[1]).toBeNaN();
    expect(rows.rowCount[2]).toBeNaN();
    expect(rows.rowPopulation[0]).toBe(1000);
    expect(rows.rowPopulation[2]).toBeNaN();
    expect([...rows.rowLine]).toEqual([2, 3, 4]);
  });

  it('takes the columns in any order, with population and unit optional', () => {
    const rows = rowsOf(
      'count,date,frequency,place,hazard,source,stratum\n7,2024-03-04,week,DE-BW,salmonellosis,,\n',
    );
    expect(rows.series[0]).toMatchObject({
      hazardCode: 'salmonellosis',
      placeCode: 'DE-BW',
      frequency: 'weekly',
    });
    expect(rows.rowCount[0]).toBe(7);
  });

  it('stores an ISO week as its Monday', () => {
    const rows = rowsOf(`${HEADER}\nflu,DE,,,weekly,2024-W01,1,,\nflu,DE,,,weekly,2020-W53,2,,\n`);
    expect([...rows.rowDay]).toEqual([day('2024-01-01'), day('2020-12-28')]);
  });

  it('reads quoted fields, doubled quotes, CRLF line ends and a byte-order mark', () => {
    const rows = rowsOf(
      `\ufeff${HEADER}\r\n"flu","DE","age=""65+""",,weekly,2024-01-01,"4",,\r\nflu,DE,,,weekly,2024-01-08,5,,\r\n`,
    );
    expect(rows.series.map((s) => s.stratum)).toEqual(['age="65+"', '']);
    expect([...rows.rowCount]).toEqual([4, 5]);
    expect([...rows.rowLine]).toEqual([2, 3]);
  });

  it('counts lines inside quoted fields so later problems point at the right line', () => {
    const r = problemsOf(
      `${HEADER}\nflu,DE,"two\nlines",,weekly,2024-01-01,1,,\nflu,DE,,,weekly,2024-01-08,-1,,\n`,
    );
    expect(r.problems).toEqual([
      {
        line: 4,
        column: 7,
        field: 'count',
        message: 'expected a whole number ≥ 0, or nothing/NA for a missing value, found "-1"',
      },
    ]);
  });

  it('names line, column and field of every bad value and what was expected', () => {
    const r = problemsOf(
      `${HEADER}\n` +
        'flu,DE,,,weekly,2024-13-01,1,,\n' +
        'flu,,,,fortnightly,2024-01-01,1.5,,\n' +
        'flu,DE,,,daily,2024-W02,3,-2,\n',
    );
    expect(r.problems).toEqual([
      {
        line: 2,
        column: 6,
        field: 'date',
        message: 'expected a date YYYY-MM-DD or an ISO week YYYY-Www, found "2024-13-01"',
      },
      { line: 3, column: 2, field: 'place', message: 'expected a place code, found nothing' },
      {
        line: 3,
        column: 5,
        field: 'frequency',
        message: 'expected daily, weekly or monthly, found "fortnightly"',
      },
      {
        line: 3,
        column: 7,
        field: 'count',
        message: 'expected a whole number ≥ 0, or nothing/NA for a missing value, found "1.5"',
      },
      {
        line: 4,
        column: 6,
        field: 'date',
        message: 'an ISO week (2024-W02) is only valid for weekly series; expected a date YYYY-MM-DD',
      },
      { line: 4, column: 8, field: 'population', message: 'expected a number ≥ 0 or nothing, found "-2"' },
    ]);
    expect(r.truncated).toBe(false);
  });

  it('rejects an unknown or missing column in the header', () => {
    const r = problemsOf('hazard,place,when,count\nflu,DE,2024-01-01,1\n');
    expect(r.problems).toEqual([
      { line: 1, column: 3, field: 'when', message: expect.stringContaining('unknown column') },
      { line: 1, column: null, field: 'frequency', message: expect.stringContaining('missing column') },
      { line: 1, column: null, field: 'date', message: expect.stringContaining('missing column') },
    ]);
  });

  it('rejects a record with a different number of fields than the header', () => {
    const r = problemsOf(`${HEADER}\nflu,DE,,,weekly,2024-01-01,1\n`);
    expect(r.problems).toEqual([
      { line: 2, column: null, field: 'record', message: 'expected 9 fields as in the header, found 7' },
    ]);
  });

  it('rejects a second value for the same series and date, naming the first line', () => {
    const r = problemsOf(
      `${HEADER}\nflu,DE,,,weekly,2024-01-01,1,,\nflu,DE,,,weekly,2024-01-08,2,,\nflu,DE,,,weekly,2024-W01,3,,\n`,
    );
    expect(r.problems).toEqual([
      {
        line: 4,
        column: 6,
        field: 'date',
        message: 'expected one value per series and date; 2024-01-01 was already given on line 2',
      },
    ]);
  });

  it('rejects weekly dates of one series on different weekdays', () => {
    const r = problemsOf(`${HEADER}\nflu,DE,,,weekly,2024-01-01,1,,\nflu,DE,,,weekly,2024-01-09,2,,\n`);
    expect(r.problems[0]).toMatchObject({ line: 3, field: 'date' });
    expect(r.problems[0].message).toContain('same weekday');
  });

  it('rejects two units for one series', () => {
    const r = problemsOf(
      `${HEADER}\nflu,DE,,,weekly,2024-01-01,1,,cases\nflu,DE,,,weekly,2024-01-08,2,,deaths\n`,
    );
    expect(r.problems).toEqual([
      {
        line: 3,
        column: 9,
        field: 'unit',
        message: 'expected "cases" as earlier for the same series, found "deaths"',
      },
    ]);
  });

  it(`stops after ${MAX_IMPORT_PROBLEMS} problems and says there were more`, () => {
    const bad = Array.from({ length: 80 }, (_, i) => `flu,DE,,,weekly,2024-01-01,x${i},,`).join('\n');
    const r = problemsOf(`${HEADER}\n${bad}\n`);
    expect(r.problems).toHaveLength(MAX_IMPORT_PROBLEMS);
    expect(r.problems.at(-1)).toMatchObject({ line: 51 });
    expect(r.truncated).toBe(true);
  });

  it('rejects an empty file', () => {
    expect(problemsOf('').problems[0]).toMatchObject({ line: 1, field: 'header' });
  });

  it('accepts a header with no rows as an empty import', () => {
    expect(rowsOf(`${HEADER}\n`).length).toBe(0);
  });
});

describe('reading observation JSON', () => {
  it('reads an array of objects with numbers or texts', () => {
    const r = readObservationJson(
      JSON.stringify([
        { hazard: 'flu', place: 'DE', frequency: 'weekly', date: '2024-01-01', count: 4, population: 0.5 },
        { hazard: 'flu', place: 'DE', frequency: 'weekly', date: '2024-01-08', count: null },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.rows.locator).toBe('record');
    expect(r.rows.rowCount[0]).toBe(4);
    expect(r.rows.rowCount[1]).toBeNaN();
    expect(r.rows.rowPopulation[0]).toBe(0.5);
    expect(r.rows.series[0].source).toBe('default');
  });

  it('names the record and field of each problem', () => {
    const r = readObservationJson([
      { hazard: 'flu', place: 'DE', frequency: 'weekly', date: '2024-01-01', count: 1 },
      { hazard: 'flu', place: 'DE', frequency: 'weekly', date: '2024-01-08', count: -3, colour: 'red' },
      'not an object',
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { record: 2, column: null, field: 'colour', message: expect.stringContaining('unknown field') },
      { record: 3, column: null, field: 'record', message: 'expected an object' },
    ]);
  });

  it('rejects what is not a JSON array', () => {
    const r = readObservationJson('{"hazard":"flu"}');
    expect(r.ok ? [] : r.problems).toEqual([
      { record: 0, column: null, field: 'file', message: 'expected a JSON array of observation objects' },
    ]);
  });
});
