import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countries, countryCode, countryOrigin, westernExceptions } from '../../server/classification/countries.ts';

const cases: [name: string, code: unknown, expected: 'western' | 'nonwestern' | null][] = [
  ['the Netherlands is western', 'NL', 'western'],
  ['Poland, in Central Europe, is western', 'PL', 'western'],
  ['Germany is western', 'DE', 'western'],
  ['Turkey is non-western although part of it lies in Europe', 'TR', 'nonwestern'],
  ['the United States is western', 'US', 'western'],
  ['Canada is western', 'CA', 'western'],
  ['Greenland is western (North America north of Mexico)', 'GL', 'western'],
  ['Bermuda is western (North America north of Mexico)', 'BM', 'western'],
  ['Saint Pierre and Miquelon is western (North America north of Mexico)', 'PM', 'western'],
  ['Mexico is non-western', 'MX', 'nonwestern'],
  ['Australia is western (Oceania)', 'AU', 'western'],
  ['Fiji is western (Oceania)', 'FJ', 'western'],
  ['Indonesia is western by exception', 'ID', 'western'],
  ['Japan is western by exception', 'JP', 'western'],
  ['Morocco is non-western', 'MA', 'nonwestern'],
  ['Suriname is non-western', 'SR', 'nonwestern'],
  ['Curaçao is non-western', 'CW', 'nonwestern'],
  ['Syria is non-western', 'SY', 'nonwestern'],
  ['Eritrea is non-western', 'ER', 'nonwestern'],
  ['China is non-western', 'CN', 'nonwestern'],
  ['a lower-case code is read as the country', 'de', 'western'],
  ['`unknown` has no origin', 'unknown', null],
  ['a missing answer has no origin', undefined, null],
  ['a code that is no country has no origin', 'ZZ', null],
  ['a number has no origin', 528, null],
];

for (const [name, code, expected] of cases) {
  test(name, () => assert.equal(countryOrigin(code), expected));
}

test('every exception of the definition is in the country table', () => {
  for (const code of [...westernExceptions.added, ...westernExceptions.removed]) assert.ok(countries.has(code), code);
});

test('the table holds every ISO 3166-1 country once, each with a distinct numeric code', () => {
  assert.ok(countries.size >= 249);
  const numerics = new Set([...countries.values()].map((c) => c.numeric));
  assert.equal(numerics.size, countries.size);
  assert.equal(countries.get('NL')!.numeric, 528);
});

test('every European country except Turkey is western and every African country non-western', () => {
  for (const country of countries.values()) {
    if (country.region === 'Europe') assert.equal(country.origin, 'western', country.alpha2);
    if (country.region === 'Africa') assert.equal(country.origin, 'nonwestern', country.alpha2);
  }
});

test('countryCode normalises case and white space and refuses unknown codes', () => {
  assert.equal(countryCode(' nl '), 'NL');
  assert.equal(countryCode('unknown'), null);
  assert.equal(countryCode(null), null);
});
