import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accountDelayMs, defaultLoginLimits, LoginLimiter } from '../../server/auth/login-limiter.ts';
import { createTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { closeServices, openServerServices, serverFilesIn, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { addUser, signIn, testPassword } from '../researcher/sign-in.ts';

/** Sign-in is limited before the password is checked, per address and per account, without a lock anyone can trigger. */

describe('sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await addUser(t.services, 'rita', 'researcher');
    await addUser(t.services, 'otto', 'researcher');
  });
  after(() => t.close());

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password } });

  it("a failed sign-in does not end the browser's current session", async () => {
    const rita = await signIn(t.app, 'rita');
    const wrong = await login('rita', 'not the password', { cookie: rita.cookie });
    assert.equal(wrong.statusCode, 401);
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: rita.cookie } });
    assert.equal(session.statusCode, 200);
  });

  it('wrong passwords slow an account down by delays that grow, never by a 15-minute lock: its owner signs in once the delay has passed', async () => {
    for (let i = 0; i < 7; i++) await login('otto', `wrong ${i}`, { 'x-forwarded-for': `198.51.100.${i}` });
    const during = await login('otto', testPassword);
    assert.equal(during.statusCode, 429);
    assert.ok(Number(during.headers['retry-after']) <= defaultLoginLimits.maxDelayMs / 1000);
    t.clock.advance(Number(during.headers['retry-after']) * 1000);
    assert.equal((await login('otto', testPassword)).statusCode, 200);
  });

  it('the delay doubles after the free failures and stops growing at its maximum', () => {
    const table: [number, number][] = [
      [0, 0],
      [4, 0],
      [5, 1000],
      [6, 2000],
      [8, 8000],
      [20, 60_000],
    ];
    for (const [failures, delay] of table) assert.equal(accountDelayMs(failures, defaultLoginLimits), delay, `${failures} failures`);
  });

  it('an account is checked once at a time: a second attempt while the first runs is refused before hashing', async () => {
    const limiter = new LoginLimiter(defaultLoginLimits, t.services.rateLimits);
    const first = await limiter.begin('nora', '192.0.2.1');
    assert.equal(first.ok, true);
    assert.deepEqual(await limiter.begin('NORA', '192.0.2.2'), { ok: false, reason: 'account', retryAfterMs: 1000 });
    if (first.ok) await first.finish(true);
    assert.equal((await limiter.begin('nora', '192.0.2.2')).ok, true);
  });
});

describe('a burst of sign-ins on a real socket', () => {
  let server: ServerProcess;
  before(async () => {
    const files = serverFilesIn(tempDir());
    const services = await openServerServices(files);
    await addUser(services, 'rita', 'researcher');
    await addUser(services, 'colleague', 'researcher');
    await closeServices(services);
    server = await startServerProcess(files, { WAVEPANEL_TRUSTED_PROXIES: '127.0.0.1' });
  });
  after(() => server?.stop());

  const post = (username: string, password: string, address: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    }).then(async (res) => ({ status: res.status, code: res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code }));

  it('100 wrong passwords at once from one address are mostly refused before hashing, the right one sent last does not get in, and a colleague elsewhere signs in meanwhile', async () => {
    const attacker = '203.0.113.9';
    const burst = Array.from({ length: 100 }, (_, i) => post('rita', `wrong password ${i}`, attacker));
    const last = post('rita', testPassword, attacker);
    const colleague = post('colleague', testPassword, '198.51.100.20');
    const results = await Promise.all(burst);
    const checked = results.filter((r) => r.status === 401).length;
    const refused = results.filter((r) => r.status === 429).length;
    assert.equal(checked + refused, 100);
    assert.ok(checked <= defaultLoginLimits.freeFailures + 1, `${checked} passwords were checked`);
    assert.deepEqual(await last, { status: 429, code: 'rate_limited' });
    assert.deepEqual(await colleague, { status: 200, code: 'ok' });
  });
});
