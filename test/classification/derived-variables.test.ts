import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileDerived, latestBackground, type RegisterRecord } from '../../server/classification/derived-variables.ts';
import { migrationCbs, migrationExtended, migrationGroup, type Answers, type MigrationExtended } from '../../server/classification/migration.ts';
import { bundledDefinitions } from '../exports/helpers.ts';

/** EAA's derived variables exactly as its study definition declares them. */
const eaa = bundledDefinitions().get('eaa')!;
const derive = eaa.derive;
const background = eaa.definition.participantAnswers!;
const outflowWork = (answers: Answers) => derive(answers, null).outflow_work;
const selfRelianceScore = (answers: Answers) => derive(answers, null).self_reliance_score as number | null;

const register = (over: RegisterRecord = {}): RegisterRecord => ({ diagnosis_advice: null, status_holder: null, nationality: null, age_band: null, ...over });

const outflowCases: [string, Answers, boolean | null][] = [
  ['paid work without benefit is outflow to work', { paid_work: true, receives_benefit: false }, true],
  ['paid work with a benefit (topped up) is not outflow', { paid_work: true, receives_benefit: true }, false],
  ['no paid work is not outflow, whatever the benefit', { paid_work: false, receives_benefit: false }, false],
  ['no paid work and the benefit unanswered is not outflow', { paid_work: false }, false],
  ['paid work with the benefit unanswered is unknown', { paid_work: true }, null],
  ['paid work unanswered is unknown', { receives_benefit: false }, null],
  ['nothing answered is unknown', {}, null],
];
for (const [name, answers, expected] of outflowCases) test(`outflow_work: ${name}`, () => assert.equal(outflowWork(answers), expected));

const selfRelianceCases: [string, Answers, number | null][] = [
  ['all five rows give their mean', { self_reliance: { finances: 1, agencies: 2, information: 3, ask_help: 4, daily_plan: 4 } }, 2.8],
  ['four rows answered give the mean of the four', { self_reliance: { finances: 2, agencies: 2, information: 3, ask_help: 3 } }, 2.5],
  ['three rows answered are too few', { self_reliance: { finances: 2, agencies: 2, information: 3 } }, null],
  ['values sent as text count as numbers', { self_reliance: { finances: '4', agencies: '4', information: '4', ask_help: '4' } }, 4],
  ['a value outside 1-4 does not count', { self_reliance: { finances: 9, agencies: 2, information: 2, ask_help: 2 } }, null],
  ['an unknown row does not count', { self_reliance: { finances: 1, agencies: 1, information: 1, extra: 1 } }, null],
  ['no matrix answer gives no score', {}, null],
  ['a matrix answer that is not an object gives no score', { self_reliance: [1, 2, 3, 4] }, null],
];
for (const [name, answers, expected] of selfRelianceCases) {
  test(`self_reliance_score: ${name}`, () => {
    const score = selfRelianceScore(answers);
    if (expected === null) assert.equal(score, null);
    else assert.ok(score !== null && Math.abs(score - expected) < 1e-9, `${score}`);
  });
}

const cbsCases: [string, Answers, string][] = [
  ['born in Morocco is non-western', { birth_country: 'MA', mother_birth_country: 'NL', father_birth_country: 'NL' }, 'nonwestern'],
  ['born in Germany is western, whatever the parents', { birth_country: 'DE', mother_birth_country: 'MA', father_birth_country: 'MA' }, 'western'],
  ['born in NL with a mother born in Turkey is non-western', { birth_country: 'NL', mother_birth_country: 'TR', father_birth_country: 'NL' }, 'nonwestern'],
  ['born in NL: the mother abroad decides before the father', { birth_country: 'NL', mother_birth_country: 'BE', father_birth_country: 'SR' }, 'western'],
  ['born in NL with a Dutch-born mother: the father abroad decides', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'SR' }, 'nonwestern'],
  ['born in NL with the mother unknown: the father abroad decides', { birth_country: 'NL', mother_birth_country: 'unknown', father_birth_country: 'JP' }, 'western'],
  ['born in NL with both parents born in NL is none', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL' }, 'none'],
  ['born in NL with the father unknown is unknown', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'unknown' }, 'unknown'],
  ['born in NL with the parents unanswered is unknown', { birth_country: 'NL' }, 'unknown'],
  ['own birth country unknown is unknown, even with parents abroad', { birth_country: 'unknown', mother_birth_country: 'MA' }, 'unknown'],
  ['nothing answered is unknown', {}, 'unknown'],
  ['cultural background does not count in the statistics office rule', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['MA'] }, 'none'],
];
for (const [name, answers, expected] of cbsCases) test(`migration_cbs: ${name}`, () => assert.equal(migrationCbs(answers), expected));

const extendedCases: [string, Answers, string | null, string][] = [
  ['born in NL, parents in NL, only Dutch ticked is none', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['NL'] }, null, 'none'],
  ['born in NL with only Dutch ticked and parents unanswered is none', { birth_country: 'NL', cultural_background: ['NL'] }, null, 'none'],
  ['born in NL with Dutch and Moroccan background ticked is non-western', { birth_country: 'NL', cultural_background: ['NL', 'MA'] }, null, 'nonwestern'],
  ['born in NL, only Dutch ticked, but a Surinamese nationality is non-western', { birth_country: 'NL', cultural_background: ['NL'] }, 'SR', 'nonwestern'],
  ['born in NL, only Dutch ticked, with a Polish-born father is western', { birth_country: 'NL', father_birth_country: 'PL', cultural_background: ['NL'] }, null, 'western'],
  ['a non-western link wins over a western one', { birth_country: 'DE', cultural_background: ['TR'] }, null, 'nonwestern'],
  ['a grandparent-like link through cultural background alone counts', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['ID'] }, null, 'western'],
  ['born in Germany with a German nationality is western', { birth_country: 'DE' }, 'DE', 'western'],
  ['a Dutch nationality is no foreign link', { birth_country: 'NL', cultural_background: ['NL'] }, 'NL', 'none'],
  ['only `other` ticked, born in NL, links to no known country: unknown', { birth_country: 'NL', cultural_background: ['other'] }, null, 'unknown'],
  ['born in NL without any cultural background ticked is unknown', { birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL' }, null, 'unknown'],
  ['nothing answered but a registered foreign nationality is classified by it', {}, 'SY', 'nonwestern'],
  ['nothing answered and no register is unknown', {}, null, 'unknown'],
];
for (const [name, answers, nationality, expected] of extendedCases) {
  test(`migration_extended: ${name}`, () => assert.equal(migrationExtended(answers, nationality === null ? null : { nationality }), expected));
}

const groupCases: [string, MigrationExtended, Answers, boolean | null, string][] = [
  ['none stays none', 'none', {}, null, 'none'],
  ['western stays western, even as a status holder', 'western', {}, true, 'western'],
  ['unknown stays unknown', 'unknown', {}, null, 'unknown'],
  ['a registered status holder is a newcomer', 'nonwestern', {}, true, 'nonwestern_newcomer'],
  ['a registered status holder is a newcomer whatever the answers say', 'nonwestern', { came_as_refugee: false, years_in_nl: 25 }, true, 'nonwestern_newcomer'],
  ['a recent refugee is a newcomer even when the register says no status holder', 'nonwestern', { came_as_refugee: true, years_in_nl: 3 }, false, 'nonwestern_newcomer'],
  ['the register saying no status holder and no recent refuge is settled', 'nonwestern', { came_as_refugee: true, years_in_nl: 12 }, false, 'nonwestern_settled'],
  ['without register, a refugee here less than 10 years is a newcomer', 'nonwestern', { came_as_refugee: true, years_in_nl: 9 }, null, 'nonwestern_newcomer'],
  ['without register, a refugee here exactly 10 years is settled', 'nonwestern', { came_as_refugee: true, years_in_nl: 10 }, null, 'nonwestern_settled'],
  ['without register, a refugee without years answered is settled', 'nonwestern', { came_as_refugee: true }, null, 'nonwestern_settled'],
  ['without register, someone who did not come as a refugee is settled', 'nonwestern', { came_as_refugee: false, years_in_nl: 2 }, null, 'nonwestern_settled'],
];
for (const [name, extended, answers, statusHolder, expected] of groupCases) {
  test(`migration_group: ${name}`, () => assert.equal(migrationGroup(extended, answers, statusHolder === null ? null : { statusHolder }), expected));
}

test('the background of a participant is the latest answered one per question across waves', () => {
  const t0 = { birth_country: 'unknown', gender: 'woman', health: 5 };
  const t1 = { birth_country: 'MA', health: 6 };
  const t2 = { health: 7, birth_country: '' };
  assert.deepEqual(latestBackground([t0, t1, t2], background), { birth_country: 'MA', gender: 'woman' });
});

test('EAA classifies a later wave by the background given at an earlier one', () => {
  const t0 = { birth_country: 'SY', came_as_refugee: true, years_in_nl: 4, cultural_background: ['SY'] };
  const t2 = { paid_work: true, receives_benefit: false, self_reliance: { finances: 3, agencies: 3, information: 3, ask_help: 3 } };
  assert.deepEqual(derive(t2, register(), latestBackground([t0, t2], background)), {
    outflow_work: true,
    self_reliance_score: 3,
    migration_cbs: 'nonwestern',
    migration_extended: 'nonwestern',
    migration_group: 'nonwestern_newcomer',
  });
});

test('EAA uses the answers themselves as background when none is given', () => {
  const derived = derive({ birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['NL'] }, null);
  assert.equal(derived.migration_cbs, 'none');
  assert.equal(derived.migration_group, 'none');
  assert.equal(derived.outflow_work, null);
});

const expressionCases: [string, string, string | undefined, Answers, RegisterRecord | null, unknown][] = [
  ['arithmetic over answers', '{a} + {b} * 2', undefined, { a: 1, b: 3 }, null, 7],
  ['a condition gives true or false', "{a} = 'yes'", undefined, { a: 'yes' }, null, true],
  ['a register column is read as {register.<column>}', "{register.band} = 'old'", undefined, {}, { band: 'old' }, true],
  ['a false `when` leaves the variable empty', '{a} * 2', '{a} notempty', {}, null, null],
  ['a true `when` computes it', '{a} * 2', '{a} notempty', { a: 4 }, null, 8],
];
for (const [name, expression, when, answers, reg, expected] of expressionCases) {
  test(`a derived expression: ${name}`, () => {
    const type = typeof expected === 'boolean' ? 'binary' : 'numeric';
    const run = compileDerived([{ name: 'x', type, label: { nl: 'x' }, description: 'x', expression, ...(when ? { when } : {}) }]);
    assert.equal(run(answers, reg).x, expected);
  });
}

test('a derived variable reads the derived variables declared before it', () => {
  const run = compileDerived([
    { name: 'double', type: 'numeric', label: { nl: 'd' }, description: 'd', expression: '{a} * 2' },
    { name: 'plus_one', type: 'numeric', label: { nl: 'p' }, description: 'p', expression: '{double} + 1' },
  ]);
  assert.deepEqual(run({ a: 5 }, null), { double: 10, plus_one: 11 });
});
