import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The secret file is missing although the database holds token hashes made with it. */
export class MissingSecret extends Error {}

/**
 * The key for token hashes lives in a file beside (never inside) the database, created on first
 * start. Someone with a copy of the database alone cannot test guessed tokens against it.
 * A new key is only made while no token is stored (`tokensStored` false): a database restored
 * without its secret file would otherwise start with a new key and refuse every token, silently.
 */
export function loadOrCreateSecret(file: string, tokensStored: () => boolean = () => false): Buffer {
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (tokensStored()) {
    throw new MissingSecret(
      `The token secret file ${path.resolve(file)} is missing, but the database holds participant tokens made with it. ` +
        'Restore the secret file that belongs to this database (WAVEPANEL_SECRET_FILE); a new secret would make every token unknown.',
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

export type Hasher = (purpose: string, value: string) => string;

/** Keyed hashes for every secret value kept by the platform (tokens, response keys). */
export function createHasher(secret: Buffer): Hasher {
  return (purpose, value) => createHmac('sha256', secret).update(purpose).update('\0').update(value).digest('base64url');
}
