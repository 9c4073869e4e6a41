import { DetectionOptionsError, type OptionProblem } from '../errors.ts';

/**
 * Reads an R-style `control` list (parsed JSON) into typed options, collecting every problem instead
 * of stopping at the first. Call `done()` last: it rejects unknown keys and throws
 * `DetectionOptionsError` listing all problems.
 */
export class ControlReader {
  private readonly problems: OptionProblem[] = [];
  private readonly seen = new Set<string>();
  private readonly control: Readonly<Record<string, unknown>>;

  constructor(
    readonly algorithm: string,
    control: unknown,
  ) {
    if (control === undefined || control === null) this.control = {};
    else if (typeof control === 'object' && !Array.isArray(control))
      this.control = control as Record<string, unknown>;
    else {
      this.control = {};
      this.problems.push({ option: 'control', message: 'must be a JSON object' });
    }
  }

  /** Whether the key is present (and not null). Marks it as known. */
  has(key: string): boolean {
    this.seen.add(key);
    return this.control[key] !== undefined && this.control[key] !== null;
  }

  /** The raw value (marks the key as known). */
  raw(key: string): unknown {
    this.seen.add(key);
    return this.control[key];
  }

  problem(option: string, message: string): void {
    this.problems.push({ option, message });
  }

  number(key: string, fallback: number, check?: (v: number) => string | undefined): number {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.problem(key, `expected a finite number, got ${JSON.stringify(v)}`);
      return fallback;
    }
    const msg = check?.(v);
    if (msg !== undefined) {
      this.problem(key, msg);
      return fallback;
    }
    return v;
  }

  integer(
    key: string,
    fallback: number,
    min = Number.NEGATIVE_INFINITY,
    max = Number.POSITIVE_INFINITY,
  ): number {
    return this.number(key, fallback, (v) =>
      Number.isInteger(v) && v >= min && v <= max
        ? undefined
        : `expected an integer${Number.isFinite(min) ? ` ≥ ${min}` : ''}${Number.isFinite(max) ? ` ≤ ${max}` : ''}, got ${v}`,
    );
  }

  /** A probability strictly between 0 and 1 (or in [0, 1] when `closed`). */
  probability(key: string, fallback: number, closed = false): number {
    return this.number(key, fallback, (v) =>
      (closed ? v >= 0 && v <= 1 : v > 0 && v < 1)
        ? undefined
        : `expected a number in ${closed ? '[0, 1]' : '(0, 1)'}, got ${v}`,
    );
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') {
      this.problem(key, `expected true or false, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return v;
  }

  oneOf<T extends string>(key: string, allowed: ReadonlyArray<T>, fallback: T): T {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string' || !(allowed as ReadonlyArray<string>).includes(v)) {
      this.problem(
        key,
        `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v)}`,
      );
      return fallback;
    }
    return v as T;
  }

  numberArray(key: string, fallback: ReadonlyArray<number>, length?: number): ReadonlyArray<number> {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.problem(key, `expected an array of numbers, got ${JSON.stringify(v)}`);
      return fallback;
    }
    if (length !== undefined && v.length !== length) {
      this.problem(key, `expected ${length} numbers, got ${v.length}`);
      return fallback;
    }
    return v as number[];
  }

  /** Rejects unknown keys and throws if any problem was found. */
  done(): void {
    for (const key of Object.keys(this.control)) {
      if (!this.seen.has(key)) this.problem(key, 'unknown option');
    }
    if (this.problems.length > 0) throw new DetectionOptionsError(this.algorithm, this.problems);
  }
}
