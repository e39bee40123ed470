import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commandContext } from '../../server/command-line.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { run as exportCommand } from '../../server/exports/exports.cli.ts';
import { run as reportCommand } from '../../server/reports/reports.cli.ts';
import { generatePanel, generatedPanelDirs } from '../fixtures/exports/panel-generator.ts';
import { exportAudits, openTestDatabase, type TestDatabase } from './helpers.ts';
import { parseCsv } from './read-csv.ts';

let database: Database;
let dir: string;
let config: TestDatabase['config'];
let close: () => Promise<void>;
let context: ReturnType<typeof commandContext>;

before(async () => {
  ({ database, dir, config, close } = await openTestDatabase());
  await generatePanel(database, { participants: 50, seed: 9 });
  context = commandContext(loadConfig({}, { ...config, ...generatedPanelDirs, minCellSize: 10 }));
});
after(async () => {
  await context.close();
  await close();
});

test('npx wavepanel export writes the wide CSV to --out and audits it as the CLI operator', async () => {
  const out = path.join(dir, 'wide.csv');
  assert.equal(await exportCommand(['--study', 'eaa', '--format', 'wide', '--out', out], context), 0);
  assert.equal(parseCsv(fs.readFileSync(out, 'utf8')).length, 50);
  const audit = (await exportAudits(database)).at(-1)!;
  assert.equal(audit.userId, null);
  assert.equal(JSON.parse(audit.detail).via, 'cli');
});

test('npx wavepanel export refuses an unknown format with the usage', async () => {
  assert.equal(await exportCommand(['--study', 'eaa', '--format', 'xlsx'], context), 2);
});

test('npx wavepanel export of a study that does not exist fails and leaves no file', async () => {
  const out = path.join(dir, 'none.csv');
  await assert.rejects(exportCommand(['--study', 'nope', '--format', 'long', '--out', out], context), { code: 'study_not_found' });
  assert.equal(fs.existsSync(out), false);
});

test('npx wavepanel report writes the Markdown report (Dutch unless --lang en), or JSON with --format json', async () => {
  const md = path.join(dir, 'report.md');
  const mdEnglish = path.join(dir, 'report.en.md');
  const json = path.join(dir, 'report.json');
  assert.equal(await reportCommand(['--study', 'eaa', '--out', md], context), 0);
  assert.match(fs.readFileSync(md, 'utf8'), /^# Generated panel: panelrapport/);
  assert.equal(await reportCommand(['--study', 'eaa', '--lang', 'en', '--out', mdEnglish], context), 0);
  assert.match(fs.readFileSync(mdEnglish, 'utf8'), /^# Generated panel: panel report\n/);
  assert.equal(await reportCommand(['--study', 'eaa', '--format', 'json', '--out', json], context), 0);
  assert.equal(JSON.parse(fs.readFileSync(json, 'utf8')).minCellSize, 10);
});
