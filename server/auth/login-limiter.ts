import { createHash } from 'node:crypto';
import { WindowCounter } from '../shared/window-counter.ts';

/**
 * Sign-in attempts are counted and refused *before* the password hash is computed, and the count
 * is taken in the same synchronous step as the check, so a burst of concurrent requests cannot
 * all pass the check before the first failure is recorded:
 * - per client address: at most `perAddress` attempts per window that did not succeed (refused,
 *   failed or still running);
 * - per account: one password check at a time, and after `freeFailures` failures a delay before
 *   the next check that doubles with each further failure, up to `maxDelayMs`. The account is
 *   never locked for long: someone who knows a username can slow its sign-in down by at most
 *   `maxDelayMs`, not lock its owner out for a quarter of an hour;
 * - for the whole server: at most `maxInFlight` password checks under way, so a burst from many
 *   addresses waits no longer than a few hashes and a colleague's sign-in is not stuck behind it.
 * A success clears the account's failures and gives the address its attempt back. Keys are
 * hashed and kept in memory only.
 */

export interface LoginLimits {
  perAddress: number;
  windowMs: number;
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxInFlight: number;
}

export const defaultLoginLimits: LoginLimits = {
  perAddress: 30,
  windowMs: 15 * 60 * 1000,
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxInFlight: 8,
};

export type LoginRefusal = { ok: false; reason: 'address' | 'account' | 'busy'; retryAfterMs: number };
export type LoginAttempt = { ok: true; finish: (success: boolean) => void } | LoginRefusal;

interface AccountState {
  failures: number;
  nextAt: number;
  checking: boolean;
}

/** The wait before the next check of an account after `failures` failures. Pure. */
export function accountDelayMs(failures: number, limits: Pick<LoginLimits, 'freeFailures' | 'baseDelayMs' | 'maxDelayMs'>): number {
  if (failures < limits.freeFailures) return 0;
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (failures - limits.freeFailures));
}

export class LoginLimiter {
  private readonly addresses: WindowCounter;
  private readonly accounts = new Map<string, AccountState>();
  private inFlight = 0;

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {
    this.addresses = new WindowCounter(limits.windowMs, now);
  }

  /** Checks and reserves one attempt; call `finish` with the outcome once the password was checked. */
  begin(username: string, address: string): LoginAttempt {
    const now = this.now();
    if (this.addresses.count('address', address) >= this.limits.perAddress) return { ok: false, reason: 'address', retryAfterMs: this.limits.windowMs };
    // Every attempt counts against its address, refused ones too: an address sending a burst uses up its attempts.
    this.addresses.increment('address', address);
    if (this.inFlight >= this.limits.maxInFlight) return { ok: false, reason: 'busy', retryAfterMs: 1000 };
    const key = createHash('sha256').update(username.toLowerCase()).digest('base64url');
    const account = this.accounts.get(key) ?? { failures: 0, nextAt: 0, checking: false };
    // Failures long past are forgiven: a mistyped password last month does not delay today's sign-in.
    if (!account.checking && account.failures > 0 && now >= account.nextAt + this.limits.windowMs) account.failures = 0;
    if (account.checking) return { ok: false, reason: 'account', retryAfterMs: 1000 };
    if (now < account.nextAt) return { ok: false, reason: 'account', retryAfterMs: account.nextAt - now };
    this.sweep(now);
    this.accounts.set(key, account);
    account.checking = true;
    this.inFlight++;
    let finished = false;
    return {
      ok: true,
      finish: (success) => {
        if (finished) return;
        finished = true;
        this.inFlight--;
        account.checking = false;
        if (success) {
          this.accounts.delete(key);
          this.addresses.decrement('address', address);
        } else {
          account.failures++;
          account.nextAt = this.now() + accountDelayMs(account.failures, this.limits);
        }
      },
    };
  }

  /** Forgets accounts whose delay ran out a window ago, once many are kept. */
  private sweep(now: number): void {
    if (this.accounts.size < 10_000) return;
    for (const [key, state] of this.accounts) if (!state.checking && state.nextAt + this.limits.windowMs < now) this.accounts.delete(key);
  }
}
