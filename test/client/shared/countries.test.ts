import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Model, type QuestionDropdownModel } from 'survey-core';
import { countriesLater, localizeCountryChoices, restStart } from '../../../client/shared/survey/countries.ts';

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

test("a model's country lists get their named choices only when their page shows, the current page's at once", async () => {
  const countries = ['NL', 'TR', 'MA', 'AD', 'AF', 'BE', 'DE', 'EG', 'ER', 'ES', 'FR', 'GB', 'GR', 'IQ', 'IR', 'IT', 'JP', 'MX', 'PL', 'PT', 'SE', 'SY', 'US'];
  const definition = {
    pages: [
      { name: 'first', elements: [{ type: 'dropdown', name: 'born_here', choices: countries }] },
      { name: 'second', elements: [{ type: 'dropdown', name: 'born', choices: countries }, { type: 'dropdown', name: 'colour', choices: ['red', 'blue'] }] },
    ],
  };
  const later = countriesLater(definition, 'nl');
  const model = new Model(later.definition);
  const texts = (name: string) => (model.getQuestionByName(name) as QuestionDropdownModel).choices.map((choice) => choice.text);
  const stop = later.nameOnDemand(model);
  assert.equal(texts('born_here')[0], 'Nederland', 'the page on screen');
  assert.deepEqual(texts('born'), [], 'not yet');
  assert.deepEqual(texts('colour'), ['red', 'blue'], 'other lists as they are');
  model.nextPage();
  assert.equal(texts('born')[2], 'Marokko');
  stop();
  assert.equal(definition.pages[1]!.elements[0]!.choices.length, countries.length, 'the definition itself unchanged');
});

test('the country lists of pages not yet shown are named when the browser is idle', async () => {
  const definition = { pages: [{ elements: [{ type: 'text', name: 'age' }] }, { elements: [{ type: 'dropdown', name: 'born', choices: [...Array(25).keys()].map((n) => `A${String.fromCharCode(65 + n)}`) }] }] };
  const later = countriesLater(definition, 'en');
  const model = new Model(later.definition);
  const stop = later.nameOnDemand(model);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal((model.getQuestionByName('born') as QuestionDropdownModel).choices.length, 25);
  stop();
});
