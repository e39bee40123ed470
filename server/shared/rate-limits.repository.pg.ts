import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { createBatches } from '../db/batches.ts';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { rateLimits } from '../db/schema.pg.ts';
import { countNow, createRateLimitsRepository, type RateLimitsRepository } from './rate-limits.repository.ts';

/**
 * Counts a batch of hits, `$2` hits per key, in one statement. A window that ended by the batch's
 * latest moment (`$4`) starts again with the batch's hits and the end `$3` of the key's latest hit.
 */
const countHits = `
  INSERT INTO rate_limits AS r (key, count, window_ends_at)
  SELECT * FROM unnest($1::text[], $2::integer[], $3::timestamptz[])
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN r.window_ends_at <= $4::timestamptz THEN excluded.count ELSE r.count + excluded.count END,
    window_ends_at = CASE WHEN r.window_ends_at <= $4::timestamptz THEN excluded.window_ends_at ELSE r.window_ends_at END
  RETURNING key, count, window_ends_at`;

/** The shared counters on PostgreSQL; the same contract as the SQLite one in rate-limits.repository.ts. */
export function createRateLimitsPgRepository({ db }: { db: PgDb }): RateLimitsRepository {
  // Counted on every anonymous start and every unknown address: the hits and the reads that arrive
  // together go as one statement each (createBatches).
  const hitsName = db.$statementName('rate_limits_hits');
  const hits = createBatches(async (batch: { key: string; at: Date; windowEndsAt: Date }[]) => {
    const byKey = new Map<string, typeof batch>();
    for (const hit of batch) byKey.set(hit.key, [...(byKey.get(hit.key) ?? []), hit]);
    const latest = [...byKey.values()].map((group) => group.at(-1)!);
    const at = new Date(Math.max(...batch.map((hit) => hit.at.getTime())));
    const { rows } = await db.$client.query<[string, number, Date]>({
      name: hitsName,
      text: countHits,
      values: [latest.map((hit) => hit.key), latest.map((hit) => byKey.get(hit.key)!.length), latest.map((hit) => hit.windowEndsAt.toISOString()), at.toISOString()],
      rowMode: 'array',
    });
    const counted = new Map(rows.map(([key, count, windowEndsAt]) => [key, { count, windowEndsAt }]));
    // The hits to one key count in the order they came: the last gets the count the row now has.
    return batch.map((hit) => {
      const group = byKey.get(hit.key)!;
      const row = counted.get(hit.key)!;
      return { count: row.count - (group.length - 1 - group.indexOf(hit)), windowEndsAt: row.windowEndsAt };
    });
  });
  const countsOfKeys = db
    .select({ key: rateLimits.key, count: rateLimits.count, windowEndsAt: rateLimits.windowEndsAt })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ANY(${sql.placeholder('keys')}::text[])`)
    .prepare(db.$statementName('rate_limits_counts'));
  const reads = createBatches(async (keyLists: string[][]) => {
    const rows = new Map((await countsOfKeys.execute({ keys: [...new Set(keyLists.flat())] })).map((row) => [row.key, row]));
    return keyLists.map((keys) => keys.map((key) => rows.get(key)));
  });
  return {
    async hit(key, at, windowEndsAt) {
      return hits.run({ key, at, windowEndsAt });
    },
    async counts(keys, at) {
      return (await reads.run(keys)).map((row) => countNow(row, at));
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
