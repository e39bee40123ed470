import { randomBytes } from 'node:crypto';
import { ALPHABET, DATA_LENGTH, formatToken, luhnSum, normaliseToken, TOKEN_LENGTH } from '../../shared/participant-token.ts';

/** Participant tokens: 128 random bits and a check character (the rule is in `shared/participant-token.ts`). Pure functions: randomness comes in. */

export { ALPHABET, DATA_LENGTH, formatToken, normaliseToken as normaliseTokenInput, TOKEN_LENGTH };

export type TokenParse = { ok: true; token: string } | { ok: false; reason: 'length' | 'characters' | 'check' };

export function checkCharacter(data: string): string {
  return ALPHABET[(ALPHABET.length - luhnSum(data, false)) % ALPHABET.length]!;
}

export function encodeBytes(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < DATA_LENGTH; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** A new canonical token (27 characters, no separators). */
export function generateToken(random: (size: number) => Uint8Array = randomBytes): string {
  const data = encodeBytes(random(16));
  return data + checkCharacter(data);
}

export function parseToken(input: string): TokenParse {
  const token = normaliseToken(input);
  if (token.length !== TOKEN_LENGTH) return { ok: false, reason: 'length' };
  for (const char of token) if (!ALPHABET.includes(char)) return { ok: false, reason: 'characters' };
  if (luhnSum(token, true) !== 0) return { ok: false, reason: 'check' };
  return { ok: true, token };
}

