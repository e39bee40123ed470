import { and, asc, count, eq } from 'drizzle-orm';
import type { LanguageGrant } from '../../shared/contract/translate.ts';
import type { Db } from '../db/connection.ts';
import { studyMembers, translatorLanguages, users } from '../db/schema.ts';

export type User = typeof users.$inferSelect;
export type Role = User['role'];
export type { LanguageGrant };

/** The accounts, their study memberships and translators' languages on SQLite; the PostgreSQL twin is users.repository.pg.ts. */
export function createUsersRepository({ db }: { db: Db }) {
  return {
    async findByUsername(username: string): Promise<User | undefined> {
      return db.select().from(users).where(eq(users.username, username)).get();
    },
    async find(id: number): Promise<User | undefined> {
      return db.select().from(users).where(eq(users.id, id)).get();
    },
    async list(): Promise<User[]> {
      return db.select().from(users).orderBy(asc(users.username)).all();
    },
    async insert(user: typeof users.$inferInsert): Promise<User> {
      return db.insert(users).values(user).returning().get();
    },
    async count(): Promise<number> {
      return db.select({ n: count() }).from(users).get()?.n ?? 0;
    },
    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    },
    async setDisabled(id: number, disabledAt: Date | null): Promise<User | undefined> {
      return db.update(users).set({ disabledAt }).where(eq(users.id, id)).returning().get();
    },
    async studiesOf(userId: number): Promise<string[]> {
      return db.select({ studyId: studyMembers.studyId }).from(studyMembers).where(eq(studyMembers.userId, userId)).orderBy(asc(studyMembers.studyId)).all().map((r) => r.studyId);
    },
    async isMember(userId: number, studyId: string): Promise<boolean> {
      return db.select().from(studyMembers).where(and(eq(studyMembers.userId, userId), eq(studyMembers.studyId, studyId))).get() !== undefined;
    },
    async addMember(studyId: string, userId: number): Promise<void> {
      db.insert(studyMembers).values({ studyId, userId }).onConflictDoNothing().run();
    },
    async removeMember(studyId: string, userId: number): Promise<void> {
      db.delete(studyMembers).where(and(eq(studyMembers.studyId, studyId), eq(studyMembers.userId, userId))).run();
    },
    async languagesOf(userId: number): Promise<LanguageGrant[]> {
      return db
        .select({ lang: translatorLanguages.lang, reviewer: translatorLanguages.reviewer })
        .from(translatorLanguages)
        .where(eq(translatorLanguages.userId, userId))
        .orderBy(asc(translatorLanguages.lang))
        .all();
    },
    /** Replaces a translator's languages in one transaction: all of the new ones, or the old ones kept. */
    async setLanguages(userId: number, grants: LanguageGrant[]): Promise<void> {
      db.transaction((tx) => {
        tx.delete(translatorLanguages).where(eq(translatorLanguages.userId, userId)).run();
        if (grants.length) tx.insert(translatorLanguages).values(grants.map((g) => ({ userId, ...g }))).run();
      });
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
