import { createHash } from 'node:crypto';

/**
 * Failed sign-ins counted per username and per client address, in memory only (both hashed even
 * there; nothing is written anywhere). A success clears the username's count.
 */
export class LoginLimiter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limits: { perUsername: number; perAddress: number; windowMs: number },
    private readonly now: () => number,
  ) {}

  private key(kind: string, value: string): string {
    return createHash('sha256').update(kind).update('\0').update(value).digest('base64url');
  }

  private entry(key: string) {
    const now = this.now();
    let entry = this.counts.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.limits.windowMs };
      this.counts.set(key, entry);
    }
    if (this.counts.size > 50_000) {
      for (const [k, e] of this.counts) if (e.resetAt <= now) this.counts.delete(k);
    }
    return entry;
  }

  blocked(username: string, address: string): boolean {
    return (
      this.entry(this.key('username', username.toLowerCase())).count >= this.limits.perUsername ||
      this.entry(this.key('address', address)).count >= this.limits.perAddress
    );
  }

  recordFailure(username: string, address: string): void {
    this.entry(this.key('username', username.toLowerCase())).count++;
    this.entry(this.key('address', address)).count++;
  }

  recordSuccess(username: string): void {
    this.counts.delete(this.key('username', username.toLowerCase()));
  }
}
