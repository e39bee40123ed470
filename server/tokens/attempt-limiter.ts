import { WindowCounter } from '../http/window-counter.ts';

/**
 * Counts failed token attempts per client address, and all attempts per token. Successful starts
 * do not count against the address, so 30 respondents at one kiosk site are not throttled;
 * guessing is.
 */
export class AttemptLimiter {
  private readonly attempts: WindowCounter;

  constructor(
    private readonly limit: number,
    windowMs: number,
    now: () => number = Date.now,
  ) {
    this.attempts = new WindowCounter(windowMs, now, 100_000);
  }

  /** True when this address or this token has used up its attempts. */
  blocked(address: string, token: string): boolean {
    return this.attempts.count('address', address) >= this.limit || this.attempts.count('token', token) >= this.limit * 3;
  }

  recordFailure(address: string): void {
    this.attempts.increment('address', address);
  }

  recordUse(token: string): void {
    this.attempts.increment('token', token);
  }
}
