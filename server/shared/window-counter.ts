import { createHash } from 'node:crypto';

/**
 * Counts events per key in fixed time windows, in memory only. Keys are hashed even here (they
 * may be addresses or usernames) and never written anywhere; expired entries are swept once the
 * map grows large.
 */
export class WindowCounter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly sweepAbove = 50_000,
  ) {}

  private key(kind: string, value: string): string {
    return createHash('sha256').update(kind).update('\0').update(value).digest('base64url');
  }

  private entry(kind: string, value: string) {
    const now = this.now();
    const key = this.key(kind, value);
    let entry = this.counts.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.windowMs };
      this.counts.set(key, entry);
    }
    if (this.counts.size > this.sweepAbove) {
      for (const [k, e] of this.counts) if (e.resetAt <= now) this.counts.delete(k);
    }
    return entry;
  }

  count(kind: string, value: string): number {
    return this.entry(kind, value).count;
  }

  increment(kind: string, value: string): void {
    this.entry(kind, value).count++;
  }

  /** Gives one counted event back (never below zero). */
  decrement(kind: string, value: string): void {
    const entry = this.counts.get(this.key(kind, value));
    if (entry && entry.count > 0) entry.count--;
  }

  reset(kind: string, value: string): void {
    this.counts.delete(this.key(kind, value));
  }
}
