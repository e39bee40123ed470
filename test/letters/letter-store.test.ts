import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import { formatToken } from '../../server/tokens/token.ts';
import { createTestApp, databaseBytes, defaultTestDialect, queryRows, sqliteOf, startSession, TestClock } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

/** Letters are kept (encrypted, key outside the database) until confirmed printed or 7 days, then destroyed. */

const day = 24 * 60 * 60 * 1000;

async function setUp() {
  const clock = new TestClock(Date.parse('2026-03-01T09:00:00Z'));
  const t = await createTestApp({ clock, config: { publicUrl: 'https://panel.example.nl' } });
  await t.services.studies.insertStudy({ id: 'mini-panel', name: 'Mini panel', kind: 'panel', createdAt: clock.now() });
  const opens = new Date(clock.now().getTime() - day);
  await scheduleWave({ ...t.services, wave: { studyId: 'mini-panel', code: 'W0', surveyId: 'mini', surveyVersion: 1, opensAt: opens, closesAt: new Date(opens.getTime() + 60 * day) } });
  await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
  const rita = await signIn(t.app, 'rita');
  const made = await rita.request('POST', '/api/studies/mini-panel/batches', { count: 3, language: 'ar' });
  assert.equal(made.statusCode, 201);
  const body = made.json() as { batch: { id: number }; lettersUrl: string; downloadUrl: string };
  const csv = (await rita.request('GET', body.downloadUrl)).body;
  const tokens = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[2]!.replaceAll('-', ''));
  return { t, clock, rita, ...body, tokens };
}

test('letters can be opened and downloaded again, after leaving the page, until they are confirmed printed', async () => {
  const { t, rita, lettersUrl, downloadUrl, tokens } = await setUp();
  try {
    for (let i = 0; i < 2; i++) {
      const page = await rita.request('GET', lettersUrl);
      assert.equal(page.statusCode, 200);
      for (const token of tokens) assert.ok(page.body.includes(formatToken(token)));
      assert.equal((await rita.request('GET', downloadUrl)).statusCode, 200);
    }
    const kept = await rita.request('GET', '/api/studies/mini-panel/letters');
    assert.equal(kept.json().sets.length, 1);
    const confirmed = await rita.request('POST', `${lettersUrl}/confirm`);
    assert.equal(confirmed.statusCode, 200);
    assert.equal((await rita.request('GET', lettersUrl)).statusCode, 404);
    assert.equal((await rita.request('GET', downloadUrl)).statusCode, 404);
    assert.deepEqual((await rita.request('GET', '/api/studies/mini-panel/letters')).json().sets, []);
    const audit = await queryRows<{ action: string }>(t.services, "SELECT action FROM audit_log WHERE action IN ('letters_served', 'tokens_downloaded', 'letters_destroyed') ORDER BY id");
    assert.deepEqual(audit.map((a) => a.action).slice(-1), ['letters_destroyed']);
  } finally {
    await t.close();
  }
});

test('letters survive a restart of the server', async () => {
  const { t, lettersUrl, tokens } = await setUp();
  await t.app.close();
  const again = await createTestApp({ alongside: t });
  try {
    await addUser(again.services, 'ada', 'admin');
    const ada = await signIn(again.app, 'ada');
    const page = await ada.request('GET', lettersUrl);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(formatToken(tokens[0]!)));
  } finally {
    await again.close();
    await t.close();
  }
});

test('letters expire after 7 days and are destroyed', async () => {
  const { t, clock, lettersUrl } = await setUp();
  try {
    clock.advance(7 * day - 1000);
    const rita = await signIn(t.app, 'rita'); // the first session ended long ago
    assert.equal((await rita.request('GET', lettersUrl)).statusCode, 200);
    clock.advance(2000);
    assert.equal((await rita.request('GET', lettersUrl)).statusCode, 404);
    assert.deepEqual(await queryRows(t.services, 'SELECT id FROM letter_sets'), []);
  } finally {
    await t.close();
  }
});

// A property of the SQLite file's bytes; the PostgreSQL pass does not define it rather than skip it.
if (defaultTestDialect === 'sqlite') test('no raw token is readable in the database file, while letters are kept or after they are destroyed', async () => {
  const { t, rita, lettersUrl, tokens } = await setUp();
  try {
    const file = t.config.databasePath;
    const sealed = (sqliteOf(t.services).$client.prepare('SELECT sealed FROM letter_sets').get() as { sealed: string }).sealed;
    sqliteOf(t.services).$client.pragma('wal_checkpoint(TRUNCATE)');
    const whileKept = databaseBytes(file);
    for (const token of tokens) assert.ok(!whileKept.includes(token) && !whileKept.includes(formatToken(token)), 'kept letters are encrypted');
    assert.ok(fs.existsSync(path.join(path.dirname(t.config.secretPath), 'wavepanel-letters.key')), 'the key is a file beside the token secret');
    assert.equal((await rita.request('POST', `${lettersUrl}/confirm`)).statusCode, 200);
    const after = databaseBytes(file);
    for (const token of tokens) assert.ok(!after.includes(token) && !after.includes(formatToken(token)));
    assert.ok(!after.includes(sealed.slice(0, 40)), 'the encrypted letters are overwritten, not left in a free page');
  } finally {
    await t.close();
  }
});

test('new codes for every participant of a batch who has not started: one action, one printable file, old codes stop working', async () => {
  const { t, rita, batch, tokens } = await setUp();
  try {
    assert.equal((await startSession(t.app, { token: tokens[0] })).status, 200, 'the first participant starts');
    const res = await rita.request('POST', `/api/studies/mini-panel/batches/${batch.id}/new-codes`);
    assert.equal(res.statusCode, 201);
    const { count, lettersUrl } = res.json() as { count: number; lettersUrl: string };
    assert.equal(count, 2, 'only those who have not started');
    const page = (await rita.request('GET', lettersUrl)).body;
    assert.equal(page.split('<article').length - 1, 2);
    assert.ok(!page.includes('MINI-PANEL-0001'));
    assert.equal((await startSession(t.app, { token: tokens[1] })).status, 404, 'the old code of a participant who had not started stops working');
    assert.equal((await startSession(t.app, { token: tokens[0] })).status, 200, 'who started keeps their code');
    const [audit] = await queryRows<{ detail: string }>(t.services, "SELECT detail FROM audit_log WHERE action = 'token_new_codes'");
    assert.deepEqual(JSON.parse(audit!.detail), { batchId: batch.id, count });
  } finally {
    await t.close();
  }
});

test('the letters page says when WAVEPANEL_PUBLIC_URL is not set, and letters then point to the server itself', async () => {
  const t = await createTestApp({ config: { publicUrl: null, port: 3123 } });
  try {
    await t.services.studies.insertStudy({ id: 'mini-panel', name: 'Mini panel', kind: 'panel', createdAt: t.clock.now() });
    await addUser(t.services, 'ada', 'admin');
    const ada = await signIn(t.app, 'ada');
    const kept = (await ada.request('GET', '/api/studies/mini-panel/letters')).json() as { publicUrl: string | null; origin: string };
    assert.deepEqual(kept, { publicUrl: null, origin: 'http://127.0.0.1:3123', sets: [] });
  } finally {
    await t.close();
  }
});
