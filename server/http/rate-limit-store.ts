import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { WindowCounter, type CounterStore } from '../shared/window-counter.ts';

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * What @fastify/rate-limit hands a store: a limiter's options (merged with the plugin's), whatever
 * its types say; `groupId` names the limiter's count.
 */
interface LimiterOptions {
  groupId?: string;
  timeWindow?: unknown;
}

/**
 * A store for @fastify/rate-limit that counts in the `rate_limits` table every server on the
 * database shares (see window-counter.ts), so that N servers allow a client the limit once, not N
 * times. Each limiter (`app.rateLimit({ max, timeWindow, groupId })`) counts on its own under its
 * `groupId`; the key (a client address) is stored only as a keyed hash.
 */
export function sharedRateLimitStore(shared: CounterStore): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore {
    private readonly name: string | undefined;
    private readonly counter: WindowCounter | undefined;

    /** The plugin makes one store of its own options, which names no count, and a child of it per limiter. */
    constructor(options: object) {
      const { groupId, timeWindow }: LimiterOptions = options;
      if (groupId && typeof timeWindow === 'number') {
        this.name = `route:${groupId}`;
        this.counter = new WindowCounter(timeWindow, shared);
      }
    }

    incr(key: string, callback: IncrCallback): void {
      if (!this.name || !this.counter) {
        callback(new Error('a shared rate limit counts only for a limiter with a groupId'));
        return;
      }
      this.counter.increment(this.name, key).then(
        ({ count, windowEndsAt }) => callback(null, { current: count, ttl: Math.max(0, windowEndsAt.getTime() - shared.now()) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(options: object) {
      const child = new SharedRateLimitStore(options);
      if (!child.counter) throw new Error('a shared rate limit needs a groupId naming its count and a fixed timeWindow');
      return child;
    }
  };
}
