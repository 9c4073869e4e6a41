import { DomainError } from './errors.ts';

/**
 * Login rate limiting: at most `maxPerKey` failed attempts per username and `maxPerKey × 6` attempts
 * per client address within a sliding window. Pure: time comes in as milliseconds.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly windowMs = 15 * 60_000,
    private readonly maxPerKey = 5,
  ) {}

  private recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const list = (map.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) map.delete(key);
    else map.set(key, list);
    return list;
  }

  /** Throws RATE_LIMITED (with `retryAfterSeconds`) when the user or the address has tried too often. */
  check(username: string, address: string, now: number): void {
    const byUser = this.recent(this.failures, username, now);
    const byAddress = this.recent(this.attempts, address, now);
    const limited =
      byUser.length >= this.maxPerKey
        ? byUser
        : byAddress.length >= this.maxPerKey * 6
          ? byAddress
          : undefined;
    if (limited !== undefined) {
      const retryAfterSeconds = Math.max(1, Math.ceil((limited[0] + this.windowMs - now) / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `too many sign-in attempts; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    }
  }

  recordAttempt(address: string, now: number): void {
    this.attempts.set(address, [...this.recent(this.attempts, address, now), now]);
  }

  recordFailure(username: string, now: number): void {
    this.failures.set(username, [...this.recent(this.failures, username, now), now]);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }
}
