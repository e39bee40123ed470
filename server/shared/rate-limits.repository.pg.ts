import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { rateLimits } from '../db/schema.pg.ts';
import { countNow, createRateLimitsRepository, type RateLimitsRepository } from './rate-limits.repository.ts';

/** The shared counters on PostgreSQL; the same contract as the SQLite one in rate-limits.repository.ts. */
export function createRateLimitsPgRepository({ db }: { db: PgDb }): RateLimitsRepository {
  // Counted on every anonymous start and every unknown address: built once (see responses.repository.pg.ts).
  // The placeholders inside raw SQL get no column mapping, so they take the time as ISO text.
  const lapsed = sql`${rateLimits.windowEndsAt} <= ${sql.placeholder('atText')}::timestamptz`;
  const hitKey = db
    .insert(rateLimits)
    .values({ key: sql.placeholder('key'), count: 1, windowEndsAt: sql.placeholder('windowEndsAt') })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${lapsed} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowEndsAt: sql`CASE WHEN ${lapsed} THEN ${sql.placeholder('windowEndsAtText')}::timestamptz ELSE ${rateLimits.windowEndsAt} END`,
      },
    })
    .returning({ count: rateLimits.count, windowEndsAt: rateLimits.windowEndsAt })
    .prepare(db.$statementName('rate_limits_hit'));
  const countsOfKeys = db
    .select({ key: rateLimits.key, count: rateLimits.count, windowEndsAt: rateLimits.windowEndsAt })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ANY(${sql.placeholder('keys')}::text[])`)
    .prepare(db.$statementName('rate_limits_counts'));
  return {
    async hit(key, at, windowEndsAt) {
      const [row] = await hitKey.execute({ key, windowEndsAt, atText: at.toISOString(), windowEndsAtText: windowEndsAt.toISOString() });
      return row!;
    },
    async counts(keys, at) {
      const rows = new Map((await countsOfKeys.execute({ keys })).map((row) => [row.key, row]));
      return keys.map((key) => countNow(rows.get(key), at));
    },
    async giveBack(key) {
      await db
        .update(rateLimits)
        .set({ count: sql`GREATEST(${rateLimits.count} - 1, 0)` })
        .where(eq(rateLimits.key, key));
    },
    async lease(key, at, busyUntil) {
      const rows = await db
        .insert(rateLimits)
        .values({ key, count: 0, windowEndsAt: at, busyUntil })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: { busyUntil, count: sql`CASE WHEN ${lte(rateLimits.windowEndsAt, at)} THEN 0 ELSE ${rateLimits.count} END` },
          setWhere: and(or(isNull(rateLimits.busyUntil), lte(rateLimits.busyUntil, at)), or(isNull(rateLimits.blockedUntil), lte(rateLimits.blockedUntil, at))),
        })
        .returning({ key: rateLimits.key });
      return rows.length > 0;
    },
    async find(key) {
      const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
      return row;
    },
    async release(key, count, blockedUntil, windowEndsAt) {
      await db.update(rateLimits).set({ count, blockedUntil, windowEndsAt, busyUntil: null }).where(eq(rateLimits.key, key));
    },
    async remove(key) {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },
    async sweep(at) {
      await db
        .delete(rateLimits)
        .where(and(lte(rateLimits.windowEndsAt, at), or(isNull(rateLimits.busyUntil), lte(rateLimits.busyUntil, at)), or(isNull(rateLimits.blockedUntil), lte(rateLimits.blockedUntil, at))));
    },
  };
}

export const rateLimitsRepositoryFor = (database: Database): RateLimitsRepository => forDialect(database, { sqlite: createRateLimitsRepository, postgres: createRateLimitsPgRepository });
