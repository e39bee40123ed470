import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { sessions } from '../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export function createSessionsRepository({ db }: { db: Db }) {
  return {
    insert(session: SessionRow): void {
      db.insert(sessions).values(session).run();
    },
    find(idHash: string): SessionRow | undefined {
      return db.select().from(sessions).where(eq(sessions.idHash, idHash)).get();
    },
    touch(idHash: string, lastSeenAt: Date): void {
      db.update(sessions).set({ lastSeenAt }).where(eq(sessions.idHash, idHash)).run();
    },
    delete(idHash: string): void {
      db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    },
    deleteOfUser(userId: number): void {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
    deleteOfUserExcept(userId: number, keepIdHash: string): void {
      db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash))).run();
    },
    /** Removes sessions that are past either limit. */
    deleteExpired(idleBefore: Date, createdBefore: Date): void {
      db.delete(sessions).where(or(lt(sessions.lastSeenAt, idleBefore), lt(sessions.createdAt, createdBefore))).run();
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
