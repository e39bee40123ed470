import { and, count, eq, isNotNull, isNull, like, notLike, or } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { recoveryCodes, users } from '../db/schema.ts';

/** The second factors (secrets, last step, recovery codes) on SQLite; the PostgreSQL twin is second-factor.repository.pg.ts. */
export function createSecondFactorRepository({ db }: { db: Db }) {
  return {
    async setPending(userId: number, secret: string): Promise<void> {
      db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId)).run();
    },
    /** The pending secret becomes the account's; the recovery codes are replaced by the new ones (one transaction). */
    async enable(userId: number, secret: string, step: number, codeHashes: string[]): Promise<void> {
      db.transaction((tx) => {
        tx.update(users).set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step }).where(eq(users.id, userId)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
        tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash }))).run();
      });
    },
    async remove(userId: number): Promise<void> {
      db.transaction((tx) => {
        tx.update(users).set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null }).where(eq(users.id, userId)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
      });
    },
    /** Remembers the step of an accepted code; false when a concurrent sign-in took that step already. */
    async useStep(userId: number, step: number, lastStep: number | null): Promise<boolean> {
      const current = lastStep === null ? isNull(users.totpLastStep) : eq(users.totpLastStep, lastStep);
      return db.update(users).set({ totpLastStep: step }).where(and(eq(users.id, userId), current)).run().changes === 1;
    },
    /** Uses up a recovery code; false when it is unknown or used. */
    async useRecoveryCode(userId: number, codeHash: string, at: Date): Promise<boolean> {
      return (
        db
          .update(recoveryCodes)
          .set({ usedAt: at })
          .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
          .run().changes === 1
      );
    },
    /** Accounts with a secret (active or pending) that does not start with `sealedPrefix`. */
    async plainSecrets(sealedPrefix: string): Promise<{ id: number; totpSecret: string | null; totpPendingSecret: string | null }[]> {
      const plain = (column: typeof users.totpSecret | typeof users.totpPendingSecret) => and(isNotNull(column), notLike(column, `${sealedPrefix}%`));
      return db
        .select({ id: users.id, totpSecret: users.totpSecret, totpPendingSecret: users.totpPendingSecret })
        .from(users)
        .where(or(plain(users.totpSecret), plain(users.totpPendingSecret)))
        .all();
    },
    async replaceSecrets(userId: number, totpSecret: string | null, totpPendingSecret: string | null): Promise<void> {
      db.update(users).set({ totpSecret, totpPendingSecret }).where(eq(users.id, userId)).run();
    },
    /** Whether any account keeps a secret starting with `sealedPrefix`. */
    async anySealedSecret(sealedPrefix: string): Promise<boolean> {
      return db.select({ id: users.id }).from(users).where(or(like(users.totpSecret, `${sealedPrefix}%`), like(users.totpPendingSecret, `${sealedPrefix}%`))).limit(1).get() !== undefined;
    },
    async recoveryCodesLeft(userId: number): Promise<number> {
      return db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).get()?.n ?? 0;
    },
  };
}

export type SecondFactorRepository = ReturnType<typeof createSecondFactorRepository>;
