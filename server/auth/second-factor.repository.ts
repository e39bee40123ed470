import { and, eq, isNotNull, isNull, like, notLike, or } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { recoveryCodes, users } from '../db/schema.ts';

export function createSecondFactorRepository({ db }: { db: Db }) {
  return {
    setPending(userId: number, secret: string): void {
      db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId)).run();
    },
    /** The pending secret becomes the account's; the recovery codes are replaced by the new ones. */
    enable(userId: number, secret: string, step: number, codeHashes: string[]): void {
      db.transaction((tx) => {
        tx.update(users).set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step }).where(eq(users.id, userId)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
        tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash }))).run();
      });
    },
    remove(userId: number): void {
      db.transaction((tx) => {
        tx.update(users).set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null }).where(eq(users.id, userId)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
      });
    },
    /** Remembers the step of an accepted code; false when a concurrent sign-in took that step already. */
    useStep(userId: number, step: number, lastStep: number | null): boolean {
      const current = lastStep === null ? isNull(users.totpLastStep) : eq(users.totpLastStep, lastStep);
      return db.update(users).set({ totpLastStep: step }).where(and(eq(users.id, userId), current)).run().changes === 1;
    },
    /** Uses up a recovery code; false when it is unknown or used. */
    useRecoveryCode(userId: number, codeHash: string, at: Date): boolean {
      return (
        db
          .update(recoveryCodes)
          .set({ usedAt: at })
          .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
          .run().changes === 1
      );
    },
    /** Accounts with a secret (active or pending) that does not start with `sealedPrefix`. */
    plainSecrets(sealedPrefix: string): { id: number; totpSecret: string | null; totpPendingSecret: string | null }[] {
      const plain = (column: typeof users.totpSecret | typeof users.totpPendingSecret) => and(isNotNull(column), notLike(column, `${sealedPrefix}%`));
      return db
        .select({ id: users.id, totpSecret: users.totpSecret, totpPendingSecret: users.totpPendingSecret })
        .from(users)
        .where(or(plain(users.totpSecret), plain(users.totpPendingSecret)))
        .all();
    },
    replaceSecrets(userId: number, totpSecret: string | null, totpPendingSecret: string | null): void {
      db.update(users).set({ totpSecret, totpPendingSecret }).where(eq(users.id, userId)).run();
    },
    /** Whether any account keeps a secret starting with `sealedPrefix`. */
    anySealedSecret(sealedPrefix: string): boolean {
      const sealed = (column: typeof users.totpSecret | typeof users.totpPendingSecret) => like(column, `${sealedPrefix}%`);
      return db.select({ id: users.id }).from(users).where(or(sealed(users.totpSecret), sealed(users.totpPendingSecret))).limit(1).get() !== undefined;
    },
    recoveryCodesLeft(userId: number): number {
      return db.select().from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).all().length;
    },
  };
}
