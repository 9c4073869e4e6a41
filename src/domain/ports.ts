/** Small ports every service may need; implementations are wired in by `main/`. */

/** "Now", passed in so rules and tests control time. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}

/** SHA-256 of a UTF-8 string, as lowercase hex. */
export type Hasher = (text: string) => string;

/**
 * Runs work in one database transaction: everything inside commits together (including audit entries)
 * or not at all. `S` is the bundle of repositories the caller needs, bound to the transaction.
 */
export interface Transactor<S> {
  transaction<T>(work: (store: S) => Promise<T>): Promise<T>;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
