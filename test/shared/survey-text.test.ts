import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Serializer } from 'survey-core';
import { localizableProperties, surveyTexts } from '../../shared/survey-text.ts';
import { extractSourceStrings, localizeDefinition } from '../../server/surveys/localization.ts';
import type { SurveyJson } from '../../server/surveys/definition.ts';

/** A one-question survey around `element`. */
const surveyWith = (element: Record<string, unknown>, survey: Record<string, unknown> = {}): SurveyJson =>
  ({ ...survey, pages: [{ name: 'p', elements: [{ name: 'q', ...element }] }] }) as SurveyJson;

describe('which survey texts are translated (from survey-core metadata)', () => {
  it('every property survey-core marks localizable on a question type is a translation key', () => {
    for (const type of ['radiogroup', 'checkbox', 'dropdown', 'text', 'comment', 'boolean', 'rating', 'matrix']) {
      const names = [...localizableProperties(type)].filter((name) => name !== 'dataList');
      assert.ok(names.length >= 6, type);
      const element: Record<string, unknown> = { type };
      for (const name of names) element[name] = `tekst ${name}`;
      const strings = extractSourceStrings(surveyWith(element));
      for (const name of names) assert.equal(strings[`q.${name}`], `tekst ${name}`, `${type}.${name}`);
    }
  });

  it('the survey-level button texts survey-core knows are keys, completeText and pageNextText among them', () => {
    const survey = localizableProperties('survey');
    for (const name of ['completeText', 'pageNextText', 'pagePrevText', 'startSurveyText']) assert.ok(survey.has(name), name);
    const strings = extractSourceStrings(surveyWith({ type: 'comment' }, { completeText: 'Versturen', pageNextText: 'Verder' }));
    assert.equal(strings['survey.completeText'], 'Versturen');
    assert.equal(strings['survey.pageNextText'], 'Verder');
  });

  it('a property survey-core does not mark localizable is never a key', () => {
    assert.equal(Serializer.findProperty('radiogroup', 'visibleIf')?.isLocalizable, false);
    const strings = extractSourceStrings(surveyWith({ type: 'radiogroup', visibleIf: '{a} = 1', choices: ['x'] }));
    assert.deepEqual(Object.keys(strings), []);
  });

  it('keys of items, validators, pages and panels keep their established form', () => {
    const definition = {
      title: 'T',
      pages: [
        {
          name: 'p',
          title: 'Pagina',
          elements: [
            {
              type: 'panel',
              name: 'box',
              title: 'Blok',
              elements: [
                {
                  type: 'text',
                  name: 'age',
                  title: 'Leeftijd',
                  validators: [{ type: 'numeric', minValue: 0, text: 'Te laag' }],
                },
              ],
            },
            { type: 'matrix', name: 'm', rows: [{ value: 'r', text: 'Rij' }], columns: [{ value: 1, text: 'Een' }] },
            { type: 'checkbox', name: 'c', choices: [{ value: 'a', text: 'A' }, 'b'] },
          ],
        },
      ],
    };
    assert.deepEqual(extractSourceStrings(definition as SurveyJson), {
      'survey.title': 'T',
      'pages.p.title': 'Pagina',
      'box.title': 'Blok',
      'age.title': 'Leeftijd',
      'age.validators.0': 'Te laag',
      'm.rows.r': 'Rij',
      'm.columns.1': 'Een',
      'c.choices.a': 'A',
    });
  });

  it('texts no key can reach are reported with where they are and their survey-core class', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ['a conditional thank-you text', { type: 'comment' }, { completedHtmlOnCondition: [{ expression: 'true', html: 'x' }] }, 'survey.completedHtmlOnCondition[0].html htmlconditionitem'],
      ['an image of a choice', { type: 'imagepicker', choices: [{ value: 'a', imageLink: 'a.png' }] }, {}, 'q.choices[0].imageLink imageitemvalue'],
      ['a list of suggestions', { type: 'text', dataList: ['een', 'twee'] }, {}, 'q.dataList text'],
      ['a dropdown matrix column title', { type: 'matrixdropdown', columns: [{ name: 'c', title: 'Kolom' }] }, {}, 'q.columns[0].title matrixdropdowncolumn'],
    ];
    for (const [name, element, survey, expected] of cases) {
      const found = surveyTexts(surveyWith(element, survey)).untranslatable.map((u) => `${u.where} ${u.className}`);
      assert.deepEqual(found, [expected], name);
    }
  });

  it('a translated survey replaces each text and keeps Dutch where a translation is missing', () => {
    const definition = surveyWith({ type: 'radiogroup', title: 'Vraag', choices: [{ value: 'a', text: 'Ja' }, { value: 'b', text: 'Nee' }] }, { completeText: 'Versturen' });
    const localized = localizeDefinition(definition, { 'q.title': 'Question', 'q.choices.a': 'Yes', 'survey.completeText': 'Send' }, 'en') as unknown as {
      completeText: string;
      pages: { elements: { title: string; choices: { text: string }[] }[] }[];
    };
    assert.equal(localized.completeText, 'Send');
    assert.equal(localized.pages[0]!.elements[0]!.title, 'Question');
    assert.deepEqual(localized.pages[0]!.elements[0]!.choices.map((c) => c.text), ['Yes', 'Nee']);
  });
});
