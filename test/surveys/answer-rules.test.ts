import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConditionRunner } from 'survey-core';
import { compileAnswerRules } from '../../server/surveys/answer-rules.ts';
import { walkElements, type SurveyJson } from '../../server/surveys/definition.ts';

/**
 * The server runs each condition on the answers its text names, not on all answers. These tests
 * compare that with survey-core run on all answers and variables, as the respondent's browser
 * runs it, for conditions written the ways SurveyJS allows: another case, dotted and indexed
 * names, comment keys, names inside other names, variables set by the server.
 */
const survey: SurveyJson = {
  pages: [
    {
      name: 'start',
      elements: [
        { type: 'boolean', name: 'consent', isRequired: true },
        { type: 'radiogroup', name: 'country', choices: ['NL', 'SY', 'ER'], showOtherItem: true },
        { type: 'text', name: 'age', inputType: 'number', min: 0, max: 120 },
        { type: 'checkbox', name: 'langs', choices: ['nl', 'ar', 'ti'] },
        { type: 'matrix', name: 'grid', rows: ['a', 'b'], columns: [1, 2, 3] },
      ],
    },
    {
      name: 'more',
      visibleIf: '{Consent} = true',
      elements: [
        { type: 'text', name: 'stage', visibleIf: "{country} <> 'NL' and {age} >= 18", isRequired: true },
        { type: 'comment', name: 'why', visibleIf: '{country-Comment} notempty' },
        { type: 'rating', name: 'score', visibleIf: '{grid.a} = 2 or {langs[0]} = \'ar\'', requiredIf: '{langs} contains \'ti\'' },
        { type: 'boolean', name: 'known', visibleIf: '{background_known} <> true and {langs.length} > 1' },
        {
          type: 'panel',
          name: 'box',
          visibleIf: "{langs} anyof ['nl', 'ti']",
          elements: [{ type: 'text', name: 'page', visibleIf: '{AGE} < 67', isRequired: true }],
        },
      ],
    },
  ],
};

const answers = fc.record(
  {
    consent: fc.boolean(),
    country: fc.constantFrom('NL', 'SY', 'ER', 'other'),
    'country-Comment': fc.constantFrom('', 'Eritrea'),
    age: fc.integer({ min: 0, max: 120 }),
    langs: fc.subarray(['nl', 'ar', 'ti']),
    grid: fc.record({ a: fc.constantFrom(1, 2, 3), b: fc.constantFrom(1, 2, 3) }, { requiredKeys: [] }),
    stage: fc.constantFrom('x', ''),
    why: fc.constant('because'),
    score: fc.integer({ min: 1, max: 5 }),
    known: fc.boolean(),
    page: fc.constantFrom('y', ''),
  },
  { requiredKeys: [] },
);
const variables = fc.record({ background_known: fc.boolean() }, { requiredKeys: [] });

/** survey-core on all answers and variables, one question at a time. */
function shownByBrowser(all: Record<string, unknown>): Map<string, boolean> {
  const holds = (owner: Record<string, unknown>) => typeof owner.visibleIf !== 'string' || Boolean(new ConditionRunner(owner.visibleIf).runValues(all));
  const shown = new Map<string, boolean>();
  for (const { element, page, panels } of walkElements(survey)) {
    if (element.type !== 'panel') shown.set(element.name, holds(page) && panels.every(holds) && holds(element));
  }
  return shown;
}

describe('server-side visibility and required rules', () => {
  const rules = compileAnswerRules(survey);

  it('keep exactly the answers to questions survey-core shows for all answers and variables', () => {
    fc.assert(
      fc.property(answers, variables, (given, vars) => {
        const shown = shownByBrowser({ ...given, ...vars });
        const expected = Object.keys(given).filter((name) => shown.get(name.replace(/-Comment$/, '')));
        assert.deepEqual(Object.keys(rules.withoutHidden(given, vars)).sort(), expected.sort());
      }),
      { numRuns: 500 },
    );
  });

  it('ask exactly for the required questions survey-core shows and finds empty', () => {
    fc.assert(
      fc.property(answers, variables, (given, vars) => {
        const all = { ...given, ...vars };
        const shown = shownByBrowser(all);
        const required = (name: string, expression?: string) => ['consent', 'stage', 'page'].includes(name) || (expression !== undefined && Boolean(new ConditionRunner(expression).runValues(all)));
        const expected = [...shown]
          .filter(([name, visible]) => visible && required(name, name === 'score' ? "{langs} contains 'ti'" : undefined) && [undefined, ''].includes(given[name as keyof typeof given] as string | undefined))
          .map(([name]) => name);
        assert.deepEqual(rules.missingRequired(given, vars).sort(), expected.sort());
      }),
      { numRuns: 500 },
    );
  });

  it('refuse two answer names that differ only in case, which SurveyJS expressions would read as one', () => {
    const clashing = (elements: Record<string, unknown>[]) => () => compileAnswerRules({ pages: [{ name: 'p', elements: elements as never }] });
    assert.throws(clashing([{ type: 'boolean', name: 'Q' }, { type: 'boolean', name: 'q' }]), /'Q' and 'q' differ only in case/);
    assert.throws(clashing([{ type: 'radiogroup', name: 'q', choices: ['a'], showOtherItem: true }, { type: 'text', name: 'Q-comment' }]), /'q-Comment' and 'Q-comment'/);
    assert.doesNotThrow(clashing([{ type: 'boolean', name: 'q' }, { type: 'text', name: 'q-Comment' }]), 'no comment area, no clash');
  });

  it('return the answers themselves when every answered question is shown', () => {
    const given = { consent: true, country: 'NL', age: 30 };
    assert.equal(rules.withoutHidden(given, {}), given);
  });
});
