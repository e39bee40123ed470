import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, day, queryRows, seedMiniStudies, startSession, submitAnswers } from '../helpers/app.ts';
import { addUser, signIn, type Client } from './sign-in.ts';

async function setUp() {
  const t = await createTestApp();
  const mini = await seedMiniStudies(t.services, 2);
  await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
  await addUser(t.services, 'otto', 'researcher');
  return { t, mini, rita: await signIn(t.app, 'rita'), otto: await signIn(t.app, 'otto') };
}

function tokensFrom(csv: string): { pseudonym: string; language: string; token: string; link: string }[] {
  const [, ...rows] = csv.trim().split('\r\n');
  return rows.map((r) => {
    const [pseudonym, language, token, link] = r.split(',') as [string, string, string, string];
    return { pseudonym, language, token, link };
  });
}

async function batch(client: Client, body: Record<string, unknown>) {
  const res = await client.request('POST', '/api/studies/mini-panel/batches', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { batch: { id: number; size: number }; participants: { id: number; pseudonym: string; language: string }[]; lettersUrl: string; downloadUrl: string };
}

test('a batch makes N participants whose tokens are on the letters page and in the download, kept until confirmed printed', async () => {
  const { t, rita } = await setUp();
  try {
    const created = await batch(rita, { count: 3, language: 'ar' });
    assert.deepEqual(created.participants.map((p) => [p.pseudonym, p.language]), [['MINI-PANEL-0001', 'ar'], ['MINI-PANEL-0002', 'ar'], ['MINI-PANEL-0003', 'ar']]);
    const download = await rita.request('GET', created.downloadUrl);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment/);
    assert.equal(download.headers['cache-control'], 'no-store');
    const rows = tokensFrom(download.body);
    assert.equal(rows.length, 3);
    assert.equal((await rita.request('GET', created.downloadUrl)).statusCode, 200, 'downloaded again as long as the letters are kept');

    const page = await rita.request('GET', created.lettersUrl);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.body.match(/<article class="letter"/g)?.length, 3);
    assert.match(page.body, /@page \{ size: A4/);
    assert.match(page.body, /lang="ar" dir="rtl"/);
    for (const row of rows) {
      assert.ok(page.body.includes(row.token), 'the grouped token is printed');
      assert.equal(row.link, `http://${t.config.host}:${t.config.port}/t/${row.token.replace(/-/g, '')}?lang=${row.language}`, 'WAVEPANEL_PUBLIC_URL unset: the server itself, never the Host header; the link carries the letter\'s language');
    }
    assert.equal((await rita.request('POST', `${created.lettersUrl}/confirm`)).statusCode, 200);
    assert.equal((await rita.request('GET', created.lettersUrl)).statusCode, 404);

    const session = await startSession(t.app, { token: rows[0]!.token });
    assert.equal(session.status, 200);
    const stored = JSON.stringify((await queryRows(t.services, 'SELECT * FROM participants')));
    for (const row of rows) {
      assert.ok(!stored.includes(row.token.replace(/-/g, '')), 'no raw token in the database');
      assert.ok(!t.logs().includes(row.token.replace(/-/g, '')), 'no raw token in the log');
    }
    const audit = (await queryRows(t.services, "SELECT action, detail FROM audit_log WHERE study_id = 'mini-panel' ORDER BY id")) as { action: string; detail: string }[];
    assert.deepEqual(audit.map((a) => a.action), ['token_batch', 'tokens_downloaded', 'tokens_downloaded', 'letters_served', 'letters_destroyed']);
  } finally {
    await t.close();
  }
});

test('letters can be chosen per participant and carry Dutch plus the own language, Tigrinya in its font', async () => {
  const { t, rita } = await setUp();
  try {
    const created = await batch(rita, { count: 3, languages: ['nl', 'ti', 'tr'] });
    const page = (await rita.request('GET', created.lettersUrl)).body;
    const letters = page.split('<article').slice(1);
    assert.equal(letters.length, 3);
    assert.equal(letters[0]!.match(/<section class="texts"/g)?.length, 1, 'a Dutch letter has one text');
    assert.match(letters[1]!, /lang="ti" dir="ltr"/);
    assert.match(letters[1]!, /ክቡር ተሳታፊ/);
    assert.match(letters[2]!, /lang="tr"/);
    assert.match(page, /noto-sans-ethiopic-400\.woff2/);
    const font = await t.app.inject({ method: 'GET', url: '/api/letters/fonts/noto-sans-ethiopic-400.woff2' });
    assert.equal(font.statusCode, 200);
    assert.equal(font.headers['content-type'], 'font/woff2');
    assert.equal((await rita.request('POST', '/api/studies/mini-panel/batches', { count: 2, languages: ['nl'] })).statusCode, 400);
  } finally {
    await t.close();
  }
});

test('a pseudonym or translation with markup is printed as text', async () => {
  const { t } = await setUp();
  try {
    const { renderLetters } = await import('../../server/letters/letters.ts');
    const evil = '<script>alert(1)</script>';
    const texts = { title: evil, greeting: evil, intro: evil, scan: `${evil} {{site}}`, codeLabel: evil, kiosk: evil, keep: evil, lost: evil, thanks: evil };
    const html = await renderLetters({
      letters: [{ participantId: 1, pseudonym: `P<img src=x onerror=alert(1)>`, language: 'en', token: 'ABCDEFGHJKMNPQRSTVWXYZ01234' }],
      origin: 'https://panel.example',
      textsFor: () => texts,
    });
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<bdi dir="ltr">panel\.example<\/bdi>/);
  } finally {
    await t.close();
  }
});

test('a reissued token replaces the old one, which stops working at once', async () => {
  const { t, mini, rita } = await setUp();
  try {
    const participants = ((await rita.request('GET', '/api/studies/mini-panel/participants')).json() as { participants: { id: number; pseudonym: string }[] }).participants;
    const p1 = participants.find((p) => p.pseudonym === 'P1')!;
    const reissued = await rita.request('POST', `/api/studies/mini-panel/participants/${p1.id}/reissue`);
    assert.equal(reissued.statusCode, 200);
    assert.equal(reissued.json().pseudonym, 'P1');
    const [row] = tokensFrom((await rita.request('GET', reissued.json().downloadUrl)).body);
    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).body.error?.code, 'token_invalid');
    assert.equal((await startSession(t.app, { token: row!.token })).status, 200);
  } finally {
    await t.close();
  }
});

test('withdrawing a participant deletes their responses in every wave and keeps the pseudonym as withdrawn', async () => {
  const { t, mini } = await setUp();
  try {
    const first = await startSession(t.app, { token: mini.tokens[0] });
    await submitAnswers(t.app, first.body, { answers: {}, pageNo: 1 });
    t.clock.advance(181 * day);
    const second = await startSession(t.app, { token: mini.tokens[0] });
    assert.equal(second.body.waveCode, 'W1');
    const other = await startSession(t.app, { token: mini.tokens[1] });
    assert.equal(other.status, 200);
    const rita = await signIn(t.app, 'rita');
    const p1 = (((await rita.request('GET', '/api/studies/mini-panel/participants')).json() as { participants: { id: number; pseudonym: string }[] }).participants).find((p) => p.pseudonym === 'P1')!;
    const res = await rita.request('POST', `/api/studies/mini-panel/participants/${p1.id}/withdraw`);
    assert.deepEqual(res.json(), { pseudonym: 'P1', responsesDeleted: 2 });
    const count = async (sql: string, params: unknown[] = []) => (await queryRows<{ n: number }>(t.services, sql.replace('count(*)', 'CAST(count(*) AS integer)'), params))[0]!.n;
    assert.equal(await count('SELECT count(*) AS n FROM responses WHERE participant_id = ?', [p1.id]), 0);
    assert.equal(await count('SELECT count(*) AS n FROM submissions WHERE response_id = ?', [first.body.responseId]), 0);
    assert.equal(await count('SELECT count(*) AS n FROM responses'), 1);
    const listed = ((await rita.request('GET', '/api/studies/mini-panel/participants')).json() as { participants: { pseudonym: string; status: string }[] }).participants.find((p) => p.pseudonym === 'P1');
    assert.equal(listed?.status, 'withdrawn');
    assert.equal((await startSession(t.app, { token: mini.tokens[0] })).body.error?.code, 'token_invalid');
    assert.equal((await rita.request('POST', `/api/studies/mini-panel/participants/${p1.id}/reissue`)).statusCode, 409);
  } finally {
    await t.close();
  }
});

test('a researcher outside the study can neither make tokens nor read its letters', async () => {
  const { t, rita, otto } = await setUp();
  try {
    const created = await batch(rita, { count: 1 });
    assert.equal((await otto.request('GET', created.lettersUrl)).statusCode, 403);
    assert.equal((await otto.request('GET', created.downloadUrl)).statusCode, 403);
    assert.equal((await otto.request('POST', '/api/studies/mini-panel/batches', { count: 1 })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: created.lettersUrl })).statusCode, 401);
    assert.equal((await rita.request('GET', created.lettersUrl)).statusCode, 200, 'the refused looks did not use it up');
    assert.equal((await rita.request('POST', '/api/studies/mini-cross/batches', { count: 1 })).statusCode, 403);
  } finally {
    await t.close();
  }
});
