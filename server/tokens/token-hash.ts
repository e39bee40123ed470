import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key for token hashes lives in a file beside (never inside) the database, created on first
 * start. Someone with a copy of the database alone cannot test guessed tokens against it.
 */
export function loadOrCreateSecret(file: string): Buffer {
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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
