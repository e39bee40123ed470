import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { createSetupLink } from '../../server/auth/accounts.service.ts';
import { createTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { serverFilesIn, startServerProcess } from '../helpers/server-process.ts';
import { addUser, signIn, testPassword, type Client } from '../researcher/sign-in.ts';

const minute = 60 * 1000;
const strongPassword = 'fiets paraplu onweer kaneel';
const codeOf = (url: string) => new URL(url).hash.replace('#code=', '');

test('a fresh server prints a one-time setup link on its console, and none once an account exists', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServerProcess(serverFilesIn(dir));
  try {
    const link = /(http:\/\/127\.0\.0\.1:\d+\/researcher\/setup#code=[A-Za-z0-9_-]{22})/.exec(server.output())?.[1];
    assert.ok(link, server.output());
    const created = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: codeOf(link), username: 'ada', password: strongPassword }),
    });
    assert.equal(created.status, 201);
    assert.equal(((await created.json()) as { role: string }).role, 'admin');
  } finally {
    await server.stop();
  }
  const again = await startServerProcess(serverFilesIn(dir));
  await again.stop();
  assert.doesNotMatch(again.output(), /setup#code=/);
});

test('the setup link makes the first admin once; afterwards setup is refused and says so', async () => {
  const t = await createTestApp();
  try {
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: true });
    const { code } = (await createSetupLink(t.services))!;
    const setup = (body: object) => t.app.inject({ method: 'POST', url: '/api/setup', payload: { code, username: 'ada', password: strongPassword, ...body } });
    assert.equal((await setup({ code: 'guessed-code' })).json().error.code, 'link_invalid');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/setup/check', payload: { code } })).statusCode, 204);
    const made = await setup({});
    assert.equal(made.statusCode, 201);
    assert.equal((await signIn(t.app, 'ada', strongPassword)).csrfToken.length > 0, true);
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: false });
    const second = await setup({ username: 'mallory' });
    assert.equal(second.json().error.code, 'setup_done');
    assert.equal(await createSetupLink(t.services), undefined, 'no new link once an account exists');
  } finally {
    await t.close();
  }
});

test('a setup link expires after an hour, and a newer link replaces an older one', async () => {
  const t = await createTestApp();
  try {
    const first = (await createSetupLink(t.services))!;
    const second = (await createSetupLink(t.services))!;
    const check = (code: string) => t.app.inject({ method: 'POST', url: '/api/setup/check', payload: { code } });
    assert.equal((await check(first.code)).json().error.code, 'link_invalid');
    t.clock.advance(60 * minute);
    assert.equal((await check(second.code)).json().error.code, 'link_invalid');
  } finally {
    await t.close();
  }
});

test('the first admin must choose a strong password; a refused password does not use up the link', async () => {
  const t = await createTestApp();
  try {
    const { code } = (await createSetupLink(t.services))!;
    const weak = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { code, username: 'ada', password: 'password1234' } });
    assert.equal(weak.statusCode, 400);
    assert.deepEqual(weak.json().error.details, { reason: 'breached' });
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/setup', payload: { code, username: 'ada', password: strongPassword } })).statusCode, 201);
  } finally {
    await t.close();
  }
});

test('changing your password needs the current one and ends your other sessions, not this one', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'rita', 'researcher');
    const laptop = await signIn(t.app, 'rita');
    const phone = await signIn(t.app, 'rita');
    const change = (currentPassword: string, newPassword: string) => laptop.request('POST', '/api/auth/password', { currentPassword, newPassword });
    assert.equal((await change('not my password', strongPassword)).json().error.code, 'password_wrong');
    const weak = await change(testPassword, 'aaaaaaaaaaaa');
    assert.deepEqual([weak.statusCode, weak.json().error.code, weak.json().error.details], [400, 'password_rejected', { reason: 'guessable' }]);
    assert.equal((await phone.request('GET', '/api/auth/session')).statusCode, 200, 'a refused change ends nothing');
    assert.equal((await change(testPassword, strongPassword)).statusCode, 204);
    assert.equal((await laptop.request('GET', '/api/auth/session')).statusCode, 200);
    assert.equal((await phone.request('GET', '/api/auth/session')).statusCode, 401);
    await assert.rejects(signIn(t.app, 'rita', testPassword));
    await signIn(t.app, 'rita', strongPassword);
  } finally {
    await t.close();
  }
});

/** An app with the admin ada and the researcher rita, both signed in. */
async function withAdaAndRita(run: (context: { t: TestApp; ritaId: number; admin: Client; rita: Client }) => Promise<void>): Promise<void> {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const ritaId = await addUser(t.services, 'rita', 'researcher');
    await run({ t, ritaId, admin: await signIn(t.app, 'ada'), rita: await signIn(t.app, 'rita') });
  } finally {
    await t.close();
  }
}

test("an admin's reset link is shown once, sets a new password once, ends the account's sessions and expires after 24 hours", () =>
  withAdaAndRita(async ({ t, ritaId, admin, rita }) => {
    assert.equal((await rita.request('POST', `/api/users/${ritaId}/reset-link`)).statusCode, 403, 'a researcher cannot make reset links');
    const made = await admin.request('POST', `/api/users/${ritaId}/reset-link`);
    assert.equal(made.statusCode, 201);
    assert.equal(made.headers['cache-control'], 'no-store');
    const { url, username } = made.json() as { url: string; username: string };
    assert.equal(username, 'rita');
    assert.match(url, /\/researcher\/reset#code=[A-Za-z0-9_-]{22}$/);
    const code = codeOf(url);
    assert.deepEqual((await t.app.inject({ method: 'POST', url: '/api/auth/reset/check', payload: { code } })).json(), { username: 'rita' });
    const reset = (newPassword: string) => t.app.inject({ method: 'POST', url: '/api/auth/reset', payload: { code, newPassword } });
    assert.deepEqual((await reset('password1234')).json().error.details, { reason: 'breached' });
    assert.equal((await reset(strongPassword)).statusCode, 204);
    assert.equal((await rita.request('GET', '/api/auth/session')).statusCode, 401, 'her sessions ended');
    await signIn(t.app, 'rita', strongPassword);
    assert.equal((await reset('another long passphrase here')).json().error.code, 'link_invalid', 'used once');

    const later = codeOf(((await admin.request('POST', `/api/users/${ritaId}/reset-link`)).json() as { url: string }).url);
    t.clock.advance(24 * 60 * minute);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/reset/check', payload: { code: later } })).json().error.code, 'link_invalid');
    const actions = ((await (await signIn(t.app, 'ada')).request('GET', '/api/audit?limit=50')).json() as { action: string }[]).map((e) => e.action);
    assert.ok(actions.includes('password_reset_link') && actions.includes('password_reset'), actions.join());
  }));

test('disabling an account ends its sessions at once', () =>
  withAdaAndRita(async ({ ritaId, admin, rita }) => {
    assert.equal((await admin.request('POST', `/api/users/${ritaId}/disabled`, { disabled: true })).statusCode, 204);
    assert.equal((await rita.request('GET', '/api/auth/session')).statusCode, 401);
  }));
