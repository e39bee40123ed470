import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import { loadSurveyRegistry, type SurveyRegistry } from '../../server/surveys/registry.ts';
import { generatePanel, type GeneratedPanel } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, collector, openTestDatabase } from './helpers.ts';
import { headerOf, parseCsv } from './read-csv.ts';

/** The exports on the real EAA definitions in surveys/ (eaa-t0, eaa-t1, eaa-t2), not the test fixture. */

let database: Database;
let dir: string;
let close: () => Promise<void>;
let surveys: SurveyRegistry;
let panel: GeneratedPanel;

before(async () => {
  ({ database, dir, close } = await openTestDatabase());
  const config = loadConfig({});
  surveys = loadSurveyRegistry(config.surveysDir, config.localesDir);
  panel = await generatePanel(database, { participants: 40, seed: 5, surveyOf: (wave) => `eaa-${wave.toLowerCase()}` });
});
after(() => close());

async function exported(format: ExportFormat, dataFile?: string): Promise<string> {
  const { out, text } = collector();
  await writeExport({ database, surveys, definitions: bundledDefinitions(), studyId: panel.studyId, format, layout: 'wide', out, dataFile, actor: commandLine });
  return text();
}

test('the wide export of the real instrument has the column names of instrument.md', async () => {
  const header = headerOf(await exported('wide'));
  for (const name of [
    't0_consent',
    't0_birth_country',
    't0_cultural_background__MA',
    't0_cultural_background__other',
    't0_years_in_nl',
    't0_came_as_refugee',
    't0_health',
    't1_enough_contacts',
    't1_participation_barriers__care_duties',
    't2_discrimination_grounds__none',
    't2_eaa_activities__application_training',
    't2_society_helps_low_literacy',
    't2_letters_distress',
    't2_self_reliance__daily_plan',
    't2_outflow_work',
    'migration_group',
  ]) {
    assert.ok(header.includes(name), `missing ${name}`);
  }
});

test('the codebook of the real instrument lists exactly its columns, and PSPP reads them with the .sps', async () => {
  const csvText = await exported('wide');
  const columns = headerOf(csvText);
  assert.deepEqual(parseCsv(await exported('codebook-csv')).map((r) => r.column), columns);
  const csv = path.join(dir, 'eaa-wide.csv');
  fs.writeFileSync(csv, csvText);
  const sps = path.join(dir, 'eaa-wide.sps');
  const sav = path.join(dir, 'eaa-wide.sav');
  fs.writeFileSync(sps, `${await exported('sps', csv)}SAVE OUTFILE='${sav}'.\nSYSFILE INFO FILE='${sav}'.\n`);
  const output = path.join(dir, 'out.csv');
  const run = spawnSync('pspp', ['-o', output, sps], { encoding: 'utf8' });
  const text = fs.readFileSync(output, 'utf8');
  assert.equal(run.status, 0, text.slice(0, 2000));
  assert.doesNotMatch(text, /error/i);
  assert.equal(Number(/^Variables,(\d+)/m.exec(text)?.[1]), columns.length);
  assert.equal(Number(/^Cases,(\d+)/m.exec(text)?.[1]), panel.participants.length);
});
