/**
 * Participant tokens as the respondent types them: 26 Crockford base32 characters plus one check
 * character (Luhn mod 32), read case-insensitively with O/0 and I/L/1 folded. A port of the
 * server's rule, so a typo is caught before anything is sent.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
export const TOKEN_LENGTH = 27;
const GROUP = 5;

const folded: Record<string, string> = { O: '0', I: '1', L: '1' };

export type TokenCheck = { ok: true; token: string } | { ok: false; reason: 'empty' | 'short' | 'long' | 'characters' | 'check' };

/** Upper-cases, drops spaces, hyphens and dots, folds O to 0 and I/L to 1. */
export function normaliseToken(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[OIL]/g, (c) => folded[c]!);
}

function luhnRemainder(chars: string): number {
  let factor = 1;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(chars[i]!);
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % BASE;
}

export function checkToken(input: string): TokenCheck {
  const token = normaliseToken(input);
  if (token.length === 0) return { ok: false, reason: 'empty' };
  for (const char of token) if (!ALPHABET.includes(char)) return { ok: false, reason: 'characters' };
  if (token.length < TOKEN_LENGTH) return { ok: false, reason: 'short' };
  if (token.length > TOKEN_LENGTH) return { ok: false, reason: 'long' };
  if (luhnRemainder(token) !== 0) return { ok: false, reason: 'check' };
  return { ok: true, token };
}

/** `ABCDE-FGHJK-…` as printed on the letter; works on partial input while typing. */
export function groupToken(input: string): string {
  const token = normaliseToken(input);
  const groups: string[] = [];
  for (let i = 0; i < token.length; i += GROUP) groups.push(token.slice(i, i + GROUP));
  return groups.join('-');
}
