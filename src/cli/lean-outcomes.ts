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

/**
 * Builds lean outcomes one series at a time, so that no per-series result outlives its series: a batch
 * of 1,000 kept results would survive young-generation collections and make the garbage collector copy
 * and promote them (≈ 10 % of a worker's time).
 */
export class LeanOutcomesBuilder {
  private readonly from: Int32Array;
  private readonly pointStart: Int32Array;
  private observed: Float64Array;
  private expected: Float64Array;
  private upperBound: Float64Array;
  private score: Float64Array;
  private alarm: Int8Array;
  private readonly errors: { index: number; error: OutcomeError }[] = [];
  private points = 0;
  private added = 0;

  constructor(private readonly count: number) {
    this.from = new Int32Array(count);
    this.pointStart = new Int32Array(count + 1);
    this.observed = new Float64Array(count);
    this.expected = new Float64Array(count);
    this.upperBound = new Float64Array(count);
    this.score = new Float64Array(count);
    this.alarm = new Int8Array(count);
  }

  /** Adds the outcome of the next series; `score` is the method's `score` extra where it has one. */
  add(o: SeriesOutcome): void {
    const i = this.added++;
    const at = this.points;
    this.pointStart[i] = at;
    if (!o.ok) {
      this.from[i] = -1;
      this.errors.push({ index: i, error: o.error });
      return;
    }
    const r: DetectionResult = o.result;
    const n = r.observed.length;
    if (at + n > this.observed.length) this.grow(at + n);
    this.from[i] = r.range.from;
    this.observed.set(r.observed, at);
    this.expected.set(r.expected, at);
    this.upperBound.set(r.upperBound, at);
    const s = o.extras.score;
    for (let j = 0; j < n; j++) {
      const a = r.alarm[j];
      this.alarm[at + j] = a === null ? -1 : a ? 1 : 0;
      const v = s === undefined ? undefined : s[j];
      this.score[at + j] = typeof v === 'number' ? v : Number.NaN;
    }
    this.points = at + n;
  }

  /** The outcomes of every series added (exactly `count`). */
  finish(): LeanOutcomes {
    if (this.added !== this.count) throw new Error(`expected ${this.count} outcomes, got ${this.added}`);
    const p = this.points;
    this.pointStart[this.count] = p;
    return {
      count: this.count,
      from: this.from,
      pointStart: this.pointStart,
      observed: this.observed.slice(0, p),
      expected: this.expected.slice(0, p),
      upperBound: this.upperBound.slice(0, p),
      score: this.score.slice(0, p),
      alarm: this.alarm.slice(0, p),
      errors: this.errors,
    };
  }

  private grow(needed: number): void {
    const size = Math.max(needed, 2 * this.observed.length);
    const bigger = <T extends Float64Array | Int8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.observed = bigger(this.observed, (n) => new Float64Array(n));
    this.expected = bigger(this.expected, (n) => new Float64Array(n));
    this.upperBound = bigger(this.upperBound, (n) => new Float64Array(n));
    this.score = bigger(this.score, (n) => new Float64Array(n));
    this.alarm = bigger(this.alarm, (n) => new Int8Array(n));
  }
}

/** Packs per-series outcomes (see `LeanOutcomesBuilder`). */
export function packLeanOutcomes(outcomes: ReadonlyArray<SeriesOutcome>): LeanOutcomes {
  const builder = new LeanOutcomesBuilder(outcomes.length);
  for (const o of outcomes) builder.add(o);
  return builder.finish();
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
