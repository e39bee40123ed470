import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The secret file is missing although the database holds token hashes made with it. */
export class MissingSecret extends Error {}

/** What the database holds that was made with a key, so that the key's file may not simply be made anew. */
export interface KeyInUse {
  /** The file as an operator knows it, e.g. "token secret file". */
  name: string;
  /** What it made, e.g. "participant tokens". */
  holds: string;
  stored: () => boolean;
}

/**
 * Keys (for token hashes, and for what is kept encrypted) live in files beside (never inside) the
 * database, created on first start. Someone with a copy of the database alone cannot test guessed
 * tokens against it or read what is encrypted. A new key is only made while nothing made with the
 * old one is stored (`inUse`): a database restored without its key file would otherwise start with
 * a new key and refuse every token or second factor, silently.
 */
export function loadOrCreateSecret(file: string, inUse?: KeyInUse): Buffer {
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (inUse?.stored()) {
    throw new MissingSecret(
      `The ${inUse.name} ${path.resolve(file)} is missing, but the database holds ${inUse.holds} made with it. ` +
        `Restore the file that belongs to this database (the key files lie beside WAVEPANEL_SECRET_FILE); a new key would make all ${inUse.holds} unusable.`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/** A key file beside the token secret. */
export function keyFileBeside(secretPath: string, name: string): string {
  return path.join(path.dirname(secretPath), name);
}

export type Hasher = (purpose: string, value: string) => string;

/** Keyed hashes for every secret value kept by the platform (tokens, response keys). */
export function createHasher(secret: Buffer): Hasher {
  return (purpose, value) => createHmac('sha256', secret).update(purpose).update('\0').update(value).digest('base64url');
}
