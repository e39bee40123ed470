import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSurveyRegistry, loadSurveyVersion, SurveyDefinitionError } from '../../server/surveys/registry.ts';
import { extractSourceStrings, flattenStrings, nestStrings } from '../../server/surveys/localization.ts';
import { createTestApp, fixturesDir, tempDir, type TestApp } from '../helpers/app.ts';

const mini = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'surveys', 'mini', '1.json'), 'utf8'));

function writeDefinition(definition: unknown): string {
  const file = path.join(tempDir(), '1.json');
  fs.writeFileSync(file, typeof definition === 'string' ? definition : JSON.stringify(definition));
  return file;
}

function withElement(element: Record<string, unknown>) {
  const copy = structuredClone(mini);
  copy.pages[1].elements.push(element);
  return copy;
}

describe('loading survey definitions', () => {
  const broken: [string, unknown, RegExp][] = [
    ['text that is not JSON', '{ "pages": [', /is not valid JSON/],
    ['a definition without pages', { title: 'x' }, /has no pages/],
    ['an unknown property', withElement({ type: 'text', name: 'x', colour: 'red' }), /Unknown property .*'colour'/],
    ['an unknown question type', withElement({ type: 'slider3000', name: 'x' }), /unknown type 'slider3000'/],
    ['a duplicate question name', withElement({ type: 'text', name: 'health' }), /'health' is used twice/],
    ['names that differ only in case', withElement({ type: 'text', name: 'Health' }), /'health' and 'Health' differ only in case/],
    ['a reserved name', withElement({ type: 'text', name: 'pages' }), /reserved/],
    ['an answer piped into HTML', withElement({ type: 'html', name: 'x', html: '<p>Hello {remarks}</p>' }), /pipes \{remarks\} into HTML/],
    ['a question type without a server rule', withElement({ type: 'file', name: 'upload' }), /no answer rule/],
  ];
  for (const [name, definition, problem] of broken) {
    it(`refuses ${name}, naming the file and the problem`, () => {
      const file = writeDefinition(definition);
      assert.throws(
        () => loadSurveyVersion(file, 'x', 1),
        (error: unknown) => error instanceof SurveyDefinitionError && error.file === file && problem.test(error.message) && error.message.startsWith(file),
      );
    });
  }

  it('a broken definition stops the whole registry from loading', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'bad'));
    fs.writeFileSync(path.join(dir, 'bad', '1.json'), '{');
    assert.throws(() => loadSurveyRegistry(dir, dir), SurveyDefinitionError);
  });

  it('scripts in HTML properties are kept as text, simple formatting stays', () => {
    const definition = structuredClone(mini);
    definition.completedHtml = '<p>Bedankt <strong>zeer</strong></p><script>alert(1)</script><img src=x onerror=alert(1)>';
    const survey = loadSurveyVersion(writeDefinition(definition), 'x', 1);
    const html = survey.definition.completedHtml as string;
    assert.ok(html.includes('<strong>zeer</strong>'));
    assert.ok(!html.includes('<script'));
    assert.ok(!/<img[^>]*onerror/.test(html));
  });

  it('translation keys are question names and properties', () => {
    const strings = extractSourceStrings(mini);
    assert.equal(strings['health.title'], 'Hoe gezond voelt u zich?');
    assert.equal(strings['participation_difficulty.choices.bit_difficult'], 'Een beetje moeilijk');
    assert.equal(strings['self_reliance.rows.finances'], 'Geldzaken');
    assert.equal(strings['self_reliance.columns.1'], 'Lukt niet');
    assert.equal(strings['survey.title'], 'Mini-vragenlijst');
    assert.deepEqual(flattenStrings(nestStrings(strings)), strings);
  });
});

describe('serving a survey in a language', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('merges the translation and falls back to Dutch for what is not translated', async () => {
    const survey = (await get('/api/surveys/mini/1?locale=en')).json();
    assert.equal(survey.title, 'Mini questionnaire');
    assert.equal(survey.locale, 'en');
    const health = survey.pages[1].elements[0];
    assert.equal(health.title, 'How healthy do you feel?');
    const difficulty = survey.pages[1].elements[1];
    assert.equal(difficulty.choices[1].text, 'A bit difficult');
    assert.equal(difficulty.choices[0].text, 'Heel moeilijk');
  });

  it('a language without any translation file is served in Dutch', async () => {
    const survey = (await get('/api/surveys/mini/1?locale=ti')).json();
    assert.equal(survey.title, 'Mini-vragenlijst');
  });

  it('answers with a strong ETag and 304 when it has not changed', async () => {
    const first = await get('/api/surveys/mini/1?locale=nl');
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    assert.equal((await get('/api/surveys/mini/1?locale=nl', { 'if-none-match': etag })).statusCode, 304);
    assert.notEqual((await get('/api/surveys/mini/1?locale=en')).headers.etag, etag);
  });

  it('is cached immutably only under its content hash', async () => {
    const plain = await get('/api/surveys/mini/1?locale=nl');
    assert.equal(plain.headers['cache-control'], 'no-cache');
    const hash = (plain.headers.etag as string).replaceAll('"', '');
    const hashed = await get(`/api/surveys/mini/1?locale=nl&h=${hash}`);
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('an unknown survey, version or language is a 4xx in the error shape', async () => {
    for (const url of ['/api/surveys/nope/1', '/api/surveys/mini/9', '/api/surveys/mini/1?locale=xx', '/api/surveys/mini/..%2f..%2fpackage.json']) {
      const res = await get(url);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} gave ${res.statusCode}`);
      assert.equal(typeof res.json().error.code, 'string');
    }
  });
});
