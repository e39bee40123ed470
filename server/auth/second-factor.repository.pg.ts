import { and, count, eq, isNotNull, isNull, like, notLike, or } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { recoveryCodes, users } from '../db/schema.pg.ts';
import { createSecondFactorRepository, type SecondFactorRepository } from './second-factor.repository.ts';

/** The second-factor repository on PostgreSQL; the same contract as the SQLite one in second-factor.repository.ts. */
export function createSecondFactorPgRepository({ db }: { db: PgDb }): SecondFactorRepository {
  return {
    async setPending(userId, secret) {
      await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId));
    },
    async enable(userId, secret, step, codeHashes) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step }).where(eq(users.id, userId));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      });
    },
    async remove(userId) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null }).where(eq(users.id, userId));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      });
    },
    async useStep(userId, step, lastStep) {
      const current = lastStep === null ? isNull(users.totpLastStep) : eq(users.totpLastStep, lastStep);
      const result = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, userId), current));
      return result.rowCount === 1;
    },
    async useRecoveryCode(userId, codeHash, at) {
      const result = await db
        .update(recoveryCodes)
        .set({ usedAt: at })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)));
      return result.rowCount === 1;
    },
    async plainSecrets(sealedPrefix) {
      const plain = (column: typeof users.totpSecret | typeof users.totpPendingSecret) => and(isNotNull(column), notLike(column, `${sealedPrefix}%`));
      return db
        .select({ id: users.id, totpSecret: users.totpSecret, totpPendingSecret: users.totpPendingSecret })
        .from(users)
        .where(or(plain(users.totpSecret), plain(users.totpPendingSecret)));
    },
    async replaceSecrets(userId, totpSecret, totpPendingSecret) {
      await db.update(users).set({ totpSecret, totpPendingSecret }).where(eq(users.id, userId));
    },
    async anySealedSecret(sealedPrefix) {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(or(like(users.totpSecret, `${sealedPrefix}%`), like(users.totpPendingSecret, `${sealedPrefix}%`)))
        .limit(1);
      return rows.length > 0;
    },
    async recoveryCodesLeft(userId) {
      const [row] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row?.n ?? 0;
    },
  };
}

export const secondFactorRepositoryFor = (database: Database): SecondFactorRepository =>
  forDialect(database, { sqlite: createSecondFactorRepository, postgres: createSecondFactorPgRepository });
