import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, seedMiniStudies, startSession, type TestApp } from '../../helpers/app.ts';

describe('security headers', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    seedMiniStudies(t.services, 1);
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
