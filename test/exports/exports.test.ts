import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Database } from '../../server/db/database.ts';
import { writeExport } from '../../server/exports/exports.service.ts';
import type { SurveyRegistry } from '../../server/surveys/registry.ts';
import { fixtureSurveys, generatePanel, waveCodes, type GeneratedPanel } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, collector, openTestDatabase } from './helpers.ts';
import { headerOf, parseCsv } from './read-csv.ts';

let database: Database;
let close: () => Promise<void>;
let panel: GeneratedPanel;
let surveys: SurveyRegistry;
let wide: string;
let long: string;

async function exportText(layout: 'long' | 'wide', excelNl = false): Promise<string> {
  const { out, text } = collector();
  await writeExport({ database, surveys, definitions: bundledDefinitions(), studyId: panel.studyId, format: layout, out, excelNl, actor: commandLine });
  return text();
}

before(async () => {
  ({ database, close } = await openTestDatabase());
  panel = await generatePanel(database, { participants: 120, seed: 42 });
  surveys = fixtureSurveys();
  wide = await exportText('wide');
  long = await exportText('long');
});
after(() => close());

const bool = (value: unknown) => (value === true ? '1' : value === false ? '0' : '');
const expectedOutflow = (a: Record<string, unknown>) => (a.paid_work === true ? bool(a.receives_benefit === false) : a.paid_work === false ? '0' : '');
function expectedScore(a: Record<string, unknown>): string {
  const values = Object.values((a.self_reliance ?? {}) as Record<string, number>);
  if (values.length < 4) return '';
  return String(Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 1e6) / 1e6);
}

test('the wide export has a row per responding participant, named t0_health, t1_health and so on', () => {
  const rows = parseCsv(wide);
  assert.equal(rows.length, panel.participants.length);
  const header = headerOf(wide);
  for (const name of ['pseudonym', 't0_health', 't1_health', 't2_health', 't0_discrimination_grounds__religion', 't0_self_reliance__finances', 't0_cultural_background__other_text', 'diagnosis_advice', 'migration_group', 't2_outflow_work']) {
    assert.ok(header.includes(name), `missing column ${name}`);
  }
  assert.equal(new Set(header).size, header.length, 'column names are unique');
});

test('every derived variable of every participant matches the known truth', () => {
  const rows = new Map(parseCsv(wide).map((r) => [r.pseudonym, r]));
  for (const p of panel.participants) {
    const row = rows.get(p.pseudonym)!;
    assert.equal(row.migration_cbs, p.migrationCbs, `${p.pseudonym} (${p.scenario}) migration_cbs`);
    assert.equal(row.migration_extended, p.migrationExtended, `${p.pseudonym} (${p.scenario}) migration_extended`);
    assert.equal(row.migration_group, p.migrationGroup, `${p.pseudonym} (${p.scenario}) migration_group`);
    for (const wave of waveCodes) {
      const answers = p.waves[wave];
      const prefix = `${wave.toLowerCase()}_`;
      assert.equal(row[`${prefix}outflow_work`], answers ? expectedOutflow(answers) : '', `${p.pseudonym} ${wave} outflow_work`);
      assert.equal(row[`${prefix}self_reliance_score`], answers ? expectedScore(answers) : '', `${p.pseudonym} ${wave} self_reliance_score`);
    }
  }
});

test('answers become columns: checkbox values as 0/1, matrix rows as numbers, register data joined', () => {
  const rows = new Map(parseCsv(wide).map((r) => [r.pseudonym, r]));
  for (const p of panel.participants) {
    const row = rows.get(p.pseudonym)!;
    const t0 = p.waves.T0!;
    const grounds = t0.discrimination_grounds as string[];
    for (const ground of ['ethnic_cultural', 'religion', 'gender', 'age', 'disability', 'other', 'none']) {
      assert.equal(row[`t0_discrimination_grounds__${ground}`], grounds.includes(ground) ? '1' : '0');
    }
    const matrix = t0.self_reliance as Record<string, number>;
    for (const r of ['finances', 'agencies', 'information', 'ask_help', 'daily_plan']) assert.equal(row[`t0_self_reliance__${r}`], matrix[r] === undefined ? '' : String(matrix[r]));
    assert.equal(row.t0_paid_work, bool(t0.paid_work));
    assert.equal(row.t0_health, t0.health === undefined ? '' : String(t0.health));
    assert.equal(row.t0_enough_contacts, t0.enough_contacts);
    assert.equal(row.diagnosis_advice, p.register?.diagnosisAdvice ?? '');
    assert.equal(row.status_holder, bool(p.register?.statusHolder));
    assert.equal(row.age_band, p.register?.ageBand ?? '');
    if (!p.waves.T1) assert.ok(Object.entries(row).every(([name, cell]) => !name.startsWith('t1_') || cell === ''), `${p.pseudonym} has no T1`);
  }
});

test('wide and long exports agree cell for cell', () => {
  const wideRows = new Map(parseCsv(wide).map((r) => [r.pseudonym, r]));
  const longRows = parseCsv(long);
  const responses = panel.participants.reduce((n, p) => n + Object.keys(p.waves).length, 0);
  assert.equal(longRows.length, responses);
  const longHeader = headerOf(long);
  for (const row of longRows) {
    const wideRow = wideRows.get(row.pseudonym!)!;
    const prefix = `${row.wave!.toLowerCase()}_`;
    for (const name of longHeader) {
      if (name === 'pseudonym' || name === 'wave') continue;
      const wideName = name in wideRow && !(`${prefix}${name}` in wideRow) ? name : `${prefix}${name}`;
      assert.equal(row[name], wideRow[wideName], `${row.pseudonym} ${row.wave} ${name}`);
    }
  }
});

test('the long export has the response facts first and a row per response', () => {
  assert.deepEqual(headerOf(long).slice(0, 7), ['pseudonym', 'wave', 'survey_version', 'locale', 'channel', 'started_at', 'completed_at']);
  const rows = parseCsv(long);
  assert.ok(rows.every((r) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(r.started_at!)));
  assert.ok(rows.some((r) => r.completed_at === '') && rows.some((r) => r.completed_at !== ''));
});

test('a formula typed into a text answer leaves the export neutralised', () => {
  const texts = parseCsv(long).map((r) => r.cultural_background__other_text).filter(Boolean);
  assert.ok(texts.length > 0);
  for (const text of texts) assert.equal(text, `'=HYPERLINK("x")`);
});

test('the export for Excel in Dutch has a byte order mark, semicolons and decimal commas', async () => {
  const text = await exportText('wide', true);
  assert.ok(text.startsWith('\uFEFF'));
  const rows = parseCsv(text.slice(1), ';');
  assert.equal(rows.length, panel.participants.length);
  assert.ok(rows.some((r) => /^\d,\d+$/.test(r.t0_self_reliance_score!)));
});

test('an export whose destination closes part-way stops with an error instead of waiting for ever', async () => {
  const stalled = new Writable({ highWaterMark: 1024, write: () => undefined });
  const running = writeExport({ database, surveys, definitions: bundledDefinitions(), studyId: panel.studyId, format: 'long', out: stalled, actor: commandLine });
  setTimeout(() => stalled.destroy(), 50);
  await assert.rejects(running, /closed before the end/);
});
