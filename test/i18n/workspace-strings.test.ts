import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import type { StudyDefinition } from '../../server/studies/study-definition.ts';
import { projectRoot } from '../../server/config.ts';
import { readContext, readStrings } from '../../server/i18n/catalog.ts';
import { errorStatus } from '../../server/errors.ts';
import type { ValidationDetails } from '../../server/http/validation-message.ts';
import { passwordMessages } from '../../server/auth/password-policy.ts';
import { registerProblemCodes } from '../../server/register/register.rules.ts';
import { versionChangeCodes } from '../../server/surveys/versions.ts';

/** The workspace's strings: every word a researcher reads comes from locales/<lang>/researcher.json. */

const localesDir = path.join(projectRoot, 'locales');
const dutch = readStrings(localesDir, 'nl', 'researcher');
const has = (key: string) => key in dutch || `${key}_one` in dutch;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const workspaceCode = files(path.join(projectRoot, 'client', 'researcher'), /\.tsx?$/).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

test('a word written into a workspace component is refused by the linter', async () => {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText('export function Note() {\n  return <p title="Sign in">Sign in first</p>;\n}\n', {
    filePath: path.join(projectRoot, 'client', 'researcher', 'features', 'example', 'Note.tsx'),
  });
  assert.deepEqual(
    result!.messages.map((m) => m.ruleId),
    ['no-restricted-syntax', 'no-restricted-syntax'],
  );
});

test('every key the workspace code asks for by name is in the Dutch catalog', () => {
  const missing: string[] = [];
  for (const { file, text } of workspaceCode) {
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
      if (!has(match[1]!)) missing.push(`${path.relative(projectRoot, file)}: ${match[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every workspace string has a note for translators: where it appears and what it means', () => {
  const context = readContext(localesDir, 'researcher');
  assert.deepEqual(
    Object.keys(dutch).filter((key) => !context[key]?.where || !context[key]?.meaning),
    [],
  );
});

test('the Dutch workspace calls each thing by one word: onderzoek (not studie), batch (not reeks), meting (not ronde)', () => {
  assert.deepEqual(
    Object.keys(dutch).filter((key) => /\b(studies?|reeks(en)?|ronden?s?)\b/i.test(dutch[key]!)),
    [],
  );
});

test('every error code of the API, every refusal reason and every validation rule has a Dutch text', () => {
  const reasons = new Set<string>();
  for (const file of files(path.join(projectRoot, 'server'), /\.ts$/)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\{ reason: '([a-z_]+)'/g)) reasons.add(match[1]!);
  }
  for (const reason of Object.keys(passwordMessages)) reasons.add(reason);
  const rules: ValidationDetails['rule'][] = ['format', 'missing', 'too_short', 'too_long', 'too_small', 'too_large', 'not_allowed', 'unknown_field', 'invalid'];
  const missing = [
    ...Object.keys(errorStatus).map((code) => `errors.codes.${code}`),
    ...[...reasons].map((reason) => `errors.reasons.${reason}`),
    ...rules.map((rule) => `errors.validation.${rule}`),
  ].filter((key) => !has(key));
  assert.deepEqual(missing, []);
  assert.ok(reasons.size >= 15, 'the reasons were found in the server code');
});

test('every action the server writes to the audit log has a Dutch name and sentence', () => {
  const actions = new Set<string>();
  for (const file of files(path.join(projectRoot, 'server'), /\.ts$/)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/action: (?:via === 'api' \? )?'([a-z_]+)'(?=,| })/g)) actions.add(match[1]!);
  }
  const keys = [...actions].flatMap((action) => [`audit.actions.${action}`, `audit.describe.${action}`]);
  assert.deepEqual(keys.filter((key) => !has(key)), []);
  assert.ok(actions.size >= 40, 'the actions were found in the server code');
});

test('every problem of a register file and every change between survey versions has a Dutch text', () => {
  const keys = [...registerProblemCodes.map((code) => `register.problem.${code}`), ...versionChangeCodes.map((code) => `surveys.change.${code}`)];
  assert.deepEqual(keys.filter((key) => !has(key)), []);
  assert.ok(registerProblemCodes.length >= 15 && versionChangeCodes.length >= 15, 'the codes were found');
});

test('every study tab and role has a Dutch label, and every measure, grouping and comparison a study declares has one too', async () => {
  const tabs = [...readFileSync(path.join(projectRoot, 'client/researcher/app/study-tabs.tsx'), 'utf8').matchAll(/\bid: '([a-z]+)'/g)].map((m) => `tabs.${m[1]}`);
  assert.equal(tabs.length, 8);
  assert.deepEqual([...tabs, 'roles.admin', 'roles.researcher'].filter((key) => !has(key)), []);
  for (const id of ['eaa', 'eaa-cross', 'buurt']) {
    const { report } = JSON.parse(readFileSync(path.join(projectRoot, 'studies', id, 'study.json'), 'utf8')) as StudyDefinition;
    const labels = [...report!.groupings.map((g) => g.title), ...report!.measures.map((m) => m.label)];
    if (report!.comparison) labels.push(report!.comparison.title, report!.comparison.description, report!.comparison.share.label);
    assert.ok(labels.every((label) => label.nl && label.en && label.nl !== label.en), `${id}: every report text in Dutch and English`);
  }
});
