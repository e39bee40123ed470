import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Database } from '../../server/db/database.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import type { Layout } from '../../server/exports/variables.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import type { SurveyRegistry } from '../../server/surveys/registry.ts';
import { fixtureSurveys, generatePanel, type GeneratedPanel } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, collector, openTestDatabase } from './helpers.ts';
import { headerOf } from './read-csv.ts';

let database: Database;
let dir: string;
let close: () => Promise<void>;
let panel: GeneratedPanel;
let surveys: SurveyRegistry;

before(async () => {
  ({ database, dir, close } = await openTestDatabase());
  panel = await generatePanel(database, { participants: 60, seed: 7 });
  surveys = fixtureSurveys();
});
after(() => close());

async function exportTo(format: ExportFormat, layout: Layout, file: string, dataFile?: string): Promise<void> {
  const { out, bytes } = collector();
  await writeExport({ database, surveys, definitions: bundledDefinitions(), studyId: panel.studyId, format, layout, out, dataFile, actor: commandLine });
  fs.writeFileSync(file, bytes());
}

/** Runs PSPP syntax and returns its output as PSPP's CSV rendering of the tables. */
function pspp(syntax: string): string {
  const syntaxFile = path.join(dir, `run-${Math.random().toString(36).slice(2)}.sps`);
  const output = `${syntaxFile}.csv`;
  fs.writeFileSync(syntaxFile, syntax);
  const run = spawnSync('pspp', ['-o', output, syntaxFile], { encoding: 'utf8' });
  const text = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
  assert.equal(run.status, 0, `pspp failed: ${run.stderr}\n${text.slice(0, 2000)}`);
  assert.doesNotMatch(text, /^error:|\berror\b.*:/im, text.slice(0, 2000));
  return text;
}

function fileInfo(sav: string): { variables: number; cases: number } {
  const info = pspp(`SYSFILE INFO FILE='${sav}'.\n`);
  return { variables: Number(/^Variables,(\d+)/m.exec(info)?.[1]), cases: Number(/^Cases,(\d+)/m.exec(info)?.[1]) };
}

/** Value labels per variable label from DISPLAY DICTIONARY. */
function valueLabels(sav: string, variables: string[]): Map<string, Map<string, string>> {
  const text = pspp(`GET FILE='${sav}'.\nDISPLAY DICTIONARY /VARIABLES=${variables.join(' ')}.\n`);
  const section = text.slice(text.indexOf('Table: Value Labels'));
  const labels = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of section.split('\n').slice(2)) {
    const match = /^("(?:[^"]|"")*"|[^,]*),([^,]+),(.*)$/.exec(line);
    if (!match) continue;
    const owner = match[1]!.replace(/^"|"$/g, '');
    if (owner !== '') labels.set(owner, (current = new Map()));
    current?.set(match[2]!.replace(/\[a\]$/, ''), match[3]!.replace(/^"|"$/g, '').replaceAll('""', '"'));
  }
  return labels;
}

test('the SPSS syntax, run by GNU PSPP on the wide CSV, gives a .sav with a case per participant, every column and the value labels', async () => {
  const csv = path.join(dir, 'eaa-wide.csv');
  const sps = path.join(dir, 'eaa-wide.sps');
  const sav = path.join(dir, 'eaa-wide.sav');
  await exportTo('wide', 'wide', csv);
  await exportTo('sps', 'wide', sps, csv);
  pspp(`${fs.readFileSync(sps, 'utf8')}SAVE OUTFILE='${sav}'.\n`);
  const columns = headerOf(fs.readFileSync(csv, 'utf8'));
  assert.deepEqual(fileInfo(sav), { variables: columns.length, cases: panel.participants.length });
  const labels = valueLabels(sav, ['migration_group', 't0_gender', 't0_birth_country', 't0_paid_work']);
  assert.equal(labels.get('Migratiegroep')?.get('3'), 'niet-westers, nieuwkomer (statushouder)');
  assert.equal(labels.get('T0: Wat is uw gender?')?.get('1'), 'Vrouw');
  assert.equal(labels.get('T0: In welk land bent u geboren?')?.get('528'), 'Nederland');
  assert.equal(labels.get('T0: In welk land bent u geboren?')?.get('999'), 'onbekend');
  assert.equal(labels.get('T0: Heeft u betaald werk?')?.get('1'), 'ja');
});

test('the recoded values in the .sav are the codes of the codebook, participant by participant', async () => {
  const csv = path.join(dir, 'codes-wide.csv');
  const sps = path.join(dir, 'codes-wide.sps');
  const sav = path.join(dir, 'codes-wide.sav');
  await exportTo('wide', 'wide', csv);
  await exportTo('sps', 'wide', sps, csv);
  pspp(`${fs.readFileSync(sps, 'utf8')}SAVE OUTFILE='${sav}'.\n`);
  const listing = pspp(`GET FILE='${sav}'.\nLIST /VARIABLES=pseudonym migration_group t0_gender /FORMAT=NUMBERED.\n`);
  const groupCode = { none: 1, western: 2, nonwestern_newcomer: 3, nonwestern_settled: 4, unknown: 5 };
  const genderCode: Record<string, number> = { woman: 1, man: 2, other: 3, no_answer: 4 };
  const rows = listing.split('\n').filter((line) => /^\d+,P\d+/.test(line)).map((line) => line.split(','));
  assert.equal(rows.length, panel.participants.length);
  for (const [i, p] of panel.participants.entries()) {
    const [, pseudonym, group, gender] = rows[i]!;
    assert.equal(pseudonym, p.pseudonym);
    assert.equal(Number(group), groupCode[p.migrationGroup]);
    const t0Gender = p.waves.T0?.gender as string | undefined;
    assert.equal(gender!.trim(), t0Gender ? String(genderCode[t0Gender]) : '.');
  }
});

test('the long layout reads into PSPP with a case per response', async () => {
  const csv = path.join(dir, 'eaa-long.csv');
  const sps = path.join(dir, 'eaa-long.sps');
  const sav = path.join(dir, 'eaa-long.sav');
  await exportTo('long', 'long', csv);
  await exportTo('sps', 'long', sps, csv);
  pspp(`${fs.readFileSync(sps, 'utf8')}SAVE OUTFILE='${sav}'.\n`);
  const responses = panel.participants.reduce((n, p) => n + Object.keys(p.waves).length, 0);
  assert.deepEqual(fileInfo(sav), { variables: headerOf(fs.readFileSync(csv, 'utf8')).length, cases: responses });
});

test('export --format sav hands out the .sav that PSPP built', async () => {
  const sav = path.join(dir, 'direct.sav');
  await exportTo('sav', 'wide', sav);
  assert.equal(fs.readFileSync(sav).subarray(0, 4).toString('latin1'), '$FL2');
  assert.equal(fileInfo(sav).cases, panel.participants.length);
});

test("the report's share of a question with \"don't know\" is PSPP's valid percent of the same export, wave by wave", async () => {
  const csv = path.join(dir, 'valid-wide.csv');
  const sps = path.join(dir, 'valid-wide.sps');
  await exportTo('wide', 'wide', csv);
  await exportTo('sps', 'wide', sps, csv);
  const report = await panelReport({ database, definitions: bundledDefinitions(), studyId: panel.studyId, minCellSize: 1, actor: commandLine, language: 'en' });
  for (const wave of ['T0', 'T1', 'T2']) {
    const v = `${wave.toLowerCase()}_enough_contacts`;
    // The report counts completed responses with consent; the export holds every response.
    const output = pspp(`${fs.readFileSync(sps, 'utf8')}SELECT IF NOT SYSMIS(${wave.toLowerCase()}_completed_at) AND ${wave.toLowerCase()}_consent = 1.\nFREQUENCIES VARIABLES=${v}.\n`);
    const validPercent = Number(/^Valid,Ja,\d+,[\d.]+%,([\d.]+)%/m.exec(output)?.[1]);
    const everyone = report.groupings.find((g) => !g.unknownLeftOut)!;
    const share = everyone.waves.find((w) => w.wave === wave)!.total.percentages.enough_contacts!;
    assert.equal(share.value!.toFixed(1), validPercent.toFixed(1), `${wave}: report ${share.value} vs PSPP valid percent ${validPercent}`);
    assert.match(output, /^Missing,Weet ik niet,\d+/m, 'dont_know is a missing value in PSPP');
  }
});
