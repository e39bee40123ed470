import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from '../../server/auth/password.ts';
import { createTestApp, queryRows, seedMiniStudies, startSession } from '../helpers/app.ts';
import { addUser, cookieOf, signIn, testCost, testPassword } from '../researcher/sign-in.ts';

const minute = 60 * 1000;

test('a password hash verifies the right password only and carries its own scrypt parameters', async () => {
  const stored = await hashPassword('a long enough secret', testCost);
  assert.match(stored, /^scrypt\$10\$8\$1\$/);
  assert.equal(await verifyPassword('a long enough secret', stored), true);
  assert.equal(await verifyPassword('a long enough secreT', stored), false);
  assert.equal(await verifyPassword('a long enough secret', 'plain'), false);
});

test('twenty password hashes asked for at once all complete (two at a time) and verify', async () => {
  const hashes = await Promise.all(Array.from({ length: 20 }, (_, i) => hashPassword(`password number ${i}`, testCost)));
  const verified = await Promise.all(hashes.map((stored, i) => verifyPassword(`password number ${i}`, stored)));
  assert.ok(verified.every(Boolean));
  assert.equal(new Set(hashes).size, 20);
});

test('the default password hash is scrypt with N=2^17, r=8, p=1', async () => {
  assert.match(await hashPassword('a long enough secret'), /^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
});

test('signing in sets an HttpOnly SameSite=Strict session cookie and stores only a hash of its value', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: testPassword } });
    assert.equal(res.statusCode, 200);
    const header = String(res.headers['set-cookie']);
    assert.match(header, /^wavepanel_session=/);
    assert.match(header, /HttpOnly/);
    assert.match(header, /SameSite=Strict/);
    assert.match(header, /Path=\//);
    const value = cookieOf(res.headers['set-cookie']).split('=')[1]!;
    const rows = await queryRows<{ id_hash: string }>(t.services, 'SELECT id_hash FROM sessions');
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.id_hash, value);
    assert.ok(!JSON.stringify(rows).includes(value));
  } finally {
    await t.close();
  }
});

test('behind https the cookie is __Host-wavepanel and Secure', async () => {
  const t = await createTestApp({ config: { secureCookies: true } });
  try {
    await addUser(t.services, 'ada', 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: testPassword } });
    const header = String(res.headers['set-cookie']);
    assert.match(header, /^__Host-wavepanel=/);
    assert.match(header, /Secure/);
  } finally {
    await t.close();
  }
});

test('behind an https proxy the expected origin is https even though the request arrives over http', async () => {
  const t = await createTestApp({ config: { secureCookies: true } });
  try {
    await addUser(t.services, 'ada', 'admin');
    const client = await signIn(t.app, 'ada');
    const body = { username: 'bob', password: 'another long password', role: 'researcher' };
    const proxied = { host: 'panel.example' };
    assert.equal((await client.request('POST', '/api/users', body, { ...proxied, origin: 'http://panel.example' })).json().error.code, 'csrf_failed');
    assert.equal((await client.request('POST', '/api/users', body, { ...proxied, origin: 'https://panel.example' })).statusCode, 201);
  } finally {
    await t.close();
  }
});

test('each sign-in gets a new session id and the earlier one presented is ended', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const first = await signIn(t.app, 'ada');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: first.cookie }, payload: { username: 'ada', password: testPassword } });
    const second = cookieOf(res.headers['set-cookie']);
    assert.notEqual(second, first.cookie);
    assert.equal((await first.request('GET', '/api/auth/session')).statusCode, 401);
  } finally {
    await t.close();
  }
});

test('a wrong password or unknown user is refused with the same answer and audited without an address', async () => {
  const t = await createTestApp();
  try {
    const id = await addUser(t.services, 'ada', 'admin');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'not the password' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    const audit = await queryRows(t.services, 'SELECT user_id, action, detail FROM audit_log ORDER BY id');
    assert.deepEqual(audit, [
      { user_id: id, action: 'sign_in_failed', detail: '{}' },
      { user_id: null, action: 'sign_in_failed', detail: '{}' },
    ]);
    assert.ok(!t.logs().includes('not the password'));
  } finally {
    await t.close();
  }
});

test('after five failed sign-ins for a username even the right password is refused for 15 minutes', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password } });
    for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong password!')).statusCode, 401);
    const blocked = await attempt(testPassword);
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, 'rate_limited');
    t.clock.advance(15 * minute);
    assert.equal((await attempt(testPassword)).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('sign-ins from one address are limited across usernames', async () => {
  const t = await createTestApp();
  try {
    for (let i = 0; i < 7; i++) await addUser(t.services, `user${i}`, 'researcher');
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `user${i % 7}`, password: 'wrong password!' } });
      last = res.statusCode;
    }
    assert.equal(last, 429);
  } finally {
    await t.close();
  }
});

test('a session ends after 30 minutes without a request', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const client = await signIn(t.app, 'ada');
    t.clock.advance(29 * minute);
    assert.equal((await client.request('GET', '/api/auth/session')).statusCode, 200);
    t.clock.advance(29 * minute);
    assert.equal((await client.request('GET', '/api/auth/session')).statusCode, 200);
    t.clock.advance(30 * minute);
    const expired = await client.request('GET', '/api/auth/session');
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().error.code, 'unauthenticated');
  } finally {
    await t.close();
  }
});

test('a session ends 12 hours after sign-in however active it is', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const client = await signIn(t.app, 'ada');
    for (let i = 0; i < 28; i++) {
      t.clock.advance(25 * minute);
      assert.equal((await client.request('GET', '/api/auth/session')).statusCode, 200, `after ${(i + 1) * 25} minutes`);
    }
    t.clock.advance(20 * minute);
    assert.equal((await client.request('GET', '/api/auth/session')).statusCode, 401);
  } finally {
    await t.close();
  }
});

test('a state-changing request without the CSRF token, with a wrong one or from another origin is refused', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const client = await signIn(t.app, 'ada');
    const body = { username: 'bob', password: 'another long password', role: 'researcher' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: client.cookie }, payload: body });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().error.code, 'csrf_failed');
    const wrong = await client.request('POST', '/api/users', body, { 'x-csrf-token': 'x'.repeat(43) });
    assert.equal(wrong.json().error.code, 'csrf_failed');
    const foreign = await client.request('POST', '/api/users', body, { origin: 'https://evil.example' });
    assert.equal(foreign.json().error.code, 'csrf_failed');
    const crossSite = await client.request('POST', '/api/users', body, { 'sec-fetch-site': 'cross-site' });
    assert.equal(crossSite.json().error.code, 'csrf_failed');
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: client.cookie } });
    assert.equal(logout.statusCode, 403);
    assert.deepEqual(await queryRows(t.services, 'SELECT username FROM users'), [{ username: 'ada' }]);
    const ok = await client.request('POST', '/api/users', body, { origin: 'http://localhost:80' });
    assert.equal(ok.statusCode, 201);
  } finally {
    await t.close();
  }
});

test('signing out ends the session', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'researcher');
    const client = await signIn(t.app, 'ada');
    assert.equal((await client.request('POST', '/api/auth/logout')).statusCode, 204);
    assert.equal((await client.request('GET', '/api/auth/session')).statusCode, 401);
  } finally {
    await t.close();
  }
});

test('only an admin manages accounts; a researcher and anonymous are refused', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services);
    await addUser(t.services, 'ada', 'admin');
    await addUser(t.services, 'rita', 'researcher');
    const admin = await signIn(t.app, 'ada');
    const researcher = await signIn(t.app, 'rita');
    const body = { username: 'bob', password: 'another long password', role: 'researcher' };
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/users' })).statusCode, 401);
    assert.equal((await researcher.request('GET', '/api/users')).statusCode, 403);
    assert.equal((await researcher.request('POST', '/api/users', body)).statusCode, 403);
    assert.equal((await admin.request('GET', '/api/users')).statusCode, 200);
    const created = await admin.request('POST', '/api/users', body);
    assert.equal(created.statusCode, 201);
    const bobId = (created.json() as { id: number }).id;
    assert.equal((await researcher.request('POST', `/api/users/${bobId}/disabled`, { disabled: true })).statusCode, 403);
    assert.equal((await admin.request('POST', `/api/users/${bobId}/disabled`, { disabled: true })).statusCode, 204);
    const bobLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'another long password' } });
    assert.equal(bobLogin.statusCode, 401);
    const [ada] = await queryRows<{ id: number }>(t.services, "SELECT id FROM users WHERE username = 'ada'");
    assert.equal((await admin.request('POST', `/api/users/${ada!.id}/disabled`, { disabled: true })).statusCode, 409, 'an admin cannot lock themselves out');
  } finally {
    await t.close();
  }
});

test('a respondent token or response key opens no researcher route', async () => {
  const t = await createTestApp();
  try {
    const { tokens } = await seedMiniStudies(t.services);
    const session = await startSession(t.app, { token: tokens[0] });
    assert.equal(session.status, 200);
    const headers = { 'x-response-key': session.body.responseKey, authorization: `Bearer ${tokens[0]}` };
    for (const url of ['/api/auth/session', '/api/users', '/api/audit']) {
      const res = await t.app.inject({ method: 'GET', url, headers });
      assert.equal(res.statusCode, 401, url);
    }
  } finally {
    await t.close();
  }
});

test('the audit log records sign-ins and is readable by admins only', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    await addUser(t.services, 'rita', 'researcher');
    const admin = await signIn(t.app, 'ada');
    const researcher = await signIn(t.app, 'rita');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode, 401);
    assert.equal((await researcher.request('GET', '/api/audit')).statusCode, 403);
    const res = await admin.request('GET', '/api/audit?action=sign_in&limit=10');
    assert.equal(res.statusCode, 200);
    const entries = res.json() as { username: string; action: string; at: string }[];
    assert.deepEqual(entries.map((e) => [e.username, e.action]), [['rita', 'sign_in'], ['ada', 'sign_in']]);
    assert.equal(entries[0]!.at, t.clock.now().toISOString());
  } finally {
    await t.close();
  }
});

test('many sign-ins at once are all answered, the right one signed in or asked to wait for the check under way, and signed in after it', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const login = (i: number, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.0.0.${i + 1}`, payload: { username: 'ada', password } });
    // One password check of an account at a time: which of the burst gets it depends on the order the database answers in.
    const statuses = (await Promise.all(Array.from({ length: 8 }, (_, i) => login(i, i === 0 ? testPassword : 'a wrong password')))).map((r) => r.statusCode);
    assert.ok(statuses[0] === 200 || statuses[0] === 429, statuses.join(' '));
    assert.ok(statuses.slice(1).every((s) => s === 401 || s === 429), statuses.join(' '));
    if (statuses[0] === 429) assert.equal((await login(0, testPassword)).statusCode, 200);
  } finally {
    await t.close();
  }
});
