import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rmSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { securityHeaders } from '../../../server/http/security-headers.ts';
import { createTestApp, seedMiniStudies, startSession, tempDir, type TestApp } from '../../helpers/app.ts';

describe('security headers', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedMiniStudies(t.services, 1);
  });
  after(() => t.close());

  const expectHeaders = (headers: Record<string, unknown>) => {
    assert.equal(headers['permissions-policy'], 'camera=(self), microphone=(), geolocation=(), interest-cohort=()');
    assert.match(String(headers['content-security-policy']), /object-src 'none'/);
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.equal(headers['x-content-type-options'], 'nosniff');
  };

  it('a successful API answer carries the permissions policy and helmet headers, each once', async () => {
    const { body: session } = await startSession(t.app, { studyId: 'mini-cross' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/respondent/responses/${session.responseId}/submissions`,
      headers: { 'x-response-key': session.responseKey },
      payload: { submissionId: 'headers-0001', pageNo: 0, answers: {} },
    });
    assert.equal(res.statusCode, 200);
    expectHeaders(res.headers);
    assert.ok(!Array.isArray(res.headers['permissions-policy']), 'the permissions policy is sent once');
  });

  it('an error answer and an unknown URL carry them too', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/api/respondent/sessions', payload: '{"locale":', headers: { 'content-type': 'application/json' } });
    assert.equal(refused.statusCode, 400);
    expectHeaders(refused.headers);
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(missing.statusCode, 404);
    expectHeaders(missing.headers);
  });
});

describe('the microphone', () => {
  let t: TestApp;
  let clientDir: string;
  before(async () => {
    clientDir = tempDir('wavepanel-pages-');
    for (const page of ['respondent.html', 'preview.html', 'researcher.html', 'translate.html']) writeFileSync(`${clientDir}/${page}`, '<!doctype html><html lang="nl" dir="ltr"></html>');
    t = await createTestApp({ config: { clientDir } });
  });
  after(async () => {
    await t.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('may be used by the translator workspace (recordings), on its own origin only', async () => {
    for (const url of ['/translate', '/translate/ti/eaa-t0']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['permissions-policy'], 'camera=(self), microphone=(self), geolocation=(), interest-cohort=()', url);
    }
  });

  it('is refused on every other page and every API answer', async () => {
    for (const url of ['/', '/kiosk', '/preview', '/researcher', '/researcher/studies', '/t/ABCD-EFGH', '/api/i18n/nl/app', '/api/translate']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.match(String(res.headers['permissions-policy']), /(^|, )microphone=\(\)(,|$)/, url);
    }
  });
});

describe('security headers worked out once', () => {
  const options = {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], objectSrc: ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: true,
  };

  it('are the headers helmet sets on a real response for the same options', () => {
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    helmet(options)(response.req, response, () => {});
    const computed = Object.fromEntries(securityHeaders({ ...options, permissionsPolicy: 'camera=()' }).map(([name, value]) => [name.toLowerCase(), value]));
    assert.deepEqual(computed, { ...response.getHeaders(), 'permissions-policy': 'camera=()' });
  });

  it('refuse a CSP directive computed per request, which would differ between responses', () => {
    const perRequest = { ...options, contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-abc'"] } }, permissionsPolicy: '' };
    assert.throws(() => securityHeaders(perRequest), /computed per request/);
  });
});
