import type { DetectionResult } from '../detection/result.ts';
import type { SeriesOutcome } from './detection-job.ts';

/** Why a series has no result. */
export interface OutcomeError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/**
 * The essential outputs of many series packed in typed arrays: alarm, upper bound, expected and score
 * per monitored point, without the per-series objects and method extras of `SeriesOutcome`. A worker
 * sends one per batch by transfer; `mergeLeanOutcomes` joins them in input order.
 */
export interface LeanOutcomes {
  readonly count: number;
  /** Per series: the first monitored epoch (0-based index into its counts), −1 without a result. */
  readonly from: Int32Array;
  /** Series i's points are pointStart[i] … pointStart[i + 1] − 1 of the arrays below. */
  readonly pointStart: Int32Array;
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  readonly upperBound: Float64Array;
  /** The method's `score` extra where it has one, else NaN. */
  readonly score: Float64Array;
  /** 1 alarm, 0 no alarm, −1 no decision (R's NA). */
  readonly alarm: Int8Array;
  /** The series without a result, by index (0-based within these outcomes). */
  readonly errors: ReadonlyArray<{ readonly index: number; readonly error: OutcomeError }>;
}

/** Packs per-series outcomes; `score` reads the method's `score` extra when it exists. */
export function packLeanOutcomes(outcomes: ReadonlyArray<SeriesOutcome>): LeanOutcomes {
  const count = outcomes.length;
  const from = new Int32Array(count);
  const pointStart = new Int32Array(count + 1);
  let points = 0;
  for (let i = 0; i < count; i++) {
    pointStart[i] = points;
    const o = outcomes[i];
    if (o.ok) points += o.result.observed.length;
  }
  pointStart[count] = points;
  const observed = new Float64Array(points);
  const expected = new Float64Array(points);
  const upperBound = new Float64Array(points);
  const score = new Float64Array(points).fill(Number.NaN);
  const alarm = new Int8Array(points);
  const errors: { index: number; error: OutcomeError }[] = [];
  for (let i = 0; i < count; i++) {
    const o = outcomes[i];
    if (!o.ok) {
      from[i] = -1;
      errors.push({ index: i, error: o.error });
      continue;
    }
    const r: DetectionResult = o.result;
    const at = pointStart[i];
    from[i] = r.range.from;
    observed.set(r.observed, at);
    expected.set(r.expected, at);
    upperBound.set(r.upperBound, at);
    const s = o.extras.score;
    for (let j = 0; j < r.observed.length; j++) {
      const a = r.alarm[j];
      alarm[at + j] = a === null ? -1 : a ? 1 : 0;
      if (s !== undefined) {
        const v = s[j];
        score[at + j] = typeof v === 'number' ? v : Number.NaN;
      }
    }
  }
  return { count, from, pointStart, observed, expected, upperBound, score, alarm, errors };
}

/** Joins consecutive parts (in input order) into one. */
export function mergeLeanOutcomes(parts: ReadonlyArray<LeanOutcomes>): LeanOutcomes {
  if (parts.length === 1) return parts[0];
  let count = 0;
  let points = 0;
  for (const p of parts) {
    count += p.count;
    points += p.observed.length;
  }
  const from = new Int32Array(count);
  const pointStart = new Int32Array(count + 1);
  const observed = new Float64Array(points);
  const expected = new Float64Array(points);
  const upperBound = new Float64Array(points);
  const score = new Float64Array(points);
  const alarm = new Int8Array(points);
  const errors: { index: number; error: OutcomeError }[] = [];
  let s = 0;
  let at = 0;
  for (const p of parts) {
    from.set(p.from, s);
    for (let i = 0; i < p.count; i++) pointStart[s + i] = p.pointStart[i] + at;
    observed.set(p.observed, at);
    expected.set(p.expected, at);
    upperBound.set(p.upperBound, at);
    score.set(p.score, at);
    alarm.set(p.alarm, at);
    for (const e of p.errors) errors.push({ index: e.index + s, error: e.error });
    s += p.count;
    at += p.observed.length;
  }
  pointStart[count] = at;
  return { count, from, pointStart, observed, expected, upperBound, score, alarm, errors };
}

/** The buffers to hand over with `postMessage(outcomes, transfer)`. */
export function leanOutcomesTransfer(o: LeanOutcomes): ArrayBuffer[] {
  return [
    o.from.buffer,
    o.pointStart.buffer,
    o.observed.buffer,
    o.expected.buffer,
    o.upperBound.buffer,
    o.score.buffer,
    o.alarm.buffer,
  ] as ArrayBuffer[];
}
