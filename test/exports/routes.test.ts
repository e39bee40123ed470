import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { panelReport } from '../../server/reports/reports.service.ts';
import { createTestApp, queryRows, type TestApp } from '../helpers/app.ts';
import { generatePanel, generatedPanelDirs } from '../fixtures/exports/panel-generator.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';
import { headerOf, parseCsv } from './read-csv.ts';

let t: TestApp;
let member: Client;
let outsider: Client;
let memberId: number;

before(async () => {
  t = await createTestApp({ config: { ...generatedPanelDirs, minCellSize: 10 } });
  await generatePanel(t.services.database, { participants: 80, seed: 21 });
  await generatePanel(t.services.database, { studyId: 'other', participants: 5, seed: 22 });
  memberId = await addUser(t.services, 'rita', 'researcher', ['eaa']);
  await addUser(t.services, 'olaf', 'researcher', ['other']);
  member = await signIn(t.app, 'rita');
  outsider = await signIn(t.app, 'olaf');
});
after(() => t.close());

test('a member downloads the wide CSV as an attachment, audited under their user id', async () => {
  const res = await member.request('GET', '/api/studies/eaa/exports/wide');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  assert.equal(res.headers['content-disposition'], 'attachment; filename="eaa-wide.csv"');
  assert.equal(parseCsv(res.body).length, 80);
  assert.ok(headerOf(res.body).includes('t2_self_reliance__daily_plan'));
  const [audit] = await queryRows<{ userId: number; detail: string }>(t.services, "SELECT user_id AS \"userId\", detail FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1");
  assert.equal(audit!.userId, memberId);
  assert.deepEqual(JSON.parse(audit!.detail), { format: 'wide', layout: 'wide', excelNl: false });
});

test('the SPSS syntax and the codebook come from the same route, for the long layout too', async () => {
  const sps = await member.request('GET', '/api/studies/eaa/exports/sps?layout=long');
  assert.equal(sps.statusCode, 200);
  assert.match(sps.body, /GET DATA \/TYPE=TXT \/FILE='eaa-long\.csv'/);
  const codebook = await member.request('GET', '/api/studies/eaa/exports/codebook');
  assert.match(codebook.body, /^# Codebook: Generated panel \(wide export\)/);
});

test('the .sav comes from PSPP through the same route', async () => {
  const res = await member.request('GET', '/api/studies/eaa/exports/sav');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/x-spss-sav');
  assert.equal(res.headers['content-disposition'], 'attachment; filename="eaa-wide.sav"');
  assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), '$FL2');
});

test('Excel in Dutch is asked for with excelNl=1', async () => {
  const res = await member.request('GET', '/api/studies/eaa/exports/long?excelNl=1');
  assert.ok(res.body.startsWith('\uFEFFpseudonym;wave;'));
});

test('without signing in, for another study or in an unknown format, nothing is exported', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/studies/eaa/exports/wide' })).statusCode, 401);
  const forbidden = await outsider.request('GET', '/api/studies/eaa/exports/wide');
  assert.equal(forbidden.statusCode, 403);
  assert.equal(forbidden.json().error.code, 'forbidden');
  const unknown = await member.request('GET', '/api/studies/eaa/exports/xlsx');
  assert.equal(unknown.statusCode, 400);
  assert.equal((await member.request('GET', '/api/studies/nope/exports/wide')).statusCode, 404);
});

test('the report comes as suppressed JSON', async () => {
  const res = await member.request('GET', '/api/studies/eaa/report');
  assert.equal(res.statusCode, 200);
  const report = res.json();
  assert.equal(report.minCellSize, 10);
  assert.deepEqual(report.waves, ['T0', 'T1', 'T2']);
  assert.deepEqual(report.groupings.map((g: { dimension: string }) => g.dimension), ['migration_group', 'diagnosis_advice']);
  for (const w of report.groupings[0].waves) {
    for (const cell of w.cells) assert.ok(cell.n.suppressed || cell.n.value >= 10);
  }
  assert.ok(report.comparison.rows.length === 4);
  const small = await outsider.request('GET', '/api/studies/other/report');
  assert.equal(small.statusCode, 200);
  assert.equal(small.json().attrition.total.waves[0].n.suppressed, true, 'a study of five participants shows no count');
});

test('the report route sends every number of the report: its schema in the contract leaves nothing out', async () => {
  const sent = (await member.request('GET', '/api/studies/eaa/report')).json();
  const made = await panelReport({ ...t.services, studyId: 'eaa', minCellSize: 10, actor: { userId: memberId }, language: 'nl' });
  assert.deepEqual({ ...sent, generatedAt: '' }, JSON.parse(JSON.stringify({ ...made, generatedAt: '' })));
});

test("the report's declared titles and labels come in the workspace's language, Dutch by default", async () => {
  const texts = (report: { groupings: { title: string; labels: Record<string, string> }[]; measures: { label: string }[]; comparison: { share: { label: string } } }) => ({
    title: report.groupings[0]!.title,
    group: report.groupings[0]!.labels.nonwestern_newcomer,
    measure: report.measures[0]!.label,
    share: report.comparison.share.label,
  });
  const dutch = texts((await member.request('GET', '/api/studies/eaa/report')).json());
  assert.deepEqual(dutch, { title: 'Per meting en migratiegroep', group: 'niet-westers, nieuwkomer (statushouder)', measure: 'Gezondheid (1-10)', share: 'aandeel niet-westers' });
  const english = texts((await member.request('GET', '/api/studies/eaa/report?lang=en')).json());
  assert.deepEqual(english, { title: 'By wave and migration group', group: 'non-western, newcomer (status holder)', measure: 'Health (1-10)', share: 'non-western share' });
  assert.equal(texts((await member.request('GET', '/api/studies/eaa/report?lang=ti')).json()).title, 'Per meting en migratiegroep', 'Dutch where a language has no label');
});
