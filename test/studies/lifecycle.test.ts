import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { commandLine } from '../../server/audit/audit.service.ts';
import { writeExport } from '../../server/exports/exports.service.ts';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import { collector } from '../exports/helpers.ts';
import { createTestApp, fixturesDir, queryRows, startSession, submitAnswers, tempDir, type TestApp } from '../helpers/app.ts';
import { countOf } from '../helpers/dialects.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

const day = 24 * 60 * 60 * 1000;

/** A small definition of a neighbourhood panel over the fixture survey `mini`. */
const town = (over: Record<string, unknown> = {}) => ({
  id: 'town',
  kind: 'panel',
  title: 'Buurtpanel',
  purpose: 'Hoe het gaat in de buurt.',
  waves: [{ code: 'W0', survey: 'mini' }],
  register: [{ name: 'district', type: 'category', label: { nl: 'Wijk' }, values: [{ value: 'north', label: { nl: 'Noord' } }] }],
  derived: [{ name: 'healthy', type: 'binary', label: { nl: 'Gezond' }, description: 'health 7 or more', expression: '{health} >= 7' }],
  report: { groupings: [{ variable: 'district', title: { nl: 'Per wijk', en: 'By district' } }], measures: [{ name: 'healthy', label: { nl: 'Gezond', en: 'Healthy' }, variable: 'healthy', statistic: 'share', values: [true] }] },
  ...over,
});

async function setUp(config: { localesDir?: string } = {}) {
  const studiesDir = path.join(tempDir(), 'studies');
  const t = await createTestApp({ config: { studiesDir, ...config } });
  await addUser(t.services, 'ada', 'admin');
  const ada = await signIn(t.app, 'ada');
  return { t, ada, studiesDir };
}

const audit = async (t: TestApp, action: string) =>
  (await queryRows<{ studyId: string; detail: string }>(t.services, 'SELECT study_id AS "studyId", detail FROM audit_log WHERE action = ? ORDER BY id', [action])).map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));

test('a study is created from an uploaded definition, which is installed and audited', async () => {
  const { t, ada, studiesDir } = await setUp();
  try {
    const res = await ada.request('POST', '/api/studies/from-definition', { definition: town() });
    assert.equal(res.statusCode, 201);
    assert.deepEqual([res.json().id, res.json().name, res.json().kind, res.json().registerColumns], ['town', 'Buurtpanel', 'panel', ['district']]);
    assert.ok(fs.existsSync(path.join(studiesDir, 'town', 'study.json')));
    assert.equal(t.services.definitions.get('town')?.definition.title, 'Buurtpanel');
    assert.deepEqual((await audit(t, 'study_create')).map((a) => a.studyId), ['town']);
  } finally {
    await t.close();
  }
});

test('an uploaded definition with problems is refused with every problem listed, and nothing is created', async () => {
  const { t, ada, studiesDir } = await setUp();
  try {
    const res = await ada.request('POST', '/api/studies/from-definition', { definition: town({ waves: [{ code: 'W0', survey: 'nope' }], register: [{ name: 'district', type: 'category', label: { nl: 'Wijk' } }] }) });
    assert.equal(res.statusCode, 422);
    const problems = (res.json() as { error: { details: { problems: { file: string; path: string; message: string }[] } } }).error.details.problems;
    assert.deepEqual(problems.map((p) => p.path).sort(), ['/derived/0/expression', '/register/0', '/waves/0/survey']);
    assert.ok(problems.every((p) => p.file === path.join('studies', 'town', 'study.json')));
    assert.equal(await t.services.studies.findStudy('town'), undefined);
    assert.ok(!fs.existsSync(path.join(studiesDir, 'town')));
  } finally {
    await t.close();
  }
});

test('a study can start as a copy of another study, with its definition', async () => {
  const { t, ada } = await setUp();
  try {
    assert.equal((await ada.request('POST', '/api/studies/from-definition', { definition: town() })).statusCode, 201);
    const copy = await ada.request('POST', '/api/studies/town/copy', { id: 'town-2027', title: 'Buurtpanel 2027' });
    assert.equal(copy.statusCode, 201);
    assert.deepEqual([copy.json().title, copy.json().registerColumns], ['Buurtpanel 2027', ['district']]);
    assert.equal(t.services.definitions.get('town-2027')?.definition.derived?.[0]?.expression, '{health} >= 7');
  } finally {
    await t.close();
  }
});

async function withWaveAndParticipant(t: TestApp, ada: Awaited<ReturnType<typeof signIn>>) {
  assert.equal((await ada.request('POST', '/api/studies/from-definition', { definition: town() })).statusCode, 201);
  const opens = new Date(t.clock.now().getTime() - day);
  await scheduleWave({ ...t.services, wave: { studyId: 'town', code: 'W0', surveyId: 'mini', surveyVersion: 1, opensAt: opens, closesAt: new Date(opens.getTime() + 30 * day) } });
  const made = await ada.request('POST', '/api/studies/town/batches', { count: 2 });
  const csv = (await ada.request('GET', made.json().downloadUrl)).body;
  return csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[2]!);
}

async function answer(t: TestApp, token: string): Promise<void> {
  const session = await startSession(t.app, { token });
  assert.equal(session.status, 200);
  const res = await submitAnswers(t.app, session.body, { answers: { consent: true } });
  assert.ok(res.status < 300, JSON.stringify(res.body));
}

test('responses given in pilot mode are test responses: left out of exports, and deleted in one audited action', async () => {
  const { t, ada } = await setUp();
  try {
    const [first, second] = await withWaveAndParticipant(t, ada);
    assert.equal((await ada.request('PUT', '/api/studies/town/pilot', { pilot: true })).json().pilot, true);
    await answer(t, first!);
    assert.equal((await ada.request('PUT', '/api/studies/town/pilot', { pilot: false })).json().pilot, false);
    await answer(t, second!);
    const flags = await queryRows<{ test: number }>(t.services, "SELECT CAST(test AS integer) AS test FROM responses WHERE study_id = 'town' ORDER BY started_at, id");
    assert.deepEqual(flags.map((f) => f.test).sort(), [0, 1]);
    const { out, text } = collector();
    await writeExport({ database: t.services.database, surveys: t.services.surveys, definitions: t.services.definitions, studyId: 'town', format: 'long', out, actor: commandLine });
    assert.equal(text().trim().split('\n').length, 2, 'a header and the one real response');
    const deleted = await ada.request('POST', '/api/studies/town/test-responses/delete');
    assert.deepEqual(deleted.json(), { deleted: 1 });
    assert.equal(await countOf(t.services.database, sql`SELECT count(*) AS n FROM responses WHERE study_id = 'town'`), 1);
    assert.deepEqual((await audit(t, 'test_responses_delete')).map((a) => a.detail), [{ deleted: 1 }]);
    assert.deepEqual((await audit(t, 'study_pilot')).map((a) => a.detail), [{ pilot: true }, { pilot: false }]);
  } finally {
    await t.close();
  }
});

test('archiving needs the study id typed; an archived study keeps its data and takes no new respondents', async () => {
  const { t, ada } = await setUp();
  try {
    const [token] = await withWaveAndParticipant(t, ada);
    assert.equal((await ada.request('POST', '/api/studies/town/archive', { confirm: 'yes' })).statusCode, 400);
    const archived = await ada.request('POST', '/api/studies/town/archive', { confirm: 'town' });
    assert.equal(archived.statusCode, 200);
    assert.ok(archived.json().archivedAt);
    const session = await startSession(t.app, { token: token! });
    assert.equal(session.body.error?.code, 'wave_closed');
    assert.equal((await audit(t, 'study_archive')).length, 1);
  } finally {
    await t.close();
  }
});

test('deleting a study needs its id typed and removes its responses, participants and register data; the audit log keeps the deletion', async () => {
  const { t, ada } = await setUp();
  try {
    const [token] = await withWaveAndParticipant(t, ada);
    await answer(t, token!);
    const register = await ada.request('POST', '/api/studies/town/register/import', { csv: 'pseudonym,district\nTOWN-0001,north\n' });
    assert.equal(register.statusCode, 200, register.body);
    assert.equal((await ada.request('POST', '/api/studies/town/delete', { confirm: 'Town' })).statusCode, 400);
    const res = await ada.request('POST', '/api/studies/town/delete', { confirm: 'town' });
    assert.deepEqual(res.json(), { responses: 1, participants: 2, waves: 1 });
    for (const table of ['responses', 'participants', 'register_data', 'waves', 'letter_sets', 'participant_batches']) assert.equal(await countOf(t.services.database, sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`), 0, table);
    assert.equal(await t.services.studies.findStudy('town'), undefined);
    assert.deepEqual((await audit(t, 'study_delete')).map((a) => a.studyId), ['town']);
    assert.equal((await ada.request('GET', '/api/studies/town')).statusCode, 404);
  } finally {
    await t.close();
  }
});

test('only an admin creates, archives or deletes studies; a member may pilot', async () => {
  const { t, ada } = await setUp();
  try {
    assert.equal((await ada.request('POST', '/api/studies/from-definition', { definition: town() })).statusCode, 201);
    await addUser(t.services, 'rita', 'researcher', ['town']);
    const rita = await signIn(t.app, 'rita');
    assert.equal((await rita.request('POST', '/api/studies/from-definition', { definition: town({ id: 'other' }) })).statusCode, 403);
    assert.equal((await rita.request('POST', '/api/studies/town/delete', { confirm: 'town' })).statusCode, 403);
    assert.equal((await rita.request('POST', '/api/studies/town/archive', { confirm: 'town' })).statusCode, 403);
    assert.equal((await rita.request('PUT', '/api/studies/town/pilot', { pilot: true })).statusCode, 200);
  } finally {
    await t.close();
  }
});

test("a respondent's session carries the study's own title in every language, from its definition", async () => {
  const { t, ada } = await setUp();
  try {
    const [token] = await withWaveAndParticipant(t, ada);
    const session = await startSession(t.app, { token: token! });
    const title = session.body.title as Record<string, string>;
    assert.equal(title.nl, 'Buurtpanel');
    assert.equal(title.ar, 'Buurtpanel', 'Dutch where no translation exists');
  } finally {
    await t.close();
  }
});

test("a respondent's session carries the study's purpose in the asked language, Dutch where no translation exists", async () => {
  const localesDir = path.join(tempDir(), 'locales');
  fs.cpSync(path.join(fixturesDir, 'locales'), localesDir, { recursive: true });
  fs.writeFileSync(path.join(localesDir, 'en', 'study-town.json'), JSON.stringify({ purpose: 'How the neighbourhood is doing.' }));
  const { t, ada } = await setUp({ localesDir });
  try {
    const [token] = await withWaveAndParticipant(t, ada);
    const session = await startSession(t.app, { token: token!, locale: 'en' });
    const purpose = session.body.purpose as Record<string, string>;
    assert.equal(purpose[session.body.locale as string], 'How the neighbourhood is doing.');
    assert.equal(purpose.nl, 'Hoe het gaat in de buurt.');
    assert.equal(purpose.ar, 'Hoe het gaat in de buurt.', 'Dutch where no translation exists');
  } finally {
    await t.close();
  }
});
