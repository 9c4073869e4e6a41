/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC), the one date representation of the
 * detection core. ISO 8601 weeks start on Monday; week 1 is the week that contains the year's first
 * Thursday, so a year has 52 or 53 weeks.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as whole days since 1970-01-01 (UTC). */
export type DayNumber = number;

export function dayNumberFromParts(year: number, month: number, day: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Parses `YYYY-MM-DD`; returns `undefined` for anything else, including impossible dates like 2021-02-30. */
export function parseIsoDate(text: string): DayNumber | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberFromParts(year, month, day);
}

export function formatIsoDate(d: DayNumber): string {
  return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function dateParts(d: DayNumber): DateParts {
  const date = new Date(d * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: DayNumber): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/**
 * The same month and day `years` calendar years later (negative: earlier). 29 February in a year
 * without one maps to 1 March, as R's `seq(date, by = "-1 year")` does via POSIXlt normalisation.
 */
export function addYears(d: DayNumber, years: number): DayNumber {
  const p = dateParts(d);
  return Math.round(Date.UTC(p.year + years, p.month - 1, p.day) / MS_PER_DAY);
}

/** The same day of month `months` months later; an overflowing day rolls into the next month (R's POSIXlt rule). */
export function addMonths(d: DayNumber, months: number): DayNumber {
  const p = dateParts(d);
  return Math.round(Date.UTC(p.year, p.month - 1 + months, p.day) / MS_PER_DAY);
}

export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

export function isoWeek(d: DayNumber): IsoWeek {
  const thursday = d - isoWeekday(d) + 4;
  const year = dateParts(thursday).year;
  const week = Math.floor((thursday - dayNumberFromParts(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** Monday of ISO week `week` of ISO year `year`. */
export function isoWeekStart(year: number, week: number): DayNumber {
  const jan4 = dayNumberFromParts(year, 1, 4);
  return jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeek(dayNumberFromParts(year, 12, 28)).week;
}

/** Formats an ISO week as `2024-W05`. */
export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

export function parseIsoWeek(text: string): IsoWeek | undefined {
  const m = ISO_WEEK.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > isoWeeksInYear(year)) return undefined;
  return { year, week };
}
