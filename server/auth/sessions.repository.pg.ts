import { and, eq, lt, ne, or } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { sessions } from '../db/schema.pg.ts';
import { createSessionsRepository, type SessionsRepository } from './sessions.repository.ts';

/** The sessions repository on PostgreSQL; the same contract as the SQLite one in sessions.repository.ts. */
export function createSessionsPgRepository({ db }: { db: PgDb }): Promised<SessionsRepository> {
  return {
    async insert(session) {
      await db.insert(sessions).values(session);
    },
    async find(idHash) {
      const [row] = await db.select().from(sessions).where(eq(sessions.idHash, idHash));
      return row;
    },
    async touch(idHash, lastSeenAt) {
      await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.idHash, idHash));
    },
    async delete(idHash) {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },
    async deleteOfUser(userId) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    async deleteOfUserExcept(userId, keepIdHash) {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)));
    },
    async deleteExpired(idleBefore, createdBefore) {
      await db.delete(sessions).where(or(lt(sessions.lastSeenAt, idleBefore), lt(sessions.createdAt, createdBefore)));
    },
  };
}

export const sessionsRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createSessionsRepository, postgres: createSessionsPgRepository });
