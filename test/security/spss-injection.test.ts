import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { buildApp } from '../../server/app.ts';
import { loadConfig, projectRoot } from '../../server/config.ts';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { loadSurveyVersion, SurveyRegistry } from '../../server/surveys/registry.ts';
import { definitionNameProblems, variableNameProblem } from '../../server/surveys/variable-names.ts';
import { createTestApp, day, fixturesDir, seedMiniStudies, tempDir, type TestApp } from '../helpers/app.ts';
import { serverEnv, serverFilesIn } from '../helpers/server-process.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * Question names become SPSS and R variable names, and labels become string literals in the
 * syntax that the server's PSPP runs: a definition cannot smuggle a command into either.
 */

const marker = () => path.join(tempDir('wavepanel-pwned-'), 'pwned');
const injectedName = (file: string) => `note A8\n.\nHOST COMMAND=['touch ${file}'].\n*`;

function mini(): SurveyJson {
  return JSON.parse(fs.readFileSync(path.join(fixturesDir, 'surveys', 'mini', '1.json'), 'utf8')) as SurveyJson;
}

function withQuestion(name: string, title = 'Een vraag'): SurveyJson {
  const survey = mini();
  survey.pages.at(-1)!.elements!.push({ type: 'comment', name, title });
  return survey;
}

async function setup(t: TestContext): Promise<{ app: TestApp; admin: Client; surveysDir: string }> {
  const dir = tempDir('wavepanel-spss-');
  const surveysDir = path.join(dir, 'surveys');
  fs.cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
  const app = await createTestApp({ config: { surveysDir } });
  t.after(() => app.close());
  await seedMiniStudies(app.services, 1);
  await addUser(app.services, 'ada', 'admin', ['mini-panel']);
  return { app, admin: await signIn(app.app, 'ada'), surveysDir };
}

describe('variable names', () => {
  const table: [string, string, RegExp | undefined][] = [
    ['a plain snake_case name', 'job_search_hours', undefined],
    ['the signs SPSS allows', 'q1.a@b#c$d', undefined],
    ['letters beyond ASCII', 'vraag_één', undefined],
    ['a space', 'job hours', /only letters, digits/],
    ['a hyphen', 'vraag-1', /only letters, digits/],
    ['a digit first', '1vraag', /start with a letter/],
    ['an underscore first', '_vraag', /start with a letter/],
    ['a period at the end', 'vraag.', /end with a period/],
    ['65 bytes', 'v'.repeat(65), /65 bytes/],
    ['multi-byte letters over 64 bytes', 'é'.repeat(33), /66 bytes/],
    ['an SPSS reserved word in any case', 'With', /reserved word of SPSS/],
    ['an R reserved word', 'TRUE', /reserved word of R/],
    ['a line break and a command', 'a\nHOST', /only letters, digits/],
    ['empty', '', /empty/],
  ];
  for (const [name, value, problem] of table) {
    it(`${problem ? 'refuses' : 'accepts'} ${name}`, () => {
      const found = variableNameProblem(value);
      if (problem) assert.match(found ?? '', problem);
      else assert.equal(found, undefined);
    });
  }

  it('checks the export columns a question gives too: checkbox choices and matrix rows', () => {
    const survey = mini();
    survey.pages.at(-1)!.elements!.push({ type: 'checkbox', name: 'grounds', choices: [{ value: 'skin colour' }, { value: 'age' }] });
    survey.pages.at(-1)!.elements!.push({ type: 'matrix', name: 'm', columns: [1, 2], rows: [{ value: 'r-1' }] });
    assert.deepEqual(definitionNameProblems(survey).map((p) => p.split(' of question')[0]), ['the export column "grounds__skin colour"', 'the export column "m__r-1"']);
  });

  it('keeps room for the wide export\'s wave prefix: 57 bytes is too long for a question name', () => {
    assert.equal(definitionNameProblems(withQuestion('q'.repeat(56))).length, 0);
    assert.match(definitionNameProblems(withQuestion('q'.repeat(57)))[0]!, /57 bytes/);
  });
});

describe('names are checked where a definition enters', () => {
  it('publishing the HOST COMMAND injection through the API is refused, writes nothing and runs nothing', async (t) => {
    const { admin, surveysDir } = await setup(t);
    const file = marker();
    const res = await admin.request('POST', '/api/surveys/mini/versions', { definition: withQuestion(injectedName(file)) });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'unprocessable');
    assert.match(res.json().error.message, /must start with a letter|only letters, digits/);
    assert.deepEqual(fs.readdirSync(path.join(surveysDir, 'mini')), ['1.json']);
    assert.ok(!fs.existsSync(file));
  });

  it('ordinary names SPSS cannot read (a space, a hyphen, 77 characters) are refused at publishing with the name and the reason', async (t) => {
    const { admin } = await setup(t);
    for (const name of ['job hours', 'vraag-1', 'v'.repeat(77)]) {
      const res = await admin.request('POST', '/api/surveys/mini/versions', { definition: withQuestion(name) });
      assert.equal(res.statusCode, 422, name);
      assert.ok(res.json().error.message.includes(JSON.stringify(name)), res.json().error.message);
    }
  });

  it('the CLI refuses to publish a definition with such a name', () => {
    const dir = tempDir();
    const surveysDir = path.join(dir, 'surveys');
    fs.cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
    const definitionFile = path.join(dir, 'next.json');
    fs.writeFileSync(definitionFile, JSON.stringify(withQuestion('job hours')));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'surveys', 'publish', definitionFile, '--survey', 'mini'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...serverEnv(serverFilesIn(dir), { WAVEPANEL_SURVEYS_DIR: surveysDir }) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /"job hours" may hold only letters, digits/);
    assert.deepEqual(fs.readdirSync(path.join(surveysDir, 'mini')), ['1.json']);
  });
});

describe('labels in the syntax PSPP runs', () => {
  it('a question title carrying the injection is published, and the .sav export runs PSPP without running the command', async (t) => {
    const { app, admin } = await setup(t);
    const file = marker();
    const definition = withQuestion('advice', `x'\n.\nHOST COMMAND=['touch ${file}'].\n*`);
    const published = await admin.request('POST', '/api/surveys/mini/versions', { definition });
    assert.equal(published.statusCode, 201, published.body);
    const now = app.services.now().getTime();
    await scheduleWave({ studies: app.services.studies, surveys: app.services.surveys, wave: { studyId: 'mini-panel', code: 'W2', surveyId: 'mini', surveyVersion: 2, opensAt: new Date(now + 400 * day), closesAt: new Date(now + 430 * day) } });
    const sps = await admin.request('GET', '/api/studies/mini-panel/exports/sps');
    assert.equal(sps.statusCode, 200);
    assert.ok(!sps.body.split('\n').some((line) => /^\s*HOST/i.test(line)), 'no line of the syntax starts a command from the label');
    const sav = await admin.request('GET', '/api/studies/mini-panel/exports/sav');
    assert.equal(sav.statusCode, 200, sav.body);
    assert.ok(!fs.existsSync(file), 'PSPP ran the command');
  });

  it('an export whose columns SPSS cannot read is refused in the one error shape before PSPP runs', async (t) => {
    const dir = tempDir();
    const file = path.join(dir, '1.json');
    fs.writeFileSync(file, JSON.stringify(mini()));
    const survey = loadSurveyVersion(file, 'mini', 1);
    // A definition that bypassed the checks (as before they existed): its name reaches the export.
    survey.definition.pages.at(-1)!.elements!.push({ type: 'comment', name: 'job hours' });
    const config = loadConfig({}, {
      databasePath: path.join(dir, 'db.sqlite'),
      secretPath: path.join(dir, 'secret'),
      surveysDir: path.join(fixturesDir, 'surveys'),
      localesDir: path.join(fixturesDir, 'locales'),
      studiesDir: path.join(fixturesDir, 'studies'),
      logLevel: 'silent',
      adminSecondFactor: false,
    });
    const app = await buildApp({ config, surveys: new SurveyRegistry([survey], config.localesDir) });
    t.after(() => app.close());
    await seedMiniStudies(app.services, 1);
    await addUser(app.services, 'ada', 'admin');
    const admin = await signIn(app, 'ada');
    for (const format of ['sav', 'sps', 'r']) {
      const res = await admin.request('GET', `/api/studies/mini-panel/exports/${format}`);
      assert.equal(res.statusCode, 422, format);
      assert.match(res.json().error.message, /"w0_job hours" may hold only letters/);
    }
  });
});
