import { DetectionInputError } from '../errors.ts';
import { type CountSeries, countSeries, frequencyFromPeriodsPerYear } from '../series/count-series.ts';

/**
 * One case in the golden schema (`shared/golden/README.md`): a series, an R function, its control
 * list and the 1-based range. Any `result` key is ignored.
 */
export interface RCase {
  readonly id: string;
  readonly algorithm: string;
  readonly freq: number;
  readonly epochAsDate: boolean;
  readonly start: string;
  readonly dates: ReadonlyArray<string>;
  readonly observed: ReadonlyArray<number | null>;
  readonly population: ReadonlyArray<number> | null;
  readonly control: Readonly<Record<string, unknown>>;
  readonly range: ReadonlyArray<number>;
}

function field<T>(obj: Record<string, unknown>, key: string, check: (v: unknown) => v is T, what: string): T {
  const v = obj[key];
  if (!check(v)) throw new DetectionInputError(`field "${key}" must be ${what}`, key);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isCountArray = (v: unknown): v is (number | null)[] =>
  Array.isArray(v) && v.every((x) => x === null || isNumber(x));
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the shape of a parsed JSON case; throws `DetectionInputError` naming the field. */
export function parseRCase(json: unknown): RCase {
  if (!isObject(json)) throw new DetectionInputError('a case must be a JSON object', 'case');
  const population = json.population;
  if (population !== null && population !== undefined && !isNumberArray(population)) {
    throw new DetectionInputError('field "population" must be null or an array of numbers', 'population');
  }
  return {
    id: field(json, 'id', isString, 'a string'),
    algorithm: field(json, 'algorithm', isString, 'a string'),
    freq: field(json, 'freq', isNumber, 'a number (52, 12 or 365)'),
    epochAsDate:
      json.epochAsDate === undefined ? false : field(json, 'epochAsDate', isBoolean, 'true or false'),
    start: field(json, 'start', isString, 'an ISO date'),
    dates: field(json, 'dates', isStringArray, 'an array of ISO dates'),
    observed: field(json, 'observed', isCountArray, 'an array of counts or nulls'),
    population: population ?? null,
    control: json.control === undefined ? {} : field(json, 'control', isObject, 'an object'),
    range: field(json, 'range', isNumberArray, 'an array of 1-based indices'),
  };
}

export function seriesFromRCase(c: RCase): CountSeries {
  const frequency = frequencyFromPeriodsPerYear(c.freq);
  if (frequency === undefined) throw new DetectionInputError(`freq ${c.freq} is not 52, 12 or 365`, 'freq');
  return countSeries({
    frequency,
    dates: c.dates,
    observed: c.observed,
    population: c.population,
    epochAsDate: c.epochAsDate,
  });
}
