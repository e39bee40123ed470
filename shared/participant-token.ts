/**
 * The participant token's rule, one for the server that makes and checks tokens and the page that
 * catches a typo before anything is sent: 26 Crockford base32 characters plus one check character
 * (Luhn mod 32, which catches every single-character typo and most swaps of two neighbours), read
 * case-insensitively with O/0 and I/L/1 folded, printed in groups of five joined by hyphens.
 */

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
export const DATA_LENGTH = 26;
export const TOKEN_LENGTH = DATA_LENGTH + 1;
export const GROUP = 5;

const folded: Record<string, string> = { O: '0', I: '1', L: '1' };

/** Upper-cases, drops spaces, hyphens, underscores and dots, folds O to 0 and I/L to 1. */
export function normaliseToken(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[OIL]/g, (c) => folded[c]!);
}

/** Luhn mod N over the alphabet; `withCheck` means the last character is the check itself (a valid token sums to 0). */
export function luhnSum(chars: string, withCheck: boolean): number {
  let factor = withCheck ? 1 : 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(chars[i]!);
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % BASE;
}

/** `ABCDE-FGHJK-…`: how a token is printed and shown; works on part of one too. */
export function formatToken(token: string): string {
  const groups: string[] = [];
  for (let i = 0; i < token.length; i += GROUP) groups.push(token.slice(i, i + GROUP));
  return groups.join('-');
}
