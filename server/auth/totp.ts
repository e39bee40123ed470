import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The second factor: time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second
 * steps), as every authenticator app reads them from a QR code. One step either side is accepted
 * for clocks that drift; a code's step is remembered so the same code never signs in twice
 * (RFC 6238 section 5.2). Recovery codes are for a lost phone: ten, each works once, and only
 * their SHA-256 is stored (they are 50 random bits each, so a plain hash is enough).
 */

const period = 30;
const issuer = 'wavepanel';

export function newTotpSecret(random: (size: number) => Buffer = randomBytes): string {
  return Secret.fromHex(random(20).toString('hex')).base32;
}

function totpFor(secret: string, label = ''): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

export function totpCode(secret: string, at: Date): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}

/** The 30-second step a code belongs to when it is right at `at` and newer than `lastStep`; undefined otherwise. */
export function acceptedTotpStep(input: { secret: string; code: string; at: Date; lastStep: number | null }): number | undefined {
  const code = input.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(input.secret).validate({ token: code, timestamp: input.at.getTime(), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(input.at.getTime() / 1000 / period) + delta;
  return input.lastStep !== null && step <= input.lastStep ? undefined : step;
}

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes such as `k7m2p-x9q4r`: 10 characters from 31, easy to read aloud and type. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const chars = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]!).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/[\s-]/g, '')).digest('base64url');
}
