import { createHash } from 'node:crypto';

/**
 * Counts failed token attempts per client address, and all attempts per token, in memory only
 * (addresses are hashed even here and never written anywhere). Successful starts do not count
 * against the address, so 30 respondents at one kiosk site are not throttled; guessing is.
 */
export class AttemptLimiter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private key(kind: string, value: string): string {
    return createHash('sha256').update(kind).update('\0').update(value).digest('base64url');
  }

  private entry(key: string) {
    const now = this.now();
    let entry = this.counts.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.windowMs };
      this.counts.set(key, entry);
    }
    if (this.counts.size > 100_000) this.sweep(now);
    return entry;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts) if (entry.resetAt <= now) this.counts.delete(key);
  }

  /** True when this address or this token has used up its attempts. */
  blocked(address: string, token: string): boolean {
    return this.entry(this.key('address', address)).count >= this.limit || this.entry(this.key('token', token)).count >= this.limit * 3;
  }

  recordFailure(address: string): void {
    this.entry(this.key('address', address)).count++;
  }

  recordUse(token: string): void {
    this.entry(this.key('token', token)).count++;
  }
}
