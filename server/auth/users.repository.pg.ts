import { and, asc, count, eq } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { studyMembers, translatorLanguages, users } from '../db/schema.pg.ts';
import { createUsersRepository, type UsersRepository } from './users.repository.ts';

/** The users repository on PostgreSQL; the same contract as the SQLite one in users.repository.ts. */
export function createUsersPgRepository({ db }: { db: PgDb }): UsersRepository {
  return {
    async findByUsername(username) {
      const [row] = await db.select().from(users).where(eq(users.username, username));
      return row;
    },
    async find(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async list() {
      return db.select().from(users).orderBy(asc(users.username));
    },
    async insert(user) {
      const [row] = await db.insert(users).values(user).returning();
      return row!;
    },
    async count() {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },
    async setPasswordHash(id, passwordHash) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },
    async setDisabled(id, disabledAt) {
      const [row] = await db.update(users).set({ disabledAt }).where(eq(users.id, id)).returning();
      return row;
    },
    async studiesOf(userId) {
      const rows = await db.select({ studyId: studyMembers.studyId }).from(studyMembers).where(eq(studyMembers.userId, userId)).orderBy(asc(studyMembers.studyId));
      return rows.map((r) => r.studyId);
    },
    async isMember(userId, studyId) {
      const [row] = await db
        .select({ userId: studyMembers.userId })
        .from(studyMembers)
        .where(and(eq(studyMembers.userId, userId), eq(studyMembers.studyId, studyId)));
      return row !== undefined;
    },
    async addMember(studyId, userId) {
      await db.insert(studyMembers).values({ studyId, userId }).onConflictDoNothing();
    },
    async removeMember(studyId, userId) {
      await db.delete(studyMembers).where(and(eq(studyMembers.studyId, studyId), eq(studyMembers.userId, userId)));
    },
    async languagesOf(userId) {
      return db
        .select({ lang: translatorLanguages.lang, reviewer: translatorLanguages.reviewer })
        .from(translatorLanguages)
        .where(eq(translatorLanguages.userId, userId))
        .orderBy(asc(translatorLanguages.lang));
    },
    async setLanguages(userId, grants) {
      await db.transaction(async (tx) => {
        await tx.delete(translatorLanguages).where(eq(translatorLanguages.userId, userId));
        if (grants.length) await tx.insert(translatorLanguages).values(grants.map((g) => ({ userId, ...g })));
      });
    },
  };
}

export const usersRepositoryFor = (database: Database): UsersRepository => forDialect(database, { sqlite: createUsersRepository, postgres: createUsersPgRepository });
