import { forgetDeletedPages } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { seal, unseal } from '../shared/sealed.ts';
import type { KeyInUse } from '../tokens/token-hash.ts';
import { secondFactorRepositoryFor } from './second-factor.repository.pg.ts';

/**
 * The authenticator apps' secrets are kept encrypted (`sealed:` and AES-256-GCM, bound to the
 * account) with a key in a file beside the token secret: a copy of the database alone cannot make
 * an admin's codes. Secrets stored in plain text by an earlier version are encrypted at start-up.
 */

const sealedPrefix = 'sealed:';
const contextOf = (userId: number) => `second-factor:${userId}`;

export const secondFactorKeyFile = 'wavepanel-second-factor.key';

/** The key may only be made anew while no account keeps a secret encrypted with it. */
export async function secondFactorKeyUse({ database }: { database: Database }): Promise<KeyInUse> {
  const sealed = await secondFactorRepositoryFor(database).anySealedSecret(sealedPrefix);
  return { name: 'second-factor key file', holds: 'second-factor secrets', stored: () => sealed };
}

export function isSealedSecret(stored: string): boolean {
  return stored.startsWith(sealedPrefix);
}

export function createSecondFactorSecrets(key: Buffer) {
  return {
    seal: (userId: number, secret: string): string => sealedPrefix + seal(key, contextOf(userId), secret),
    open(userId: number, stored: string): string {
      if (!isSealedSecret(stored)) throw new Error(`The second factor of account ${userId} is not encrypted; it is encrypted at start-up.`);
      return unseal(key, contextOf(userId), stored.slice(sealedPrefix.length));
    },
  };
}

export type SecondFactorSecrets = ReturnType<typeof createSecondFactorSecrets>;

/** Encrypts every secret still stored in plain text, and leaves no plain copy in a SQLite file or its WAL; returns how many accounts had one. */
export async function sealPlainSecrets({ database, secrets }: { database: Database; secrets: SecondFactorSecrets }): Promise<number> {
  const repository = secondFactorRepositoryFor(database);
  const sealIfPlain = (userId: number, stored: string | null) => (stored === null || isSealedSecret(stored) ? stored : secrets.seal(userId, stored));
  const plain = await repository.plainSecrets(sealedPrefix);
  for (const user of plain) await repository.replaceSecrets(user.id, sealIfPlain(user.id, user.totpSecret), sealIfPlain(user.id, user.totpPendingSecret));
  if (plain.length > 0 && database.dialect === 'sqlite') forgetDeletedPages(database.db);
  return plain.length;
}
