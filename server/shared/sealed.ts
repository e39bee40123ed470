import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Values kept encrypted at rest (a batch's letters, the second factor's secrets): AES-256-GCM
 * under a key from a file beside the token secret, never in the database. The context (what the
 * value belongs to, such as a letter set's id or an account) is authenticated with it, so a
 * sealed value copied onto another row does not open there.
 */

export function seal(key: Buffer, context: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The plain value; throws when the key, the context or a byte of the sealed value is not the one it was sealed with. */
export function unseal(key: Buffer, context: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
