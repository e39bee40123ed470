import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { rateLimits } from '../db/schema.ts';

export type RateLimitRow = typeof rateLimits.$inferSelect;
export type WindowCount = Pick<RateLimitRow, 'count' | 'windowEndsAt'>;

/** A stored count as it stands at `at`: 0 once its window ended, or when there is none. */
export const countNow = (row: WindowCount | undefined, at: Date): number => (row && row.windowEndsAt > at ? row.count : 0);

/**
 * Counters that every server on one database shares (see rate-limits.ts for what is counted). A
 * row is a keyed hash and what lapses when: a count in a fixed window, and for accounts a delay
 * (`blockedUntil`) and a lease while one password check runs (`busyUntil`). Each method is one
 * statement, so two servers counting at once cannot both pass a check.
 * The PostgreSQL twin is rate-limits.repository.pg.ts.
 */
export function createRateLimitsRepository({ db }: { db: Db }) {
  // Counted on every anonymous start and every unknown address: prepared once. The placeholders
  // inside raw SQL get no column mapping, so they take the milliseconds a `timestamp_ms` column stores.
  const lapsed = sql`${rateLimits.windowEndsAt} <= ${sql.placeholder('atMs')}`;
  const hitKey = db
    .insert(rateLimits)
    .values({ key: sql.placeholder('key'), count: 1, windowEndsAt: sql.placeholder('windowEndsAt') })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${lapsed} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowEndsAt: sql`CASE WHEN ${lapsed} THEN ${sql.placeholder('windowEndsAtMs')} ELSE ${rateLimits.windowEndsAt} END`,
      },
    })
    .returning({ count: rateLimits.count, windowEndsAt: rateLimits.windowEndsAt })
    .prepare();
  const countOfKey = db
    .select({ count: rateLimits.count, windowEndsAt: rateLimits.windowEndsAt })
    .from(rateLimits)
    .where(eq(rateLimits.key, sql.placeholder('key')))
    .prepare();
  return {
    /** Counts one event in the key's window (a new window once the last one ended); the count with it and when its window ends. */
    async hit(key: string, at: Date, windowEndsAt: Date): Promise<WindowCount> {
      return hitKey.get({ key, windowEndsAt, atMs: at.getTime(), windowEndsAtMs: windowEndsAt.getTime() })!;
    },
    /** The counts in the keys' windows now (0 once a window ended), in their order; on PostgreSQL in one round trip. */
    async counts(keys: string[], at: Date): Promise<number[]> {
      return keys.map((key) => countNow(countOfKey.get({ key }), at));
    },
    /** Gives one counted event back (never below zero). */
    async giveBack(key: string): Promise<void> {
      db.update(rateLimits).set({ count: sql`MAX(${rateLimits.count} - 1, 0)` }).where(eq(rateLimits.key, key)).run();
    },
    /**
     * Takes the key's lease until `busyUntil` unless another holds it or its delay runs; a count whose
     * window ended starts again at zero. False when refused.
     */
    async lease(key: string, at: Date, busyUntil: Date): Promise<boolean> {
      const row = db
        .insert(rateLimits)
        .values({ key, count: 0, windowEndsAt: at, busyUntil })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: { busyUntil, count: sql`CASE WHEN ${lte(rateLimits.windowEndsAt, at)} THEN 0 ELSE ${rateLimits.count} END` },
          setWhere: and(or(isNull(rateLimits.busyUntil), lte(rateLimits.busyUntil, at)), or(isNull(rateLimits.blockedUntil), lte(rateLimits.blockedUntil, at))),
        })
        .returning({ key: rateLimits.key })
        .get();
      return row !== undefined;
    },
    async find(key: string): Promise<RateLimitRow | undefined> {
      return db.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
    },
    /** Ends the lease with the key's new count, its delay and the end of its window. */
    async release(key: string, count: number, blockedUntil: Date, windowEndsAt: Date): Promise<void> {
      db.update(rateLimits).set({ count, blockedUntil, windowEndsAt, busyUntil: null }).where(eq(rateLimits.key, key)).run();
    },
    async remove(key: string): Promise<void> {
      db.delete(rateLimits).where(eq(rateLimits.key, key)).run();
    },
    /** Forgets every key whose window, delay and lease have all lapsed. */
    async sweep(at: Date): Promise<void> {
      db.delete(rateLimits)
        .where(and(lte(rateLimits.windowEndsAt, at), or(isNull(rateLimits.busyUntil), lte(rateLimits.busyUntil, at)), or(isNull(rateLimits.blockedUntil), lte(rateLimits.blockedUntil, at))))
        .run();
    },
  };
}

export type RateLimitsRepository = ReturnType<typeof createRateLimitsRepository>;
