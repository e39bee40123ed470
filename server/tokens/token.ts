import { randomBytes } from 'node:crypto';

/**
 * Participant tokens: 128 random bits in Crockford base32 (26 characters) plus one check
 * character (Luhn mod 32, which catches every single-character typo and most swaps of two
 * neighbours), shown in groups of five joined by hyphens. Pure functions: randomness comes in.
 */

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
export const DATA_LENGTH = 26;
export const TOKEN_LENGTH = DATA_LENGTH + 1;
const GROUP = 5;

const folded: Record<string, string> = { O: '0', I: '1', L: '1' };

export type TokenParse = { ok: true; token: string } | { ok: false; reason: 'length' | 'characters' | 'check' };

function codePoint(char: string): number {
  return ALPHABET.indexOf(char);
}

/** Luhn mod N over the alphabet; `withCheck` means the last character is the check itself. */
function luhnSum(chars: string, withCheck: boolean): number {
  let factor = withCheck ? 1 : 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const addend = factor * codePoint(chars[i]!);
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % BASE;
}

export function checkCharacter(data: string): string {
  return ALPHABET[(BASE - luhnSum(data, false)) % BASE]!;
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

/** Upper-cases, drops spaces and hyphens, folds O to 0 and I/L to 1. */
export function normaliseTokenInput(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[OIL]/g, (c) => folded[c]!);
}

export function parseToken(input: string): TokenParse {
  const token = normaliseTokenInput(input);
  if (token.length !== TOKEN_LENGTH) return { ok: false, reason: 'length' };
  for (const char of token) if (codePoint(char) < 0) return { ok: false, reason: 'characters' };
  if (luhnSum(token, true) !== 0) return { ok: false, reason: 'check' };
  return { ok: true, token };
}

/** `ABCDE-FGHJK-…`: how a token is printed and shown. */
export function formatToken(token: string): string {
  const groups: string[] = [];
  for (let i = 0; i < token.length; i += GROUP) groups.push(token.slice(i, i + GROUP));
  return groups.join('-');
}
