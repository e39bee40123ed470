import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, day, queryRows, seedMiniStudies, startSession, submitAnswers } from '../helpers/app.ts';
import { addUser, signIn } from './sign-in.ts';

async function setUp() {
  const t = await createTestApp();
  const mini = await seedMiniStudies(t.services);
  await addUser(t.services, 'ada', 'admin');
  await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
  return { t, mini, admin: await signIn(t.app, 'ada'), rita: await signIn(t.app, 'rita') };
}

test('a researcher sees only the studies they are a member of; an admin sees all', async () => {
  const { t, admin, rita } = await setUp();
  try {
    const mine = (await rita.request('GET', '/api/studies')).json() as { id: string; waves: { code: string; open: boolean }[] }[];
    assert.deepEqual(mine.map((s) => s.id), ['mini-panel']);
    assert.deepEqual(mine[0]!.waves.map((w) => [w.code, w.open]), [['W0', true], ['W1', false]]);
    const all = (await admin.request('GET', '/api/studies')).json() as { id: string }[];
    assert.deepEqual(all.map((s) => s.id), ['mini-cross', 'mini-panel']);
    assert.equal((await rita.request('GET', '/api/studies/mini-cross')).statusCode, 403);
    assert.equal((await rita.request('GET', '/api/studies/nope')).statusCode, 404);
  } finally {
    await t.close();
  }
});

test('an admin creates a study and makes a researcher a member of it', async () => {
  const { t, admin, rita } = await setUp();
  try {
    const created = await admin.request('POST', '/api/studies', { id: 'second', name: 'Second panel', kind: 'panel' });
    assert.equal(created.statusCode, 201);
    assert.equal((await admin.request('POST', '/api/studies', { id: 'second', name: 'Again', kind: 'panel' })).statusCode, 409);
    assert.equal((await rita.request('GET', '/api/studies/second')).statusCode, 403);
    const ritaId = ((await queryRows(t.services, "SELECT id FROM users WHERE username = 'rita'"))[0] as { id: number }).id;
    assert.equal((await admin.request('PUT', `/api/studies/second/members/${ritaId}`)).statusCode, 204);
    assert.equal((await rita.request('GET', '/api/studies/second')).statusCode, 200);
    assert.equal((await rita.request('PATCH', '/api/studies/second', { name: 'Renamed' })).json().name, 'Renamed');
  } finally {
    await t.close();
  }
});

test('a wave is scheduled with an installed survey version and a window that overlaps no other wave', async () => {
  const { t, rita } = await setUp();
  try {
    const start = t.clock.now().getTime();
    const at = (days: number) => new Date(start + days * day).toISOString();
    const ok = await rita.request('POST', '/api/studies/mini-panel/waves', { code: 'W2', surveyId: 'mini', surveyVersion: 1, opensAt: at(365), closesAt: at(395) });
    assert.equal(ok.statusCode, 201);
    const overlap = await rita.request('POST', '/api/studies/mini-panel/waves', { code: 'W3', surveyId: 'mini', surveyVersion: 1, opensAt: at(390), closesAt: at(400) });
    assert.equal(overlap.statusCode, 409);
    const noSurvey = await rita.request('POST', '/api/studies/mini-panel/waves', { code: 'W3', surveyId: 'mini', surveyVersion: 9, opensAt: at(400), closesAt: at(410) });
    assert.equal(noSurvey.json().error.code, 'survey_not_found');
    const backwards = await rita.request('POST', '/api/studies/mini-panel/waves', { code: 'W3', surveyId: 'mini', surveyVersion: 1, opensAt: at(410), closesAt: at(400) });
    assert.equal(backwards.statusCode, 400);
  } finally {
    await t.close();
  }
});

test('closing and opening a wave now changes which wave respondents get, and is audited', async () => {
  const { t, mini, rita } = await setUp();
  try {
    const waves = (await rita.request('GET', '/api/studies/mini-panel')).json().waves as { id: number; code: string }[];
    const [w0, w1] = waves;
    const closed = await rita.request('POST', `/api/studies/mini-panel/waves/${w0!.id}/close`);
    assert.equal(closed.statusCode, 200);
    assert.equal(closed.json().open, false);
    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).body.error?.code, 'wave_not_open');
    assert.equal((await rita.request('POST', `/api/studies/mini-panel/waves/${w0!.id}/close`)).statusCode, 409);
    t.clock.advance(1000);
    const opened = await rita.request('POST', `/api/studies/mini-panel/waves/${w1!.id}/open`);
    assert.equal(opened.statusCode, 200);
    assert.equal(opened.json().opensAt, t.clock.now().toISOString());
    const session = await startSession(t.app, { token: mini.tokens[0] });
    assert.equal(session.body.waveCode, 'W1');
    const actions = (await queryRows(t.services, "SELECT action, study_id FROM audit_log WHERE action LIKE 'wave_%' ORDER BY id"));
    assert.deepEqual(actions, [
      { action: 'wave_close', study_id: 'mini-panel' },
      { action: 'wave_open', study_id: 'mini-panel' },
    ]);
  } finally {
    await t.close();
  }
});

test('changing a wave window or survey version never touches stored responses', async () => {
  const { t, mini, rita } = await setUp();
  try {
    const session = await startSession(t.app, { token: mini.tokens[0] });
    assert.equal(session.status, 200);
    const saved = await submitAnswers(t.app, session.body, { answers: {}, pageNo: 1 });
    assert.equal(saved.status, 200);
    const before = (await queryRows(t.services, 'SELECT * FROM responses ORDER BY id'));
    const submissionsBefore = (await queryRows(t.services, 'SELECT * FROM submissions ORDER BY response_id'));
    const w0 = (await rita.request('GET', '/api/studies/mini-panel')).json().waves[0] as { id: number; opensAt: string };
    const start = t.clock.now().getTime();
    const changed = await rita.request('PATCH', `/api/studies/mini-panel/waves/${w0.id}`, {
      opensAt: new Date(start - 2 * day).toISOString(),
      closesAt: new Date(start + 60 * day).toISOString(),
    });
    assert.equal(changed.statusCode, 200);
    await rita.request('POST', `/api/studies/mini-panel/waves/${w0.id}/close`);
    assert.deepEqual((await queryRows(t.services, 'SELECT * FROM responses ORDER BY id')), before);
    assert.deepEqual((await queryRows(t.services, 'SELECT * FROM submissions ORDER BY response_id')), submissionsBefore);
    const audit = (await queryRows(t.services, "SELECT detail FROM audit_log WHERE action = 'wave_update'"))[0] as { detail: string };
    assert.equal(JSON.parse(audit.detail).before.opensAt, w0.opensAt);
  } finally {
    await t.close();
  }
});
