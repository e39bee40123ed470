import { and, asc, count, eq } from 'drizzle-orm';
import type { LanguageGrant } from '../../shared/contract/translate.ts';
import type { Db } from '../db/connection.ts';
import { studyMembers, translatorLanguages, users } from '../db/schema.ts';

export type User = typeof users.$inferSelect;
export type Role = User['role'];
export type { LanguageGrant };

export function createUsersRepository({ db }: { db: Db }) {
  return {
    findByUsername(username: string): User | undefined {
      return db.select().from(users).where(eq(users.username, username)).get();
    },
    find(id: number): User | undefined {
      return db.select().from(users).where(eq(users.id, id)).get();
    },
    list(): User[] {
      return db.select().from(users).orderBy(asc(users.username)).all();
    },
    insert(user: typeof users.$inferInsert): User {
      return db.insert(users).values(user).returning().get();
    },
    count(): number {
      return db.select({ n: count() }).from(users).get()?.n ?? 0;
    },
    setPasswordHash(id: number, passwordHash: string): void {
      db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    },
    setDisabled(id: number, disabledAt: Date | null): User | undefined {
      return db.update(users).set({ disabledAt }).where(eq(users.id, id)).returning().get();
    },
    studiesOf(userId: number): string[] {
      return db.select({ studyId: studyMembers.studyId }).from(studyMembers).where(eq(studyMembers.userId, userId)).all().map((r) => r.studyId);
    },
    membersOf(studyId: string): number[] {
      return db.select({ userId: studyMembers.userId }).from(studyMembers).where(eq(studyMembers.studyId, studyId)).all().map((r) => r.userId);
    },
    isMember(userId: number, studyId: string): boolean {
      return db.select().from(studyMembers).where(and(eq(studyMembers.userId, userId), eq(studyMembers.studyId, studyId))).get() !== undefined;
    },
    addMember(studyId: string, userId: number): void {
      db.insert(studyMembers).values({ studyId, userId }).onConflictDoNothing().run();
    },
    languagesOf(userId: number): LanguageGrant[] {
      return db
        .select({ lang: translatorLanguages.lang, reviewer: translatorLanguages.reviewer })
        .from(translatorLanguages)
        .where(eq(translatorLanguages.userId, userId))
        .orderBy(asc(translatorLanguages.lang))
        .all();
    },
    setLanguages(userId: number, grants: LanguageGrant[]): void {
      db.transaction((tx) => {
        tx.delete(translatorLanguages).where(eq(translatorLanguages.userId, userId)).run();
        if (grants.length) tx.insert(translatorLanguages).values(grants.map((g) => ({ userId, ...g }))).run();
      });
    },
    removeMember(studyId: string, userId: number): void {
      db.delete(studyMembers).where(and(eq(studyMembers.studyId, studyId), eq(studyMembers.userId, userId))).run();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
