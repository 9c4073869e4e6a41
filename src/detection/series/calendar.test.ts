import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  dayNumberFromParts,
  formatIsoDate,
  formatIsoWeek,
  isoWeek,
  isoWeekday,
  isoWeekStart,
  isoWeeksInYear,
  parseIsoDate,
  parseIsoWeek,
} from './calendar.ts';

const d = (s: string): number => {
  const v = parseIsoDate(s);
  if (v === undefined) throw new Error(`bad test date ${s}`);
  return v;
};

describe('calendar', () => {
  it('round-trips ISO dates through day numbers', () => {
    expect(formatIsoDate(d('2024-02-29'))).toBe('2024-02-29');
    expect(d('1970-01-01')).toBe(0);
    expect(dayNumberFromParts(2000, 3, 1) - dayNumberFromParts(2000, 2, 28)).toBe(2);
  });

  it('rejects impossible dates', () => {
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2023-13-01')).toBeUndefined();
    expect(parseIsoDate('23-01-01')).toBeUndefined();
  });

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(isoWeekday(d('2024-01-01'))).toBe(1);
    expect(isoWeekday(d('2023-12-31'))).toBe(7);
  });

  it('puts 1 January 2021 in week 53 of 2020 and 31 December 2024 in week 1 of 2025', () => {
    expect(isoWeek(d('2021-01-01'))).toEqual({ year: 2020, week: 53 });
    expect(isoWeek(d('2024-12-31'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeek(d('2008-12-29'))).toEqual({ year: 2009, week: 1 });
  });

  it('knows which years have 53 ISO weeks', () => {
    expect([2004, 2009, 2015, 2020, 2026].map(isoWeeksInYear)).toEqual([53, 53, 53, 53, 53]);
    expect([2019, 2021, 2022, 2023, 2024, 2025].map(isoWeeksInYear)).toEqual([52, 52, 52, 52, 52, 52]);
  });

  it('finds the Monday of an ISO week and parses week labels', () => {
    expect(formatIsoDate(isoWeekStart(2020, 53))).toBe('2020-12-28');
    expect(formatIsoDate(isoWeekStart(2012, 1))).toBe('2012-01-02');
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(parseIsoWeek('2021-W53')).toBeUndefined();
    expect(formatIsoWeek({ year: 2024, week: 5 })).toBe('2024-W05');
  });

  it('maps 29 February to 1 March when going back a year, as R does', () => {
    expect(formatIsoDate(addYears(d('2024-02-29'), -1))).toBe('2023-03-01');
    expect(formatIsoDate(addYears(d('2024-02-29'), -4))).toBe('2020-02-29');
    expect(formatIsoDate(addYears(d('2011-06-13'), -5))).toBe('2006-06-13');
  });

  it('adds calendar months', () => {
    expect(formatIsoDate(addMonths(d('2023-11-01'), 3))).toBe('2024-02-01');
    expect(formatIsoDate(addMonths(d('2023-01-31'), 1))).toBe('2023-03-03');
  });
});
