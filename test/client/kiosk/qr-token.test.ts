import assert from 'node:assert/strict';
import { test } from 'node:test';
import { letterFromQr, type ScannedLetter } from '../../../client/kiosk/qr-token.ts';
import { formatToken, generateToken } from '../../../server/tokens/token.ts';

const token = generateToken();
const typo = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');

const cases: [name: string, qr: string, expected: ScannedLetter | null][] = [
  ['the letter link', `https://enquete.example.nl/t/${token}`, { token, language: null }],
  ['the letter link in Arabic', `https://enquete.example.nl/t/${token}?lang=ar`, { token, language: 'ar' }],
  ['the letter link in Tigrinya among other parameters', `https://enquete.example.nl/t/${token}?utm=x&lang=ti`, { token, language: 'ti' }],
  ['the letter link in a language the app does not offer', `https://enquete.example.nl/t/${token}?lang=fr`, { token, language: null }],
  ['the letter link with another query', `https://enquete.example.nl/t/${token}?utm=x`, { token, language: null }],
  ['the bare token as printed', formatToken(token), { token, language: null }],
  ['a token with a wrong check character', `https://enquete.example.nl/t/${typo}?lang=ar`, null],
  ['some other QR code', 'WIFI:S:office;T:WPA;P:secret;;', null],
];
for (const [name, qr, expected] of cases) {
  test(`a scanned QR code with ${name} gives ${expected ? `the token${expected.language ? ` and ${expected.language}` : ''}` : 'nothing'}`, () => assert.deepEqual(letterFromQr(qr), expected));
}
