import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { fixturesDir, queryRows, tempDir } from '../helpers/app.ts';
import { wavepanel } from '../helpers/command-line.ts';
import { closeServices, openServerServices, serverEnv, serverFilesOfTestDialect } from '../helpers/server-process.ts';

/** `wavepanel surveys publish` as an operator runs it, on a copy of the fixture surveys. */

test('surveys publish: a dry run writes nothing, breaking changes need --allow-breaking, and the publication is audited', async (t) => {
  const dir = tempDir('wavepanel-publish-cli-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const surveysDir = path.join(dir, 'surveys');
  cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
  const files = await serverFilesOfTestDialect(dir);
  t.after(files.drop);
  const env = serverEnv(files, { WAVEPANEL_SURVEYS_DIR: surveysDir });

  const definition = JSON.parse(readFileSync(path.join(surveysDir, 'mini', '1.json'), 'utf8')) as SurveyJson;
  const last = definition.pages.at(-1)!;
  last.elements = last.elements!.filter((e) => e.name !== 'remarks');
  const file = path.join(dir, 'next.json');
  writeFileSync(file, JSON.stringify(definition));

  const dryRun = await wavepanel(['surveys', 'publish', file, '--survey', 'mini', '--dry-run'], env);
  assert.equal(dryRun.code, 0, dryRun.stderr);
  assert.match(dryRun.stdout, /mini 1 -> 2: 1 breaking, 0 safe\n {2}breaking remarks: question removed\ndry run: nothing written \(it would be version 2\)/);

  const refused = await wavepanel(['surveys', 'publish', file, '--survey', 'mini'], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /1 breaking change: answers would not be comparable with version 1/);
  assert.match(refused.stderr, /breaking remarks: question removed/);
  assert.deepEqual(readdirSync(path.join(surveysDir, 'mini')), ['1.json']);

  const published = await wavepanel(['surveys', 'publish', file, '--survey', 'mini', '--allow-breaking'], env);
  assert.equal(published.code, 0, published.stderr);
  assert.match(published.stdout, /published .*mini\/2\.json/);
  assert.deepEqual(readdirSync(path.join(surveysDir, 'mini')).sort(), ['1.json', '2.json']);

  const services = await openServerServices(files, { surveysDir });
  try {
    assert.equal(services.surveys.latest('mini')?.version, 2, 'a server started now serves version 2');
    const rows = await queryRows<{ userId: number | null; detail: string }>(services, `SELECT user_id AS "userId", detail FROM audit_log WHERE action = 'survey_publish'`);
    assert.deepEqual(
      rows.map((r) => [r.userId, JSON.parse(r.detail)]),
      [[null, { surveyId: 'mini', version: 2, previousVersion: 1, breakingAccepted: ['remarks: question removed'], via: 'cli' }]],
    );
  } finally {
    await closeServices(services);
  }
});
