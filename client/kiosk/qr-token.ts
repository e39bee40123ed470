import { isLanguage, type Language } from '../shared/languages.ts';
import { checkToken } from '../shared/token.ts';

export interface ScannedLetter {
  token: string;
  /** The letter's language (`?lang=` of its link), or null for a bare token or an unknown language. */
  language: Language | null;
}

/** What a letter's QR code holds: either its link `/t/<token>?lang=<language>` or the bare token. */
export function letterFromQr(text: string): ScannedLetter | null {
  const link = /\/t\/([^/?#\s]+)(\?[^#\s]*)?/.exec(text);
  const checked = checkToken(link ? decodeURIComponent(link[1]!) : text.trim());
  if (!checked.ok) return null;
  const language = link?.[2] ? new URLSearchParams(link[2]).get('lang') : null;
  return { token: checked.token, language: isLanguage(language) ? language : null };
}
