import type { Hasher } from '../tokens/token-hash.ts';
import type { RateLimitsRepository, WindowCount } from './rate-limits.repository.ts';

/** What a counter needs: the shared table, the keyed hash its keys are made with, and the clock. */
export interface CounterStore {
  store: RateLimitsRepository;
  hash: Hasher;
  now: () => number;
}

/**
 * Counts events per key in fixed time windows, in the database every server shares, so that two
 * servers count one burst once. Keys are keyed hashes (they may be addresses, usernames or typed
 * tokens): none is stored as it is, and a copy of the database alone cannot test a guess. Lapsed
 * counts are swept once a window.
 */
export class WindowCounter {
  private nextSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly shared: CounterStore,
  ) {}

  key(kind: string, value: string): string {
    return this.shared.hash('rate-limit', `${kind}\0${value}`);
  }

  /** The counts in the keys' windows now (0 once a window ended), in their order. */
  async counts(keys: { kind: string; value: string }[]): Promise<number[]> {
    return this.shared.store.counts(
      keys.map(({ kind, value }) => this.key(kind, value)),
      new Date(this.shared.now()),
    );
  }

  /** Counts one event; the count in the window with it and when the window ends. */
  async increment(kind: string, value: string): Promise<WindowCount> {
    const now = this.shared.now();
    if (now >= this.nextSweep) {
      this.nextSweep = now + this.windowMs;
      await this.shared.store.sweep(new Date(now));
    }
    return this.shared.store.hit(this.key(kind, value), new Date(now), new Date(now + this.windowMs));
  }

  /** Gives one counted event back (never below zero). */
  async decrement(kind: string, value: string): Promise<void> {
    await this.shared.store.giveBack(this.key(kind, value));
  }
}
