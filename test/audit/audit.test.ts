import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordAudit } from '../../server/audit/audit.service.ts';
import { createTestApp, seedMiniStudies } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

const hour = 60 * 60 * 1000;

test('the audit log filters by who, what, study and period, and downloads the selection as CSV (audited)', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services);
    const adaId = await addUser(t.services, 'ada', 'admin');
    const ritaId = await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    const start = t.clock.now();
    await recordAudit({ ...t.services, userId: ritaId, action: 'token_reissue', studyId: 'mini-panel', detail: { pseudonym: 'P1' } });
    t.clock.advance(2 * hour);
    await recordAudit({ ...t.services, userId: adaId, action: 'token_reissue', studyId: 'mini-cross', detail: { pseudonym: '=HYPERLINK("x")' } });
    await recordAudit({ ...t.services, userId: null, action: 'export', studyId: 'mini-panel', detail: { format: 'wide', via: 'cli' } });
    const admin = await signIn(t.app, 'ada');
    const list = async (query: string) => ((await admin.request('GET', `/api/audit?${query}`)).json() as { action: string; username: string | null; studyId: string | null }[]).filter((e) => e.action !== 'sign_in');
    assert.deepEqual((await list(`userId=${ritaId}`)).map((e) => e.username), ['rita']);
    assert.deepEqual((await list('userId=cli')).map((e) => e.action), ['export']);
    assert.deepEqual((await list('action=token_reissue&studyId=mini-cross')).map((e) => e.username), ['ada']);
    const firstHour = `from=${start.toISOString()}&to=${new Date(start.getTime() + hour).toISOString()}`;
    assert.deepEqual((await list(firstHour)).map((e) => e.username), ['rita']);
    const bad = await admin.request('GET', '/api/audit?from=yesterday');
    assert.deepEqual([bad.statusCode, bad.json().error.details], [400, { field: 'from', rule: 'format' }]);

    const csv = await admin.request('GET', '/api/audit.csv?action=token_reissue');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'id,at,username,action,study,detail');
    assert.equal(lines.length, 3);
    assert.ok(lines[1]!.includes('HYPERLINK') && !/(^|,)[=+@-]/.test(lines[1]!), 'the detail is text in its cell, never a formula');
    assert.deepEqual((await list('action=audit_export')).length, 1, 'the download is audited');
  } finally {
    await t.close();
  }
});

test('viewing the report in the workspace is audited as report_view, not as an export', async () => {
  const t = await createTestApp({ surveys: 'demo' });
  try {
    await addUser(t.services, 'ada', 'admin');
    const admin = await signIn(t.app, 'ada');
    assert.equal((await admin.request('GET', '/api/studies/eaa/report')).statusCode, 200);
    const actions = ((await admin.request('GET', '/api/audit?studyId=eaa')).json() as { action: string }[]).map((e) => e.action);
    assert.deepEqual(actions, ['report_view']);
  } finally {
    await t.close();
  }
});

test('participants are listed a page at a time, searched by part of the pseudonym and filtered by status', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 3);
    await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    const rita = await signIn(t.app, 'rita');
    const page = async (query: string) => (await rita.request('GET', `/api/studies/mini-panel/participants?${query}`)).json() as { participants: { id: number; pseudonym: string }[]; total: number; page: number };
    const second = await page('pageSize=2&page=2');
    assert.deepEqual([second.participants.map((p) => p.pseudonym), second.total, second.page], [['P3'], 3, 2]);
    assert.deepEqual((await page('search=p2')).participants.map((p) => p.pseudonym), ['P2']);
    assert.deepEqual((await page('search=%25')).total, 0, 'a % is matched literally');
    const p1 = (await page('search=P1')).participants[0]!;
    await rita.request('POST', `/api/studies/mini-panel/participants/${p1.id}/withdraw`);
    assert.deepEqual((await page('status=withdrawn')).participants.map((p) => p.pseudonym), ['P1']);
    assert.deepEqual((await page('status=active')).total, 2);
  } finally {
    await t.close();
  }
});
