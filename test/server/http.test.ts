import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatToken, generateToken } from '../../server/tokens/token.ts';
import { createTestApp, seedMiniStudies, startSession, submitAnswers, type MiniPanel, type TestApp } from '../helpers/app.ts';

describe('HTTP edge', () => {
  let t: TestApp;
  let panel: MiniPanel;
  before(async () => {
    t = await createTestApp({ config: { tokenAttemptLimit: 5 } });
    panel = await seedMiniStudies(t.services, 2);
  });
  after(() => t.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    t.app.inject({ method: 'POST', url: '/api/respondent/sessions', payload, headers });

  const errors: [string, () => ReturnType<typeof post>, number, string][] = [
    ['malformed JSON', () => post('{"locale": "nl",'), 400, 'malformed_json'],
    ['a body over the size limit', () => post(JSON.stringify({ locale: 'nl', token: 'x'.repeat(300_000) })), 413, 'body_too_large'],
    ['a body that is not JSON', () => post('locale=nl', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
    ['an unknown property', () => post(JSON.stringify({ locale: 'nl', channel: 'web', studyId: 'mini-cross', admin: true })), 400, 'validation_failed'],
    ['a wrong type', () => post(JSON.stringify({ locale: 'nl', studyId: 42 })), 400, 'validation_failed'],
    ['an unknown language', () => post(JSON.stringify({ locale: 'xx', studyId: 'mini-cross' })), 400, 'validation_failed'],
    ['an unknown study', () => post(JSON.stringify({ locale: 'nl', studyId: 'nope' })), 404, 'study_not_found'],
  ];
  for (const [name, send, status, code] of errors) {
    it(`${name} gets ${status} ${code} in the one error shape`, async () => {
      const res = await send();
      assert.equal(res.statusCode, status);
      const body = res.json();
      assert.equal(body.error.code, code);
      assert.equal(typeof body.error.message, 'string');
      assert.deepEqual(Object.keys(body), ['error']);
    });
  }

  it('an unknown URL is a 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('unknown and malformed tokens get the same answer', async () => {
    const unknown = await startSession(t.app, { token: formatToken(generateToken()) });
    const malformed = await startSession(t.app, { token: 'not-a-token' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(malformed, unknown);
  });

  it('token guessing from one address is throttled, while known tokens keep working elsewhere', async () => {
    const t2 = await createTestApp({ config: { tokenAttemptLimit: 5 } });
    try {
      const p = await seedMiniStudies(t2.services, 1);
      for (let i = 0; i < 5; i++) assert.equal((await startSession(t2.app, { token: generateToken() })).status, 404);
      const blocked = await startSession(t2.app, { token: generateToken() });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error?.code, 'rate_limited');
      const elsewhere = await t2.app.inject({
        method: 'POST',
        url: '/api/respondent/sessions',
        remoteAddress: '127.0.0.2',
        payload: { token: p.tokens[0], locale: 'nl', channel: 'web' },
      });
      assert.equal(elsewhere.statusCode, 200);
    } finally {
      await t2.close();
    }
  });

  it('behind a trusted proxy, token guessing is limited per real client, not for everyone behind the proxy', async () => {
    const proxied = await createTestApp({ config: { tokenAttemptLimit: 3, trustedProxies: ['127.0.0.1'] } });
    try {
      const from = (client: string) =>
        proxied.app.inject({ method: 'POST', url: '/api/respondent/sessions', headers: { 'x-forwarded-for': client }, payload: { token: generateToken(), locale: 'nl', channel: 'web' } });
      for (let i = 0; i < 3; i++) assert.equal((await from('203.0.113.7')).statusCode, 404);
      assert.equal((await from('203.0.113.7')).statusCode, 429);
      assert.equal((await from('198.51.100.2')).statusCode, 404);
    } finally {
      await proxied.close();
    }
  });

  it('the log holds no token, address or user agent', async () => {
    const token = panel.tokens[0]!;
    const session = (await startSession(t.app, { token })).body;
    await submitAnswers(t.app, session, { answers: { consent: true } });
    await t.app.inject({ method: 'GET', url: `/t/${token}`, headers: { 'user-agent': 'SecretPhone/1.0' } });
    await t.app.inject({ method: 'POST', url: '/api/respondent/sessions', headers: { 'user-agent': 'SecretPhone/1.0' }, payload: { token, locale: 'nl', channel: 'web' } });
    const logs = t.logs();
    assert.ok(logs.includes('"url":"/t/[redacted]"'), 'requests are logged');
    for (const secret of [token, formatToken(token), token.toLowerCase(), '127.0.0.1', 'SecretPhone', session.responseKey]) {
      assert.ok(!logs.includes(secret), `log contains ${secret}`);
    }
  });

  it('serves security headers: a strict CSP without eval or third-party origins, no referrer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/surveys' });
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /base-uri 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.ok(!csp.includes('unsafe-eval'));
    assert.ok(!/https?:/.test(csp), 'no third-party origins');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('the OpenAPI document describes the respondent routes from their schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi.startsWith('3'), true);
    const start = doc.paths['/api/respondent/sessions'].post;
    assert.ok(start.requestBody.content['application/json'].schema.properties.token);
    assert.ok(doc.paths['/api/respondent/responses/{responseId}/submissions'].post.responses['409']);
    assert.ok(doc.paths['/api/surveys/{surveyId}/{version}'].get);
  });

  it('a researcher route checks the session before it reads the body', async () => {
    for (const [method, url] of [['POST', '/api/studies'], ['PATCH', '/api/studies/mini-panel'], ['POST', '/api/studies/mini-panel/waves']] as const) {
      const res = await t.app.inject({ method, url, payload: { nonsense: ['x'] } });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
  });

  it("a kiosk reset from the kiosk's own page asks the browser to clear everything", async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/respondent/kiosk/reset', headers: { 'sec-fetch-site': 'same-origin' }, payload: {} });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['clear-site-data'], '"cache", "cookies", "storage"');
  });
});
