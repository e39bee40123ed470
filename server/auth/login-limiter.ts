import { WindowCounter, type CounterStore } from '../shared/window-counter.ts';

/**
 * Sign-in attempts are counted and refused *before* the password hash is computed, each check and
 * its count one statement on the database every server shares, so a burst of concurrent requests
 * (to one server or to several) cannot all pass the check before the first failure is recorded:
 * - per client address: at most `perAddress` attempts per window that did not succeed (refused,
 *   failed or still running);
 * - per account: one password check at a time (a lease of `checkLeaseMs`, so a server that dies
 *   mid-check holds the account no longer), and after `freeFailures` failures a delay before the
 *   next check that doubles with each further failure, up to `maxDelayMs`. The account is never
 *   locked for long: someone who knows a username can slow its sign-in down by at most
 *   `maxDelayMs`, not lock its owner out for a quarter of an hour;
 * - per server process: at most `maxInFlight` password checks under way, so a burst from many
 *   addresses waits no longer than a few hashes and a colleague's sign-in is not stuck behind it.
 *   This one stays in memory: it guards this process's CPU, which other servers do not share.
 * A success clears the account's failures and gives the address its attempt back. Addresses and
 * usernames are stored only as keyed hashes (see WindowCounter).
 */

export interface LoginLimits {
  perAddress: number;
  windowMs: number;
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxInFlight: number;
  checkLeaseMs: number;
}

export const defaultLoginLimits: LoginLimits = {
  perAddress: 30,
  windowMs: 15 * 60 * 1000,
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxInFlight: 8,
  checkLeaseMs: 30_000,
};

export type LoginRefusal = { ok: false; reason: 'address' | 'account' | 'busy'; retryAfterMs: number };
export type LoginAttempt = { ok: true; finish: (success: boolean) => Promise<void> } | LoginRefusal;

/** The wait before the next check of an account after `failures` failures. Pure. */
export function accountDelayMs(failures: number, limits: Pick<LoginLimits, 'freeFailures' | 'baseDelayMs' | 'maxDelayMs'>): number {
  if (failures < limits.freeFailures) return 0;
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (failures - limits.freeFailures));
}

export class LoginLimiter {
  private readonly addresses: WindowCounter;
  private inFlight = 0;

  constructor(
    private readonly limits: LoginLimits,
    private readonly shared: CounterStore,
  ) {
    this.addresses = new WindowCounter(limits.windowMs, shared);
  }

  /** Checks and reserves one attempt; call `finish` with the outcome once the password was checked. */
  async begin(username: string, address: string): Promise<LoginAttempt> {
    const { store, now } = this.shared;
    // Every attempt counts against its address, refused ones too: an address sending a burst uses up its attempts.
    if ((await this.addresses.increment('address', address)).count > this.limits.perAddress) return { ok: false, reason: 'address', retryAfterMs: this.limits.windowMs };
    if (this.inFlight >= this.limits.maxInFlight) return { ok: false, reason: 'busy', retryAfterMs: 1000 };
    this.inFlight++;
    const account = this.addresses.key('account', username.toLowerCase());
    const at = now();
    // Failures long past are forgiven (the lease starts them at zero once their window ended): a mistyped password last month does not delay today's sign-in.
    if (!(await store.lease(account, new Date(at), new Date(at + this.limits.checkLeaseMs)))) {
      this.inFlight--;
      const blockedUntil = (await store.find(account))?.blockedUntil?.getTime() ?? 0;
      return { ok: false, reason: 'account', retryAfterMs: blockedUntil > at ? blockedUntil - at : 1000 };
    }
    let finished = false;
    return {
      ok: true,
      finish: async (success) => {
        if (finished) return;
        finished = true;
        this.inFlight--;
        if (success) {
          await store.remove(account);
          await this.addresses.decrement('address', address);
          return;
        }
        const failures = ((await store.find(account))?.count ?? 0) + 1;
        const blockedUntil = now() + accountDelayMs(failures, this.limits);
        await store.release(account, failures, new Date(blockedUntil), new Date(blockedUntil + this.limits.windowMs));
      },
    };
  }
}
