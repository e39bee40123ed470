import { WindowCounter } from '../http/window-counter.ts';

/** Failed sign-ins counted per username and per client address. A success clears the username's count. */
export class LoginLimiter {
  private readonly failures: WindowCounter;

  constructor(
    private readonly limits: { perUsername: number; perAddress: number; windowMs: number },
    now: () => number,
  ) {
    this.failures = new WindowCounter(limits.windowMs, now);
  }

  blocked(username: string, address: string): boolean {
    return this.failures.count('username', username.toLowerCase()) >= this.limits.perUsername || this.failures.count('address', address) >= this.limits.perAddress;
  }

  recordFailure(username: string, address: string): void {
    this.failures.increment('username', username.toLowerCase());
    this.failures.increment('address', address);
  }

  recordSuccess(username: string): void {
    this.failures.reset('username', username.toLowerCase());
  }
}
