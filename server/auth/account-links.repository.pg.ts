import { and, eq, isNull } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { accountLinks } from '../db/schema.pg.ts';
import { createAccountLinksRepository } from './account-links.repository.ts';

export type AccountLinksRepository = Promised<ReturnType<typeof createAccountLinksRepository>>;

/** The account links repository on PostgreSQL; the same contract as the SQLite one in account-links.repository.ts. */
export function createAccountLinksPgRepository({ db }: { db: PgDb }): AccountLinksRepository {
  return {
    async insert(link) {
      await db.insert(accountLinks).values(link);
    },
    async find(codeHash) {
      const [row] = await db.select().from(accountLinks).where(eq(accountLinks.codeHash, codeHash));
      return row;
    },
    async use(codeHash, usedAt) {
      const result = await db
        .update(accountLinks)
        .set({ usedAt })
        .where(and(eq(accountLinks.codeHash, codeHash), isNull(accountLinks.usedAt)));
      return result.rowCount === 1;
    },
    async retire(purpose, userId, usedAt) {
      await db
        .update(accountLinks)
        .set({ usedAt })
        .where(and(eq(accountLinks.purpose, purpose), userId === null ? isNull(accountLinks.userId) : eq(accountLinks.userId, userId), isNull(accountLinks.usedAt)));
    },
  };
}

export const accountLinksRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createAccountLinksRepository, postgres: createAccountLinksPgRepository });
