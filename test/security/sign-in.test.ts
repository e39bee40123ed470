import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

describe('sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await addUser(t.services, 'rita', 'researcher');
  });
  after(() => t.close());

  it("a failed sign-in does not end the browser's current session", async () => {
    const rita = await signIn(t.app, 'rita');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: rita.cookie }, payload: { username: 'rita', password: 'not the password' } });
    assert.equal(wrong.statusCode, 401);
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: rita.cookie } });
    assert.equal(session.statusCode, 200);
  });
});
