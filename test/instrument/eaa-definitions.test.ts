import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Model, type Question } from 'survey-core';
import { projectRoot } from '../../server/config.ts';
import { loadSurveyVersion } from '../../server/surveys/registry.ts';
import { eaaDefinitionFiles } from '../../scripts/build-eaa-surveys.ts';

/**
 * The questionnaire contract of `instrument.md`, one row per question: SurveyJS type, answer
 * values, and the question's own visibility rule. Page rules are checked below the table.
 */
const bornAbroad = "{birth_country} notempty and {birth_country} <> 'NL'";
const agreement = ['agree', 'neutral', 'disagree', 'dont_know'];
const frequency = ['always', 'mostly', 'sometimes', 'never'];
const countries = JSON.parse(readFileSync(path.join(projectRoot, 'surveys', 'countries.json'), 'utf8')) as { first: string[]; iso3166: string[] };
const countryValues = [...countries.first, ...countries.iso3166.filter((c) => !countries.first.includes(c)), 'unknown'];

interface Row {
  page: string;
  name: string;
  type: string;
  values?: (string | number)[];
  exclusive?: string[];
  other?: boolean;
  rows?: string[];
  range?: [number, number];
  visibleIf?: string;
  required?: boolean;
}

const instrument: Row[] = [
  { page: 'consent', name: 'consent', type: 'boolean', required: true },
  { page: 'background', name: 'birth_country', type: 'dropdown', values: countryValues },
  { page: 'background', name: 'mother_birth_country', type: 'dropdown', values: countryValues },
  { page: 'background', name: 'father_birth_country', type: 'dropdown', values: countryValues },
  { page: 'background', name: 'cultural_background', type: 'checkbox', values: ['NL', 'TR', 'MA', 'SR', 'CW', 'SY', 'ER', 'SO', 'AF', 'IQ', 'IR', 'PL', 'DE', 'ID'], other: true },
  { page: 'background', name: 'years_in_nl', type: 'text', range: [0, 99], visibleIf: bornAbroad },
  { page: 'background', name: 'came_as_refugee', type: 'boolean', visibleIf: bornAbroad },
  { page: 'background', name: 'gender', type: 'radiogroup', values: ['woman', 'man', 'other', 'no_answer'] },
  { page: 'background', name: 'education', type: 'radiogroup', values: ['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'higher', 'abroad_unknown'] },
  { page: 'health', name: 'health', type: 'rating', range: [1, 10] },
  { page: 'social', name: 'enough_contacts', type: 'radiogroup', values: ['yes', 'no', 'dont_know'] },
  { page: 'social', name: 'participation_difficulty', type: 'radiogroup', values: ['very_difficult', 'bit_difficult', 'bit_easy', 'very_easy'] },
  {
    page: 'social',
    name: 'participation_barriers',
    type: 'checkbox',
    values: ['language', 'physical_health', 'mental_health', 'money', 'transport', 'care_duties', 'other'],
    visibleIf: "{participation_difficulty} anyof ['very_difficult', 'bit_difficult']",
  },
  {
    page: 'discrimination',
    name: 'discrimination_grounds',
    type: 'checkbox',
    values: ['ethnic_cultural', 'religion', 'gender', 'age', 'disability', 'other', 'none'],
    exclusive: ['none'],
  },
  { page: 'work', name: 'paid_work', type: 'boolean' },
  { page: 'work', name: 'receives_benefit', type: 'boolean' },
  { page: 'work', name: 'job_search_hours', type: 'text', range: [0, 80] },
  { page: 'work', name: 'job_chance', type: 'radiogroup', values: ['very_small', 'small', 'large', 'very_large', 'dont_know'] },
  { page: 'work', name: 'cv_updated', type: 'boolean' },
  { page: 'work', name: 'temp_agency', type: 'boolean' },
  {
    page: 'programme',
    name: 'eaa_activities',
    type: 'checkbox',
    values: ['coaching', 'training', 'language_course', 'work_experience', 'volunteering', 'application_training', 'none'],
    exclusive: ['none'],
  },
  { page: 'society', name: 'society_considers_unemployed', type: 'radiogroup', values: agreement },
  { page: 'society', name: 'society_helps_low_literacy', type: 'radiogroup', values: agreement },
  { page: 'letters', name: 'letters_understood', type: 'radiogroup', values: frequency },
  { page: 'letters', name: 'letters_distress', type: 'radiogroup', values: frequency },
  {
    page: 'self_reliance',
    name: 'self_reliance',
    type: 'matrix',
    rows: ['finances', 'agencies', 'information', 'ask_help', 'daily_plan'],
    values: [1, 2, 3, 4],
  },
];

const surveys = ['eaa-t0', 'eaa-t1', 'eaa-t2', 'eaa-cross'];
const panelFollowUps = new Set(['eaa-t1', 'eaa-t2']);

function definitionFile(id: string): string {
  return path.join(projectRoot, 'surveys', id, '1.json');
}

function modelOf(id: string): Model {
  const model = new Model(JSON.parse(readFileSync(definitionFile(id), 'utf8')));
  assert.deepEqual(model.jsonErrors ?? [], [], `${id}: survey-core reports no errors`);
  return model;
}

function valuesOf(items: { value: unknown }[]): unknown[] {
  return items.map((item) => item.value);
}

for (const id of surveys) {
  describe(`${id} version 1`, () => {
    test('passes the server loader (known types and properties, unique names, no piping into HTML)', () => {
      assert.doesNotThrow(() => loadSurveyVersion(definitionFile(id), id, 1));
    });

    test('holds exactly the questions of instrument.md, no more', () => {
      const names = modelOf(id).getAllQuestions().filter((q) => q.getType() !== 'html').map((q) => q.name);
      assert.deepEqual(names, instrument.map((row) => row.name));
    });

    for (const row of instrument) {
      test(`${row.name} is a ${row.type} on page ${row.page} with the contracted answers and visibility`, () => {
        const model = modelOf(id);
        const question = model.getQuestionByName(row.name) as Question & Record<string, unknown>;
        assert.ok(question, `${row.name} exists`);
        assert.equal(question.getType(), row.type);
        assert.equal(question.page.name, row.page);
        assert.equal(question.visibleIf || undefined, row.visibleIf);
        assert.equal(question.isRequired, row.required ?? false);
        if (row.type === 'matrix') {
          assert.deepEqual(valuesOf(question.rows as { value: unknown }[]), row.rows);
          assert.deepEqual(valuesOf(question.columns as { value: unknown }[]), row.values);
        } else if (row.values) {
          assert.deepEqual(valuesOf(question.choices as { value: unknown }[]), row.values);
        }
        if (row.exclusive) {
          const exclusive = (question.choices as { value: unknown; isExclusive?: boolean }[]).filter((c) => c.isExclusive).map((c) => c.value);
          assert.deepEqual(exclusive, row.exclusive);
        }
        assert.equal(Boolean(question.showOtherItem), row.other ?? false);
        if (row.type === 'rating') assert.deepEqual([question.rateMin, question.rateMax, question.rateCount], [row.range![0], row.range![1], 10]);
        if (row.type === 'text') assert.deepEqual([question.inputType, question.min, question.max, question.step], ['number', row.range![0], row.range![1], 1]);
      });
    }

    test('every page after consent is shown only with consent; the background page at T1/T2 only when unknown', () => {
      const model = modelOf(id);
      for (const page of model.pages.slice(1)) {
        const expected =
          page.name === 'background' && panelFollowUps.has(id) ? '{consent} = true and {background_known} <> true' : '{consent} = true';
        assert.equal(page.visibleIf, expected, `page ${page.name}`);
      }
    });

    test('saying no to consent leaves only the consent page, with a polite goodbye', () => {
      const model = modelOf(id);
      model.setValue('consent', false);
      assert.deepEqual(model.visiblePages.map((p) => p.name), ['consent']);
      assert.equal(model.getQuestionByName('consent_declined').isVisible, true);
      model.setValue('consent', true);
      assert.equal(model.getQuestionByName('consent_declined').isVisible, false);
      assert.equal(model.visiblePages.length, model.pages.length);
    });

    test('country questions offer the common countries first, then every ISO 3166-1 code, by code only', () => {
      const model = modelOf(id);
      for (const name of ['birth_country', 'mother_birth_country', 'father_birth_country']) {
        const choices = model.getQuestionByName(name).toJSON().choices as (string | { value: string; text: string })[];
        assert.deepEqual(choices.slice(0, countries.first.length), countries.first, `${name} starts with the common countries`);
        assert.equal(new Set(choices.filter((c) => typeof c === 'string')).size, 249, `${name} lists all 249 ISO codes once`);
        assert.deepEqual(choices.at(-1), { value: 'unknown', text: 'Weet ik niet' });
      }
    });
  });
}

test('the background page of a follow-up wave hides once the server says the background is known', () => {
  for (const id of ['eaa-t1', 'eaa-t2']) {
    const model = modelOf(id);
    model.setValue('consent', true);
    assert.equal(model.getPageByName('background').isVisible, true, `${id}: asked when never answered`);
    model.setVariable('background_known', true);
    assert.equal(model.getPageByName('background').isVisible, false, `${id}: skipped when known`);
  }
  const t0 = modelOf('eaa-t0');
  t0.setValue('consent', true);
  t0.setVariable('background_known', true);
  assert.equal(t0.getPageByName('background').isVisible, true, 'eaa-t0 always asks the background');
});

test('the country list is the 249 officially assigned ISO 3166-1 alpha-2 codes, each once, common ones among them', () => {
  assert.equal(countries.iso3166.length, 249);
  assert.equal(new Set(countries.iso3166).size, 249);
  for (const code of countries.iso3166) assert.match(code, /^[A-Z]{2}$/);
  for (const code of countries.first) assert.ok(countries.iso3166.includes(code), `${code} is an ISO code`);
  for (const code of ['XK', 'EU', 'UK', 'AN', 'ZZ']) assert.ok(!countries.iso3166.includes(code), `${code} is not an assigned code`);
});

test('the committed definitions are exactly what the generator writes from its blocks and the country list', () => {
  for (const { file, text } of eaaDefinitionFiles()) assert.equal(readFileSync(file, 'utf8'), text, path.relative(projectRoot, file));
});
