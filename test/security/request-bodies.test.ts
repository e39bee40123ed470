import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonDepthExceeds, normalizeStrings } from '../../server/http/request-body.ts';
import { createTestApp, seedMiniStudies, type TestApp } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';
import { apiRoutes, urlOf, type ApiRoute } from './api-routes.ts';

/** Request bodies: JSON only, with a schema on every route, nested no deeper than a definition needs. */

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('request bodies', () => {
  let t: TestApp;
  let routes: ApiRoute[];
  before(async () => {
    t = await createTestApp();
    await seedMiniStudies(t.services, 1);
    routes = await apiRoutes(t.app);
  });
  after(() => t.close());

  it('counts nesting without parsing, skipping brackets inside strings', () => {
    const table: [string, number, boolean][] = [
      ['{}', 1, false],
      ['[[1]]', 1, true],
      ['{"a":"[[[[[[["}', 1, false],
      ['{"a":"\\"[[["}', 1, false],
      [nested(64), 64, false],
      [nested(65), 64, true],
    ];
    for (const [text, limit, exceeds] of table) assert.equal(jsonDepthExceeds(text, limit), exceeds, text);
  });

  it('normalises every string to exactly what NFC gives, skipping text that is in NFC by its characters alone', () => {
    // Code points around the boundary of the skip (U+0300, the first combining mark) and far beyond it.
    const text = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x40f }), fc.integer({ min: 0x1100, max: 0xffff })).map((c) => String.fromCodePoint(c)) });
    fc.assert(fc.property(text, (value) => normalizeStrings(value) === value.normalize('NFC')));
    assert.deepEqual(normalizeStrings({ 'e\u0301': ['Ethiopie\u0308', 'Ethiopië'] }), { é: ['Ethiopië', 'Ethiopië'] });
  });

  it('a survey definition nested 5,000 deep gets a 400 in the one error shape, not a 500', async () => {
    await addUser(t.services, 'ada', 'admin');
    const admin = await signIn(t.app, 'ada');
    const definition = `{"definition":${nested(5000)},"allowBreaking":true}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/surveys/mini/versions',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      payload: definition,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });

  it('every state-changing route has a body schema that refuses unknown fields', () => {
    const changing = routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.uploadTypes);
    assert.ok(changing.length > 10);
    for (const route of changing) {
      assert.ok(route.bodySchema, `${route.method} ${route.path} has no body schema`);
      const objects = (route.bodySchema.anyOf ?? [route.bodySchema]).filter((s) => s.type === 'object');
      assert.ok(objects.length > 0 && objects.every((s) => s.additionalProperties === false), `${route.method} ${route.path} accepts unknown fields`);
    }
  });

  it('the one raw upload, a recording, takes audio types only; its bytes are checked by the route (test/i18n/recordings.test.ts)', async () => {
    const uploads = routes.filter((r) => r.uploadTypes);
    assert.deepEqual(uploads.map((r) => `${r.method} ${r.path}`), ['PUT /api/translate/{lang}/{namespace}/{key}/recording']);
    assert.ok(uploads[0]!.uploadTypes!.every((type) => type.startsWith('audio/')));
    await addUser(t.services, 'tess', 'admin');
    const admin = await signIn(t.app, 'tess');
    for (const type of ['text/plain', 'application/octet-stream', 'multipart/form-data; boundary=X']) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/translate/ti/mini/q1.title/recording',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type },
        payload: 'OggS',
      });
      assert.equal(res.statusCode, 415, type);
    }
  });

  it('the kiosk reset refuses a deeply nested body and a body with fields', async () => {
    const headers = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
    for (const payload of [nested(1000), '{"a":1}']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/respondent/kiosk/reset', headers, payload });
      assert.equal(res.statusCode, 400, payload.slice(0, 20));
      assert.equal(res.headers['clear-site-data'], undefined);
    }
  });

  it('every state-changing respondent route refuses a simple form (text/plain, urlencoded, multipart) and a body-less POST with 415', async () => {
    const respondent = routes.filter((r) => r.path.startsWith('/api/respondent/') && r.method !== 'GET');
    assert.ok(respondent.length >= 4);
    const forms: [string | undefined, string][] = [
      ['text/plain', '{"token":"x","locale":"nl","channel":"web"}'],
      ['application/x-www-form-urlencoded', 'token=x&locale=nl'],
      ['multipart/form-data; boundary=X', '--X\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--X--\r\n'],
      [undefined, ''],
    ];
    for (const route of respondent) {
      for (const [type, payload] of forms) {
        const res = await t.app.inject({ method: route.method as 'POST', url: urlOf(route), headers: type ? { 'content-type': type } : {}, payload });
        assert.equal(res.statusCode, 415, `${route.method} ${route.path} as ${type ?? 'no body'}: ${res.statusCode}`);
        assert.equal(res.json().error.code, 'unsupported_media_type');
        assert.equal(res.headers['clear-site-data'], undefined);
      }
    }
  });
});
