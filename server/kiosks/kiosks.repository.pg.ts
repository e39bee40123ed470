import { and, asc, eq, isNull } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { kiosks } from '../db/schema.pg.ts';
import { createKiosksRepository } from './kiosks.repository.ts';

export type KiosksRepository = Promised<ReturnType<typeof createKiosksRepository>>;

/** The kiosks repository on PostgreSQL; the same contract as the SQLite one in kiosks.repository.ts. */
export function createKiosksPgRepository({ db }: { db: PgDb }): KiosksRepository {
  return {
    async insert(kiosk) {
      const [row] = await db.insert(kiosks).values(kiosk).returning();
      return row!;
    },
    async findActiveByKeyHash(keyHash) {
      const [row] = await db
        .select()
        .from(kiosks)
        .where(and(eq(kiosks.keyHash, keyHash), isNull(kiosks.revokedAt)))
        .limit(1);
      return row;
    },
    async list() {
      return db.select().from(kiosks).orderBy(asc(kiosks.id));
    },
    async revoke(id, at) {
      const result = await db
        .update(kiosks)
        .set({ revokedAt: at })
        .where(and(eq(kiosks.id, id), isNull(kiosks.revokedAt)));
      return (result.rowCount ?? 0) > 0;
    },
  };
}

export const kiosksRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createKiosksRepository, postgres: createKiosksPgRepository });
