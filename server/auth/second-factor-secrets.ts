import { forgetDeletedPages, type Db } from '../db/connection.ts';
import { seal, unseal } from '../shared/sealed.ts';
import type { KeyInUse } from '../tokens/token-hash.ts';
import { createSecondFactorRepository } from './second-factor.repository.ts';

/**
 * The authenticator apps' secrets are kept encrypted (`sealed:` and AES-256-GCM, bound to the
 * account) with a key in a file beside the token secret: a copy of the database alone cannot make
 * an admin's codes. Secrets stored in plain text by an earlier version are encrypted at start-up.
 */

const sealedPrefix = 'sealed:';
const contextOf = (userId: number) => `second-factor:${userId}`;

export const secondFactorKeyFile = 'wavepanel-second-factor.key';

/** The key may only be made anew while no account keeps a secret encrypted with it. */
export function secondFactorKeyUse({ db }: { db: Db }): KeyInUse {
  return { name: 'second-factor key file', holds: 'second-factor secrets', stored: () => createSecondFactorRepository({ db }).anySealedSecret(sealedPrefix) };
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

/** Encrypts every secret still stored in plain text, and leaves no plain copy in the file or its WAL; returns how many accounts had one. */
export function sealPlainSecrets({ db, secrets }: { db: Db; secrets: SecondFactorSecrets }): number {
  const repository = createSecondFactorRepository({ db });
  const sealIfPlain = (userId: number, stored: string | null) => (stored === null || isSealedSecret(stored) ? stored : secrets.seal(userId, stored));
  const plain = repository.plainSecrets(sealedPrefix);
  for (const user of plain) repository.replaceSecrets(user.id, sealIfPlain(user.id, user.totpSecret), sealIfPlain(user.id, user.totpPendingSecret));
  if (plain.length > 0) forgetDeletedPages(db);
  return plain.length;
}
