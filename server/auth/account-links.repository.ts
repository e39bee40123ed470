import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { accountLinks } from '../db/schema.ts';

export type AccountLink = typeof accountLinks.$inferSelect;

export function createAccountLinksRepository({ db }: { db: Db }) {
  return {
    insert(link: typeof accountLinks.$inferInsert): void {
      db.insert(accountLinks).values(link).run();
    },
    find(codeHash: string): AccountLink | undefined {
      return db.select().from(accountLinks).where(eq(accountLinks.codeHash, codeHash)).get();
    },
    /** Marks the link used; false when it was used already (two tabs, a replay). */
    use(codeHash: string, usedAt: Date): boolean {
      return db.update(accountLinks).set({ usedAt }).where(and(eq(accountLinks.codeHash, codeHash), isNull(accountLinks.usedAt))).run().changes === 1;
    },
    /** Earlier unused links of the same purpose (and account) stop working when a new one is made. */
    retire(purpose: AccountLink['purpose'], userId: number | null, usedAt: Date): void {
      db.update(accountLinks)
        .set({ usedAt })
        .where(and(eq(accountLinks.purpose, purpose), userId === null ? isNull(accountLinks.userId) : eq(accountLinks.userId, userId), isNull(accountLinks.usedAt)))
        .run();
    },
  };
}
