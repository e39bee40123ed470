import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, day, queryRows, seedMiniStudies, startSession, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from './sign-in.ts';

/**
 * Every researcher route, called by each kind of caller. `ok` means any 2xx. A refused call must
 * change nothing, so all refusals share one app; the allowed calls of each role run in the order
 * listed (which is why signing out comes last) on one app per role.
 */
type Expect = 'ok' | 401 | 403;
type Role = 'anonymous' | 'respondent' | 'outsider' | 'member' | 'admin';

interface World {
  t: TestApp;
  ids: { bob: number; participant: number; w0: number; w1: number };
  letters: { lettersUrl: string; downloadUrl: string };
  clients: Record<'outsider' | 'member' | 'admin', Client>;
  responseKey: string;
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (w: World) => string;
  body?: (w: World) => unknown;
  /** Expected for outsider (a researcher of another study), member (a researcher of this study) and admin. */
  expect: [Expect, Expect, Expect];
}

const csv = 'pseudonym,diagnosis_advice,status_holder,nationality,age_band\nP1,short,true,SY,27-40\n';
const adminOnly: [Expect, Expect, Expect] = [403, 403, 'ok'];
const anyUser: [Expect, Expect, Expect] = ['ok', 'ok', 'ok'];
const studyMember: [Expect, Expect, Expect] = [403, 'ok', 'ok'];
const iso = (w: World, days: number) => new Date(w.t.clock.now().getTime() + days * day).toISOString();

const routes: Route[] = [
  { method: 'GET', url: () => '/api/auth/session', expect: anyUser },
  { method: 'GET', url: () => '/api/users', expect: adminOnly },
  { method: 'POST', url: () => '/api/users', body: () => ({ username: 'carla', password: 'a long enough password', role: 'researcher' }), expect: adminOnly },
  { method: 'POST', url: (w) => `/api/users/${w.ids.bob}/disabled`, body: () => ({ disabled: true }), expect: adminOnly },
  { method: 'GET', url: () => '/api/audit', expect: adminOnly },
  { method: 'GET', url: () => '/api/studies', expect: anyUser },
  { method: 'POST', url: () => '/api/studies', body: () => ({ id: 'new-study', name: 'New', kind: 'panel' }), expect: adminOnly },
  { method: 'GET', url: () => '/api/studies/mini-panel', expect: studyMember },
  { method: 'PATCH', url: () => '/api/studies/mini-panel', body: () => ({ name: 'Renamed' }), expect: studyMember },
  { method: 'POST', url: () => '/api/studies/mini-panel/waves', body: (w) => ({ code: 'W2', surveyId: 'mini', surveyVersion: 1, opensAt: iso(w, 365), closesAt: iso(w, 400) }), expect: studyMember },
  { method: 'PATCH', url: (w) => `/api/studies/mini-panel/waves/${w.ids.w1}`, body: (w) => ({ closesAt: iso(w, 220) }), expect: studyMember },
  { method: 'PUT', url: (w) => `/api/studies/mini-panel/members/${w.ids.bob}`, expect: adminOnly },
  { method: 'DELETE', url: (w) => `/api/studies/mini-panel/members/${w.ids.bob}`, expect: adminOnly },
  { method: 'GET', url: () => '/api/studies/mini-panel/participants', expect: studyMember },
  { method: 'GET', url: () => '/api/studies/mini-panel/batches', expect: studyMember },
  { method: 'POST', url: () => '/api/studies/mini-panel/batches', body: () => ({ count: 2 }), expect: studyMember },
  { method: 'POST', url: (w) => `/api/studies/mini-panel/participants/${w.ids.participant}/reissue`, expect: studyMember },
  { method: 'GET', url: (w) => w.letters.lettersUrl, expect: studyMember },
  { method: 'GET', url: (w) => w.letters.downloadUrl, expect: studyMember },
  { method: 'POST', url: () => '/api/studies/mini-panel/register/preview', body: () => ({ csv }), expect: studyMember },
  { method: 'POST', url: () => '/api/studies/mini-panel/register/import', body: () => ({ csv }), expect: studyMember },
  { method: 'GET', url: () => '/api/studies/mini-panel/fieldwork', expect: studyMember },
  { method: 'GET', url: () => '/api/studies/mini-panel/fieldwork/reminders.csv', expect: studyMember },
  { method: 'POST', url: (w) => `/api/studies/mini-panel/waves/${w.ids.w0}/close`, expect: studyMember },
  { method: 'POST', url: (w) => `/api/studies/mini-panel/participants/${w.ids.participant}/withdraw`, expect: studyMember },
  { method: 'POST', url: () => '/api/auth/logout', expect: anyUser },
];

async function world(): Promise<World> {
  const t = await createTestApp();
  const mini = await seedMiniStudies(t.services, 2);
  await addUser(t.services, 'ada', 'admin');
  await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
  await addUser(t.services, 'otto', 'researcher', ['mini-cross']);
  const bob = await addUser(t.services, 'bob', 'researcher');
  const clients = { admin: await signIn(t.app, 'ada'), member: await signIn(t.app, 'rita'), outsider: await signIn(t.app, 'otto') };
  const [participant] = await queryRows<{ id: number }>(t.services, 'SELECT id FROM participants ORDER BY id LIMIT 1');
  const waves = await t.services.studies.wavesOf('mini-panel');
  const made = await clients.admin.request('POST', '/api/studies/mini-panel/batches', { count: 1 });
  const session = await startSession(t.app, { token: mini.tokens[1] });
  return {
    t,
    ids: { bob, participant: participant!.id, w0: waves[0]!.id, w1: waves[1]!.id },
    letters: made.json() as World['letters'],
    clients,
    responseKey: session.body.responseKey,
  };
}

function call(w: World, route: Route, role: Role) {
  const url = route.url(w);
  const payload = route.body?.(w);
  if (role === 'anonymous' || role === 'respondent') {
    const headers = role === 'respondent' ? { 'x-response-key': w.responseKey } : {};
    return w.t.app.inject({ method: route.method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  return w.clients[role].request(route.method, url, payload);
}

function check(status: number, expected: Expect, what: string): void {
  if (expected === 'ok') assert.ok(status >= 200 && status < 300, `${what}: expected 2xx, got ${status}`);
  else assert.equal(status, expected, what);
}

test('every researcher route refuses anonymous callers, respondents and researchers outside the study, and changes nothing', async () => {
  const w = await world();
  try {
    const tables = ['participants', 'register_data', 'waves', 'studies', 'users', 'study_members', 'participant_batches'];
    const snapshot = async () => JSON.stringify(await Promise.all(tables.map((table) => queryRows(w.t.services, `SELECT * FROM ${table} ORDER BY 1, 2`))));
    const before = await snapshot();
    for (const route of routes) {
      for (const role of ['anonymous', 'respondent'] as const) {
        check((await call(w, route, role)).statusCode, 401, `${role} ${route.method} ${route.url(w)}`);
      }
      if (route.expect[0] !== 'ok') check((await call(w, route, 'outsider')).statusCode, route.expect[0], `outsider ${route.method} ${route.url(w)}`);
    }
    assert.equal(await snapshot(), before);
  } finally {
    await w.t.close();
  }
});

test('every researcher route lets through the roles it should', async () => {
  for (const [index, role] of (['outsider', 'member', 'admin'] as const).entries()) {
    const w = await world();
    try {
      for (const route of routes) {
        const expected = route.expect[index]!;
        if (role === 'outsider' && expected !== 'ok') continue;
        check((await call(w, route, role)).statusCode, expected, `${role} ${route.method} ${route.url(w)}`);
      }
    } finally {
      await w.t.close();
    }
  }
});
