import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localizeCountryChoices, restStart } from '../../../client/shared/survey/countries.ts';

const restCases: [name: string, codes: string[], start: number][] = [
  ['a common block before the code-ordered rest', ['NL', 'TR', 'MA', 'AD', 'AE', 'ZW'], 3],
  ['no common block', ['AD', 'AE', 'ZW'], 0],
  ['a common block ending below the rest', ['TR', 'AB', 'AD', 'ZW'], 1],
];
for (const [name, codes, start] of restCases) {
  test(`the sorted rest starts after ${name}`, () => assert.equal(restStart(codes), start));
}

test('country choices get names in the language: common ones first in order, the rest by name, unknown last', () => {
  const rest = ['AD', 'AF', 'BE', 'DE', 'EG', 'ER', 'ES', 'FR', 'GB', 'GR', 'IQ', 'IR', 'IT', 'JP', 'MX', 'PL', 'PT', 'SE', 'SY', 'US'];
  const choices = ['NL', 'TR', 'MA', ...rest, { value: 'unknown', text: 'Weet ik niet' }];
  const localized = localizeCountryChoices(choices, 'nl');
  const texts = localized.map((choice) => (typeof choice === 'object' ? choice.text : choice));
  assert.deepEqual(texts.slice(0, 3), ['Nederland', 'Turkije', 'Marokko']);
  assert.equal(texts.at(-1), 'Weet ik niet');
  const sortedRest = texts.slice(3, -1) as string[];
  assert.deepEqual(sortedRest, [...sortedRest].sort(new Intl.Collator('nl').compare));
  assert.equal(sortedRest[0], 'Afghanistan');
});

test('a list without enough bare country codes is left as it is', () => {
  const choices = [{ value: 'NL', text: 'Nederlands' }, 'TR'];
  assert.deepEqual(localizeCountryChoices(choices, 'ar'), choices);
});
