import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenFromQr } from '../../../client/kiosk/qr-token.ts';
import { formatToken, generateToken } from '../../../server/tokens/token.ts';

const token = generateToken();
const typo = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');

const cases: [name: string, qr: string, expected: string | null][] = [
  ['the letter link', `https://enquete.example.nl/t/${token}`, token],
  ['the letter link with a query', `https://enquete.example.nl/t/${token}?utm=x`, token],
  ['the bare token as printed', formatToken(token), token],
  ['a token with a wrong check character', `https://enquete.example.nl/t/${typo}`, null],
  ['some other QR code', 'WIFI:S:office;T:WPA;P:secret;;', null],
];
for (const [name, qr, expected] of cases) {
  test(`a scanned QR code with ${name} gives ${expected ? 'the token' : 'nothing'}`, () => assert.equal(tokenFromQr(qr), expected));
}
