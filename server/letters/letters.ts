import QRCode from 'qrcode';
import type { NewLetter } from '../participants/participant-admin.service.ts';
import { csvLine, standardDialect } from '../shared/csv.ts';
import { formatToken } from '../tokens/token.ts';
import type { LetterTexts } from './letter-texts.ts';

/**
 * Print-ready invitation letters: one A4 sheet per participant with the token in groups, a QR
 * code of the deep link `<origin>/t/<TOKEN>?lang=<language>` (the app opens in the letter's language), and short instructions in Dutch plus the
 * participant's own language (right to left for Arabic, Noto Sans Ethiopic for Tigrinya, served
 * by this app so no system font is needed). Everything put into the page is HTML-escaped.
 */

export const ethiopicFontUrl = '/api/letters/fonts/noto-sans-ethiopic-400.woff2';
const rtl = new Set(['ar']);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The letter's link: the token, and the letter's language for the app's first screen. */
export function deepLink(origin: string, token: string, language: string): string {
  return `${origin}/t/${token}?lang=${encodeURIComponent(language)}`;
}

function textBlock(language: string, texts: LetterTexts, site: string): string {
  const dir = rtl.has(language) ? 'rtl' : 'ltr';
  const p = (t: string) => (t ? `<p>${escapeHtml(t).replace('{{site}}', `<bdi dir="ltr">${escapeHtml(site)}</bdi>`)}</p>` : '');
  return [
    `<section class="texts" lang="${escapeHtml(language)}" dir="${dir}">`,
    `<h2>${escapeHtml(texts.title)}</h2>`,
    p(texts.greeting),
    p(texts.intro),
    p(texts.scan),
    p(texts.kiosk),
    p(texts.keep),
    p(texts.lost),
    p(texts.thanks),
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

const styles = `
@font-face { font-family: 'Noto Sans Ethiopic'; src: url('${ethiopicFontUrl}') format('woff2'); font-weight: 400; font-display: block; }
@page { size: A4; margin: 16mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Noto Sans', Arial, 'Noto Sans Ethiopic', 'Noto Sans Arabic', sans-serif; font-size: 11pt; line-height: 1.4; color: #000; }
[lang="ti"] { font-family: 'Noto Sans Ethiopic', sans-serif; }
[lang="ar"] { font-family: 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Arial', sans-serif; font-size: 12pt; }
.letter { break-after: page; page-break-after: always; min-height: 0; }
.letter:last-of-type { break-after: auto; page-break-after: auto; }
.pseudonym { font-size: 9pt; color: #333; margin: 0 0 6mm; }
.code { display: flex; gap: 8mm; align-items: center; border: 1px solid #000; padding: 4mm; margin: 4mm 0; break-inside: avoid; }
.qr svg { width: 42mm; height: 42mm; display: block; }
.token { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 16pt; letter-spacing: 0.05em; white-space: nowrap; }
.code-label { margin: 0 0 2mm; font-weight: bold; }
h2 { font-size: 13pt; margin: 0 0 2mm; }
.texts p { margin: 0 0 1.5mm; }
.texts + .texts { margin-top: 4mm; padding-top: 3mm; border-top: 1px solid #999; }
.screen-only { background: #ffe; border: 1px solid #cc9; padding: 8px; margin-bottom: 16px; font-family: sans-serif; }
@media print { .screen-only { display: none; } }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 16px; } .letter { border-bottom: 2px dashed #999; margin-bottom: 24px; padding-bottom: 24px; } }
`;

export async function renderLetters({
  letters,
  origin,
  textsFor,
}: {
  letters: NewLetter[];
  origin: string;
  textsFor: (language: string) => LetterTexts;
}): Promise<string> {
  const site = new URL(origin).host;
  const dutch = textsFor('nl');
  const sheets = await Promise.all(
    letters.map(async (letter) => {
      const link = deepLink(origin, letter.token, letter.language);
      const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      const own = letter.language === 'nl' ? '' : textBlock(letter.language, textsFor(letter.language), site);
      return [
        `<article class="letter" data-pseudonym="${escapeHtml(letter.pseudonym)}" aria-label="${escapeHtml(letter.pseudonym)}">`,
        `<p class="pseudonym">${escapeHtml(letter.pseudonym)}</p>`,
        textBlock('nl', dutch, site),
        '<div class="code">',
        `<div class="qr" role="img" aria-label="QR code">${svg}</div>`,
        `<div><p class="code-label">${escapeHtml(dutch.codeLabel)}${letter.language === 'nl' ? '' : ` / <span lang="${escapeHtml(letter.language)}">${escapeHtml(textsFor(letter.language).codeLabel)}</span>`}</p>`,
        `<p class="token" dir="ltr">${escapeHtml(formatToken(letter.token))}</p></div>`,
        '</div>',
        own,
        '</article>',
      ].join('\n');
    }),
  );
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(dutch.title)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    `<p class="screen-only">${letters.length} letters. Print now (Ctrl+P / Cmd+P, A4, no headers and footers): these letters are kept, encrypted, until you confirm in the workspace that they are printed or saved, or for 7 days; then the codes are destroyed.</p>`,
    ...sheets,
    '</body>',
    '</html>',
  ].join('\n');
}

/** The one-time download: pseudonym, language, token (grouped) and link per participant. */
export function lettersCsv(letters: NewLetter[], origin: string): string {
  const rows = [['pseudonym', 'language', 'token', 'link'], ...letters.map((l) => [l.pseudonym, l.language, formatToken(l.token), deepLink(origin, l.token, l.language)])];
  return rows.map((cells) => csvLine(cells, standardDialect)).join('');
}
