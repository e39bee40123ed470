import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createTestApp, seedMiniStudies, tableRowCounts, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';
import { apiRoutes, isPublicRoute, urlOf, type ApiRoute } from './api-routes.ts';

/**
 * Every researcher route, as the OpenAPI document lists them (so a route added later is covered
 * without touching this file): refused without a session, refused without CSRF protection on
 * anything that is not a GET, closed to researchers who are not members of the study, and user
 * management closed to researchers.
 */

type Route = ApiRoute;

const adminOnly = (r: Route) =>
  r.path.startsWith('/api/users') || r.path.startsWith('/api/audit') || r.path.includes('/members/') || (r.path === '/api/studies' && r.method === 'POST') || r.path.endsWith('/versions') || r.path.endsWith('/unpublished');

describe('researcher routes', () => {
  let t: TestApp;
  let routes: Route[];
  let member: Client;
  let outsider: Client;
  let admin: Client;

  const tableCounts = () => tableRowCounts(t.services, ['sessions', 'audit_log']);

  const send = (route: Route, headers: Record<string, string>, studyId?: string) =>
    t.app.inject({
      method: route.method as InjectOptions['method'],
      url: urlOf(route, { studyId: studyId ?? 'mini-panel' }),
      headers: { ...(route.body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(route.body !== undefined ? { payload: JSON.stringify(route.body) } : {}),
    });

  before(async () => {
    t = await createTestApp();
    await seedMiniStudies(t.services, 2);
    await addUser(t.services, 'ada', 'admin');
    await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    await addUser(t.services, 'otto', 'researcher', ['mini-cross']);
    [admin, member, outsider] = [await signIn(t.app, 'ada'), await signIn(t.app, 'rita'), await signIn(t.app, 'otto')];
    routes = await apiRoutes(t.app);
    routes = routes.filter((r) => !isPublicRoute(r));
    assert.ok(routes.length >= 5, 'the researcher routes are listed');
  });
  after(() => t.close());

  it('refuses every researcher route without a session (401), and a forged or signed-out cookie too', async () => {
    const before = await tableCounts();
    for (const route of routes) {
      for (const headers of [{}, { cookie: 'wavepanel_session=forged-session-id' }, { cookie: `${member.cookie}x` }] as Record<string, string>[]) {
        const res = await send(route, headers);
        assert.equal(res.statusCode, 401, `${route.method} ${route.path} with ${JSON.stringify(headers)}: ${res.statusCode} ${res.body}`);
        assert.equal(res.json().error.code, 'unauthenticated');
      }
    }
    const gone = await signIn(t.app, 'rita');
    assert.equal((await gone.request('POST', '/api/auth/logout')).statusCode, 204);
    for (const route of routes) assert.equal((await send(route, { cookie: gone.cookie, 'x-csrf-token': gone.csrfToken })).statusCode, 401, `${route.method} ${route.path} after sign-out`);
    assert.deepEqual(await tableCounts(), before, 'nothing changed');
  });

  it('refuses every state-changing route without the CSRF token, with a wrong one, or from another site (403)', async () => {
    const before = await tableCounts();
    const changing = routes.filter((r) => r.method !== 'GET');
    assert.ok(changing.length > 0);
    for (const route of changing) {
      for (const headers of [
        { cookie: admin.cookie },
        { cookie: admin.cookie, 'x-csrf-token': member.csrfToken },
        { cookie: admin.cookie, 'x-csrf-token': `${admin.csrfToken.slice(0, -1)}${admin.csrfToken.endsWith('A') ? 'B' : 'A'}` },
        { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: 'https://evil.example' },
        { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'sec-fetch-site': 'cross-site' },
      ] as Record<string, string>[]) {
        const res = await send(route, headers);
        assert.equal(res.statusCode, 403, `${route.method} ${route.path} with ${Object.keys(headers).join('+')}: ${res.statusCode} ${res.body}`);
        assert.equal(res.json().error.code, 'csrf_failed');
      }
    }
    assert.deepEqual(await tableCounts(), before, 'nothing changed');
  });

  it('refuses a researcher every route of a study they are not a member of (403), and does not list it', async () => {
    const before = await tableCounts();
    for (const route of routes.filter((r) => r.path.includes('{studyId}'))) {
      const res = await send(route, { cookie: outsider.cookie, 'x-csrf-token': outsider.csrfToken });
      assert.equal(res.statusCode, 403, `${route.method} ${route.path}: ${res.statusCode} ${res.body}`);
    }
    const listed = (await outsider.request('GET', '/api/studies')).json() as { id: string }[];
    assert.deepEqual(
      listed.map((s) => s.id),
      ['mini-cross'],
    );
    assert.deepEqual(await tableCounts(), before, 'nothing changed');
  });

  it('refuses researchers the user management and other admin routes (403), members included', async () => {
    const before = await tableCounts();
    const adminRoutes = routes.filter(adminOnly);
    assert.ok(adminRoutes.some((r) => r.path.startsWith('/api/users')), 'user management routes exist');
    for (const route of adminRoutes) {
      const res = await send(route, { cookie: member.cookie, 'x-csrf-token': member.csrfToken });
      assert.equal(res.statusCode, 403, `${route.method} ${route.path}: ${res.statusCode} ${res.body}`);
      assert.equal(res.json().error.code, 'forbidden');
    }
    assert.deepEqual(await tableCounts(), before, 'nothing changed');
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: 'correct horse battery' } });
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.match(cookie, /Path=\//);
  });
});
