import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rateLimits as pgRateLimits } from '../../server/db/schema.pg.ts';
import { rateLimits } from '../../server/db/schema.ts';
import { createTestApp, seedMiniStudies, type MiniPanel, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { generateToken } from '../../server/tokens/token.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';

/**
 * Several servers on one database are one installation to someone guessing: the sign-in and token
 * limits live in the database (issue #18), so a refusal earned on one server holds on the other.
 */

const tokenAttemptLimit = 3;

/** Every row of the shared limits, on either dialect. */
async function storedLimits(t: TestApp): Promise<unknown[]> {
  const { database } = t.services;
  return database.dialect === 'postgres' ? database.db.select().from(pgRateLimits) : database.db.select().from(rateLimits).all();
}

for (const dialect of dialects) {
  describe(`two servers on one ${dialect} database share their limits`, () => {
    let one: TestApp;
    let two: TestApp;
    let panel: MiniPanel;
    before(async () => {
      one = await createTestApp({ dialect, config: { tokenAttemptLimit } });
      two = await createTestApp({ alongside: one });
      panel = await seedMiniStudies(one.services, 3);
      for (const name of ['rita', 'otto', 'bea']) await addUser(one.services, name, 'researcher');
    });
    after(async () => {
      await two?.close();
      await one?.close();
    });

    const login = (server: TestApp, username: string, password: string, address: string) =>
      server.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { username, password } });
    const start = (server: TestApp, token: string, address: string) =>
      server.app.inject({ method: 'POST', url: '/api/respondent/sessions', remoteAddress: address, payload: { token, locale: 'nl', channel: 'web' } });

    it('an address that used up its sign-ins on one server is refused on the other; another address is not', async () => {
      for (let i = 0; i < 30; i++) assert.notEqual((await login(one, 'rita', `wrong ${i}`, '203.0.113.1')).statusCode, 200);
      const refused = await login(two, 'bea', testPassword, '203.0.113.1');
      assert.equal(refused.statusCode, 429);
      assert.ok(Number(refused.headers['retry-after']) > 60, 'the address waits for the window, not for an account delay');
      assert.equal((await login(two, 'bea', testPassword, '203.0.113.2')).statusCode, 200);
    });

    it('an account slowed down by wrong passwords on one server is refused on the other until the delay has passed', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await login(one, 'otto', `wrong ${i}`, `198.51.100.${i}`)).statusCode, 401);
      const refused = await login(two, 'otto', testPassword, '198.51.100.50');
      assert.equal(refused.statusCode, 429);
      one.clock.advance(Number(refused.headers['retry-after']) * 1000);
      assert.equal((await login(two, 'otto', testPassword, '198.51.100.50')).statusCode, 200);
    });

    it('an address locked out of tokens on one server is locked out on the other, even for a right token', async () => {
      for (let i = 0; i < tokenAttemptLimit; i++) assert.equal((await start(one, generateToken(), '192.0.2.1')).statusCode, 404);
      assert.equal((await start(two, panel.tokens[0]!, '192.0.2.1')).statusCode, 429);
      assert.equal((await start(two, panel.tokens[0]!, '192.0.2.2')).statusCode, 200, 'another address is not affected');
    });

    it('a token tried too often on one server, from many addresses, is refused on the other', async () => {
      const target = panel.tokens[1]!;
      const guess = target.slice(0, -1) + (target.endsWith('A') ? 'B' : 'A');
      for (let i = 0; i < tokenAttemptLimit * 3; i++) assert.equal((await start(one, guess, `10.3.0.${i}`)).statusCode, 404);
      assert.equal((await start(two, guess, '10.3.1.1')).statusCode, 429);
      assert.equal((await start(two, generateToken(), '10.3.1.1')).statusCode, 404, 'that address may still type another code');
    });

    it("an address that used up the password routes' requests on one server is refused on the other; the setup routes count apart", async () => {
      const checkReset = (server: TestApp, address: string) =>
        server.app.inject({ method: 'POST', url: '/api/auth/reset/check', remoteAddress: address, payload: { code: 'not-a-reset-code' } });
      for (let i = 0; i < 20; i++) assert.notEqual((await checkReset(i % 2 ? one : two, '203.0.113.9')).statusCode, 429);
      const refused = await checkReset(two, '203.0.113.9');
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error.code, 'rate_limited');
      assert.notEqual((await checkReset(one, '203.0.113.10')).statusCode, 429, 'another address is not affected');
      const setupCheck = await one.app.inject({ method: 'POST', url: '/api/setup/check', remoteAddress: '203.0.113.9', payload: { code: 'not-a-setup-code' } });
      assert.notEqual(setupCheck.statusCode, 429);
    });

    it('keeps neither an address, a username nor a token in the database', async () => {
      const rows = await storedLimits(one);
      assert.ok(rows.length > 0);
      const stored = JSON.stringify(rows);
      for (const secret of ['203.0.113.1', '203.0.113.9', '192.0.2.1', 'rita', 'otto', panel.tokens[0]!, '10.3.0.1']) assert.equal(stored.includes(secret), false, secret);
    });
  });
}
