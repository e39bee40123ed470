import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig, projectRoot } from '../../server/config.ts';
import { createServices } from '../../server/services.ts';
import { checkStudyDefinition, loadStudyDefinitions, StudyDefinitionError, type StudyProblem } from '../../server/studies/study-registry.ts';
import { loadSurveyRegistry } from '../../server/surveys/registry.ts';
import { tempDir } from '../helpers/app.ts';

const surveys = loadSurveyRegistry(path.join(projectRoot, 'surveys'), path.join(projectRoot, 'locales'));
const eaa = JSON.parse(fs.readFileSync(path.join(projectRoot, 'studies', 'eaa', 'study.json'), 'utf8')) as Record<string, unknown>;

/** A small valid definition over the EAA T0 survey, changed by each case. */
const base = () => ({
  id: 'town',
  kind: 'panel',
  title: 'Buurtpanel',
  purpose: 'Hoe het gaat in de buurt.',
  waves: [{ code: 'T0', survey: 'eaa-t0' }],
  register: [{ name: 'district', type: 'category', label: { nl: 'Wijk' }, values: [{ value: 'north', label: { nl: 'Noord' } }] }],
  derived: [{ name: 'healthy', type: 'binary', label: { nl: 'Gezond' }, description: 'health of 7 or more', expression: '{health} >= 7' }],
  report: { groupings: [{ variable: 'district', title: { nl: 'Per wijk', en: 'By district' } }], measures: [{ name: 'healthy', label: { nl: 'Gezond', en: 'Healthy' }, variable: 'healthy', statistic: 'share', values: [true] }] },
});

const check = (json: unknown) => checkStudyDefinition('studies/town/study.json', JSON.parse(JSON.stringify(json)), { surveys, folder: 'town' });
const paths = (problems: StudyProblem[]) => problems.map((p) => p.path);

test('the definitions that ship with the platform (EAA and the others) have no problem', () => {
  for (const folder of fs.readdirSync(path.join(projectRoot, 'studies'))) {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(projectRoot, 'studies', folder, 'study.json'), 'utf8'));
    assert.deepEqual(checkStudyDefinition(folder, json, { surveys, folder }), [], folder);
  }
  assert.equal(eaa.id, 'eaa');
});

test('a small valid definition has no problem', () => assert.deepEqual(check(base()), []));

const cases: [string, (d: ReturnType<typeof base> & Record<string, unknown>) => unknown, string, RegExp][] = [
  ['a required property left out is named', (d) => ({ ...d, title: undefined }), '', /title/],
  ['a property that is not allowed is named', (d) => ({ ...d, colour: 'red' }), '', /not allowed: colour/],
  ['a value of the wrong type is named by its path', (d) => ({ ...d, kind: 'survey' }), '/kind', /./],
  ['an id that is not the folder name is refused', (d) => ({ ...d, id: 'city' }), '/id', /folder is "town"/],
  ['a wave naming a survey that is not installed is refused', (d) => ({ ...d, waves: [{ code: 'T0', survey: 'nope' }] }), '/waves/0/survey', /not installed/],
  ['a missing value for a question no survey asks is refused', (d) => ({ ...d, missingValues: { shoe_size: ['dont_know'] } }), '/missingValues/shoe_size', /none of the study's surveys asks/],
  ['a missing value that is no answer value of its question is refused', (d) => ({ ...d, missingValues: { gender: ['maybe'] } }), '/missingValues/gender/0', /not an answer value of gender/],
  ['a derived variable with both an expression and a rule is refused', (d) => ({ ...d, derived: [{ ...d.derived[0]!, rule: { name: 'migration_cbs' } }] }), '/derived/0', /either an expression or a rule/],
  ['an expression that does not parse is refused', (d) => ({ ...d, derived: [{ ...d.derived[0]!, expression: '{health} >=' }] }), '/derived/0/expression', /not a valid expression/],
  ['an expression reading an unknown answer is refused', (d) => ({ ...d, derived: [{ ...d.derived[0]!, expression: '{wealth} > 1' }] }), '/derived/0/expression', /reads \{wealth\}/],
  ['an expression reading an undeclared register column is refused', (d) => ({ ...d, derived: [{ ...d.derived[0]!, expression: "{register.income} > 1" }] }), '/derived/0/expression', /no column "income"/],
  ['a categorical derived variable without values is refused', (d) => ({ ...d, derived: [{ ...d.derived[0]!, type: 'categorical' }] }), '/derived/0', /needs its values/],
  ['a built-in rule naming a register column that is not declared is refused', (d) => ({ ...d, derived: [{ name: 'm', type: 'categorical', label: { nl: 'm' }, description: 'm', rule: { name: 'migration_extended', nationality: 'passport' }, values: [{ value: 'none', label: { nl: 'geen' } }] }] }), '/derived/0/rule/nationality', /no column "passport"/],
  ['a register column named like a question is refused', (d) => ({ ...d, register: [{ ...d.register[0]!, name: 'health' }] }), '/register/0/name', /already the name of a question/],
  ['a category register column without values is refused', (d) => ({ ...d, register: [{ name: 'district', type: 'category', label: { nl: 'Wijk' } }] }), '/register/0', /needs its values/],
  ['a report measure of an unknown variable is refused', (d) => ({ ...d, report: { ...d.report, measures: [{ ...d.report.measures[0]!, variable: 'wealth' }] } }), '/report/measures/0/variable', /"wealth" is no question/],
  ['a share without the values it counts is refused', (d) => ({ ...d, report: { ...d.report, measures: [{ name: 'h', label: { nl: 'H' }, variable: 'health', statistic: 'share' }] } }), '/report/measures/0', /needs the values/],
  ['a grouping by an unknown variable is refused', (d) => ({ ...d, report: { ...d.report, groupings: [{ variable: 'street', title: { nl: 'Per straat' } }] } }), '/report/groupings/0/variable', /"street" is no question/],
];
for (const [name, change, at, message] of cases) {
  test(`study definition: ${name}`, () => {
    const problems = check(change(base()));
    const found = problems.find((p) => p.path === at && message.test(p.message));
    assert.ok(found, `expected a problem at "${at}" matching ${message}, got ${JSON.stringify(problems)}`);
    assert.equal(found.file, 'studies/town/study.json');
  });
}

test('every problem of a definition is listed at once, not only the first', () => {
  const d = base();
  const problems = check({ ...d, id: 'city', waves: [{ code: 'T0', survey: 'nope' }], register: [{ name: 'district', type: 'category', label: { nl: 'Wijk' } }] });
  // Without its survey, {health} is unknown too: that is listed as well.
  assert.deepEqual(paths(problems).sort(), ['/derived/0/expression', '/id', '/register/0', '/waves/0/survey']);
});

test('every problem of every study file is listed when the platform starts, and it does not start', async () => {
  const dir = tempDir();
  const write = (folder: string, content: string) => {
    fs.mkdirSync(path.join(dir, 'studies', folder), { recursive: true });
    fs.writeFileSync(path.join(dir, 'studies', folder, 'study.json'), content);
  };
  write('town', JSON.stringify({ ...base(), colour: 'red' }));
  write('broken', '{ "id": ');
  write('good', JSON.stringify({ ...base(), id: 'good' }));
  await assert.rejects(
    createServices({ config: loadConfig({}, { databasePath: path.join(dir, 'db.sqlite'), secretPath: path.join(dir, 'secret'), studiesDir: path.join(dir, 'studies') }) }),
    (error: unknown) => {
      assert.ok(error instanceof StudyDefinitionError);
      assert.deepEqual(error.problems.map((p) => path.basename(path.dirname(p.file))).sort(), ['broken', 'town']);
      assert.match(error.message, /broken[/\\]study\.json: is not valid JSON/);
      assert.match(error.message, /town[/\\]study\.json: has a property that is not allowed: colour/);
      return true;
    },
  );
  assert.equal(loadStudyDefinitions(path.join(dir, 'none'), surveys).list().length, 0, 'no studies folder: no definitions, no error');
});
