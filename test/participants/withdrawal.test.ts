import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerRepositoryFor } from '../../server/register/register.repository.pg.ts';
import { generateToken } from '../../server/tokens/token.ts';
import { createTestApp, day, queryRows, seedMiniStudies, startSession, submitAnswers, type TestApp, type TestAppOptions } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

/**
 * Withdrawal by the code of the letter: a researcher types the code a participant shows them,
 * or the participant types it themselves on the respondent site.
 */

async function setUp(options: TestAppOptions = {}) {
  const t = await createTestApp(options);
  const mini = await seedMiniStudies(t.services, 2);
  await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
  await addUser(t.services, 'otto', 'researcher', ['mini-cross']);
  return { t, mini, rita: await signIn(t.app, 'rita'), otto: await signIn(t.app, 'otto') };
}

/**
 * P1 answers in wave W0 and, half a year later, in W1; P2 answers in W1; P1 has register data.
 * The clock ends in W1, past the researchers' 12-hour sessions: sign in afterwards.
 */
async function answerTwoWaves(t: TestApp, tokens: string[]) {
  const first = await startSession(t.app, { token: tokens[0] });
  assert.equal((await submitAnswers(t.app, first.body, { answers: {}, pageNo: 1 })).status, 200);
  t.clock.advance(181 * day);
  const second = await startSession(t.app, { token: tokens[0] });
  assert.equal(second.body.waveCode, 'W1');
  assert.equal((await startSession(t.app, { token: tokens[1] })).status, 200);
  const [p1] = await queryRows<{ id: number }>(t.services, "SELECT id FROM participants WHERE pseudonym = 'P1'");
  await registerRepositoryFor(t.services.database).saveAll([{ line: 2, pseudonym: 'P1', participantId: p1!.id, values: { status_holder: true, nationality: 'SY' } }], t.clock.now());
  return { p1: p1!.id, first: first.body };
}

async function count(t: TestApp, sql: string, ...params: unknown[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.services, sql, params);
  return Number(row!.n);
}

function auditRows(t: TestApp) {
  return queryRows<{ userId: number | null; action: string; studyId: string; detail: string }>(
    t.services,
    `SELECT user_id AS "userId", action, study_id AS "studyId", detail FROM audit_log WHERE action = 'participant_withdraw' ORDER BY id`,
  );
}

const grouped = (token: string) => token.match(/.{1,5}/g)!.join('-');

test('a researcher types the code a participant shows: the pseudonym is shown first, then every wave of answers and the register data are deleted', async () => {
  const { t, mini } = await setUp();
  try {
    const { p1, first } = await answerTwoWaves(t, mini.tokens);
    const rita = await signIn(t.app, 'rita');
    const token = grouped(mini.tokens[0]!).toLowerCase();

    const lookup = await rita.request('POST', '/api/studies/mini-panel/withdrawals/lookup', { token });
    assert.equal(lookup.statusCode, 200, lookup.body);
    assert.deepEqual(lookup.json(), { pseudonym: 'P1' });
    assert.equal(await count(t, 'SELECT count(*) AS n FROM responses WHERE participant_id = ?', p1), 2, 'looking up changes nothing');

    const res = await rita.request('POST', '/api/studies/mini-panel/withdrawals', { token });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { pseudonym: 'P1', responsesDeleted: 2 });
    assert.equal(await count(t, 'SELECT count(*) AS n FROM responses WHERE participant_id = ?', p1), 0);
    assert.equal(await count(t, 'SELECT count(*) AS n FROM submissions WHERE response_id = ?', first.responseId), 0);
    assert.equal(await count(t, 'SELECT count(*) AS n FROM register_data WHERE participant_id = ?', p1), 0);
    assert.equal(await count(t, 'SELECT count(*) AS n FROM responses'), 1, "the other participant's answers stay");

    const listed = ((await rita.request('GET', '/api/studies/mini-panel/participants')).json() as { participants: { pseudonym: string; status: string }[] }).participants;
    assert.deepEqual(listed.map((p) => [p.pseudonym, p.status]), [['P1', 'withdrawn'], ['P2', 'active']]);
    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).body.error?.code, 'token_invalid', 'the code stops working');
    assert.equal((await rita.request('POST', '/api/studies/mini-panel/withdrawals', { token })).json().error.code, 'token_invalid');

    const [audit, ...more] = await auditRows(t);
    assert.equal(more.length, 0);
    assert.equal(audit!.studyId, 'mini-panel');
    assert.ok(audit!.userId !== null);
    assert.deepEqual(JSON.parse(audit!.detail), { pseudonym: 'P1', responsesDeleted: 2, by: 'researcher', via: 'token' });
    const everything = JSON.stringify(await queryRows(t.services, 'SELECT * FROM audit_log')) + t.logs();
    for (const form of [mini.tokens[0]!, token, grouped(mini.tokens[0]!)]) assert.ok(!everything.includes(form), 'no token in the audit log or the server log');
  } finally {
    await t.close();
  }
});

test('a researcher gets the same answer for an unknown, a malformed, and another study’s code, and nothing changes', async () => {
  const { t, mini } = await setUp();
  try {
    const { studies, participants, hash } = t.services;
    await studies.insertStudy({ id: 'other-panel', name: 'Other panel', kind: 'panel', createdAt: t.clock.now() });
    const elsewhere = generateToken();
    await participants.insert({ studyId: 'other-panel', pseudonym: 'O1', tokenHash: hash('token', elsewhere), createdAt: t.clock.now() });
    await answerTwoWaves(t, mini.tokens);
    const rita = await signIn(t.app, 'rita');
    const before = await count(t, 'SELECT count(*) AS n FROM responses');

    for (const url of ['/api/studies/mini-panel/withdrawals/lookup', '/api/studies/mini-panel/withdrawals']) {
      const answers = [];
      for (const token of [generateToken(), 'not-a-code', `${mini.tokens[0]!.slice(0, -1)}${mini.tokens[0]!.endsWith('0') ? '1' : '0'}`, elsewhere]) {
        const res = await rita.request('POST', url, { token });
        answers.push({ status: res.statusCode, body: res.json() as unknown });
      }
      assert.equal(answers[0]!.status, 404);
      assert.deepEqual((answers[0]!.body as { error: { code: string } }).error.code, 'token_invalid');
      for (const answer of answers) assert.deepEqual(answer, answers[0], `${url}: every unknown code gets the same answer`);
    }
    assert.equal(await count(t, 'SELECT count(*) AS n FROM responses'), before);
    assert.equal(await count(t, "SELECT count(*) AS n FROM participants WHERE status = 'withdrawn'"), 0);
    assert.equal((await auditRows(t)).length, 0);
  } finally {
    await t.close();
  }
});

test('the researcher route needs membership of the study, a session and the CSRF token', async () => {
  const { t, mini, rita, otto } = await setUp();
  try {
    const body = { token: mini.tokens[0] };
    for (const url of ['/api/studies/mini-panel/withdrawals/lookup', '/api/studies/mini-panel/withdrawals']) {
      const outsider = await otto.request('POST', url, body);
      assert.equal(outsider.statusCode, 403, outsider.body);
      assert.equal(outsider.json().error.code, 'forbidden');
      const noCsrf = await t.app.inject({ method: 'POST', url, headers: { cookie: rita.cookie }, payload: body });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(noCsrf.json().error.code, 'csrf_failed');
      const anonymous = await t.app.inject({ method: 'POST', url, payload: body });
      assert.equal(anonymous.statusCode, 401);
    }
    assert.equal(await count(t, "SELECT count(*) AS n FROM participants WHERE status = 'withdrawn'"), 0);
    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).status, 200, 'the code still works');
  } finally {
    await t.close();
  }
});

test('a respondent deletes their own answers in every wave with the code of their letter, and the code stops working', async () => {
  const { t, mini } = await setUp();
  try {
    const { p1, first } = await answerTwoWaves(t, mini.tokens);
    const res = await t.app.inject({ method: 'POST', url: '/api/respondent/withdrawal', payload: { token: grouped(mini.tokens[0]!), locale: 'ar' } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { withdrawn: boolean; message: string; pseudonym?: string };
    assert.equal(body.withdrawn, true);
    assert.match(body.message, /حذف إجاباتك/, 'the result is in the chosen language');
    assert.equal(body.pseudonym, undefined, 'the respondent is not told their pseudonym');
    assert.equal(await count(t, 'SELECT count(*) AS n FROM responses WHERE participant_id = ?', p1), 0);
    assert.equal(await count(t, 'SELECT count(*) AS n FROM register_data WHERE participant_id = ?', p1), 0);
    assert.equal(await count(t, 'SELECT count(*) AS n FROM responses'), 1);
    assert.equal(await count(t, "SELECT count(*) AS n FROM participants WHERE id = ? AND status = 'withdrawn' AND withdrawn_at IS NOT NULL", p1), 1);

    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).body.error?.code, 'token_invalid');
    const again = await t.app.inject({ method: 'POST', url: '/api/respondent/withdrawal', payload: { token: mini.tokens[0], locale: 'nl' } });
    assert.equal(again.json().error.code, 'token_invalid');
    const old = await submitAnswers(t.app, first, { answers: {}, pageNo: 1 });
    assert.equal(old.body.error?.code, 'response_key_invalid', 'an open session of the withdrawn participant cannot write again');

    const [audit, ...more] = await auditRows(t);
    assert.equal(more.length, 0);
    assert.equal(audit!.userId, null);
    assert.equal(audit!.studyId, 'mini-panel');
    assert.deepEqual(JSON.parse(audit!.detail), { pseudonym: 'P1', responsesDeleted: 2, by: 'respondent' });
    const everything = JSON.stringify(await queryRows(t.services, 'SELECT * FROM audit_log')) + t.logs();
    assert.ok(!everything.includes(mini.tokens[0]!) && !everything.includes(grouped(mini.tokens[0]!)), 'no token in the audit log or the server log');
  } finally {
    await t.close();
  }
});

test('a respondent gets the same answer for an unknown and a malformed code', async () => {
  const { t } = await setUp();
  try {
    const answers = [];
    for (const token of [generateToken(), 'hello', 'x'.repeat(80)]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/respondent/withdrawal', payload: { token, locale: 'nl' } });
      answers.push({ status: res.statusCode, body: res.json() as unknown });
    }
    assert.equal(answers[0]!.status, 404);
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    assert.equal((await auditRows(t)).length, 0);
  } finally {
    await t.close();
  }
});

test('failed codes on the start page and on the withdrawal page count against the same limit', async () => {
  const { t, mini } = await setUp({ config: { tokenAttemptLimit: 3 } });
  try {
    const withdraw = (token: string) => t.app.inject({ method: 'POST', url: '/api/respondent/withdrawal', payload: { token, locale: 'tr' } });
    assert.equal((await startSession(t.app, { token: generateToken() })).status, 404);
    assert.equal((await withdraw(generateToken())).statusCode, 404);
    assert.equal((await withdraw('wrong')).statusCode, 404);
    const blocked = await withdraw(mini.tokens[0]!);
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, 'rate_limited');
    assert.equal(await count(t, "SELECT count(*) AS n FROM participants WHERE status = 'withdrawn'"), 0, 'a blocked request deletes nothing');
    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).body.error?.code, 'rate_limited');

    t.clock.advance(t.config.tokenAttemptWindowMs + 1);
    assert.equal((await withdraw(mini.tokens[0]!)).statusCode, 200, 'after the window the code works again');
  } finally {
    await t.close();
  }
});
