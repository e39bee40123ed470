import { checkToken } from '../shared/token.ts';

/** The token in a letter's QR code: either a link ending in `/t/<token>` or the bare token. */
export function tokenFromQr(text: string): string | null {
  const link = /\/t\/([^/?#\s]+)/.exec(text);
  const checked = checkToken(link ? decodeURIComponent(link[1]!) : text.trim());
  return checked.ok ? checked.token : null;
}
