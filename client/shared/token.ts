import { ALPHABET, formatToken, GROUP, luhnSum, normaliseToken, TOKEN_LENGTH } from '../../shared/participant-token.ts';

/** Participant tokens as the respondent types them, checked by the server's rule (`shared/participant-token.ts`), so a typo is caught before anything is sent. */

export { normaliseToken };

export type TokenCheck =
  | { ok: true; token: string }
  | { ok: false; reason: 'empty' | 'short' | 'long' | 'check' }
  /** `position`: where the first impossible character is, counted from 0 without separators. */
  | { ok: false; reason: 'characters'; position: number; char: string };

export function checkToken(input: string): TokenCheck {
  const token = normaliseToken(input);
  if (token.length === 0) return { ok: false, reason: 'empty' };
  const bad = [...token].findIndex((char) => !ALPHABET.includes(char));
  if (bad >= 0) return { ok: false, reason: 'characters', position: bad, char: token[bad]! };
  if (token.length < TOKEN_LENGTH) return { ok: false, reason: 'short' };
  if (token.length > TOKEN_LENGTH) return { ok: false, reason: 'long' };
  if (luhnSum(token, true) !== 0) return { ok: false, reason: 'check' };
  return { ok: true, token };
}

/** `ABCDE-FGHJK-…` as printed on the letter; works on partial input while typing. */
export function groupToken(input: string): string {
  return formatToken(normaliseToken(input));
}

/** Characters that only separate: spaces, hyphens, underscores and dots. */
const separator = /[\s\-_.]/;

/**
 * The code in what was pasted or scanned: the letter's link (`…/t/<token>?lang=…`) or a line
 * such as "Code: ABCDE-…" (the part after the last colon). Anything else is left as it is.
 */
export function extractToken(input: string): string {
  const link = /\/t\/([^/?#\s]+)/.exec(input);
  if (link) return decodeURIComponent(link[1]!);
  const colon = input.lastIndexOf(':');
  return colon >= 0 ? input.slice(colon + 1).trim() : input;
}

/** How many characters of the code (separators not counted) stand before `caret` in `text`. */
export function codeCharactersBefore(text: string, caret: number): number {
  return [...text.slice(0, caret)].filter((char) => !separator.test(char)).length;
}

/** The caret position in grouped `text` after `count` characters of the code. */
export function caretAfter(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (!separator.test(text[i]!)) seen++;
    if (seen === count) return i + 1;
  }
  return text.length;
}

/** Which group of five (1-based) holds the code character at `position`. */
export function groupOf(position: number): number {
  return Math.floor(position / GROUP) + 1;
}
