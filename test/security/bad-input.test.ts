import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { createTestApp, newSubmissionId, queryRows, seedMiniStudies, startSession, type TestApp } from '../helpers/app.ts';

/**
 * Property-based: whatever arrives at a respondent route (body, query, path, header), anything that
 * is not a valid request gets a 4xx in the one error shape, nothing is stored, and the server keeps
 * answering.
 */

const numRuns = 120;

/** Strings people and attackers send: control characters, bidi overrides, zero-width, lone surrogates. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ minLength: 3000, maxLength: 20_000 }),
  fc.constantFrom(
    '\u0000',
    'nl\u0000',
    '\u202Eevil\u202C',
    'mini\u200Bcross',
    '\uFEFFnl',
    '\uD800',
    '../../etc/passwd',
    '..%2f..%2fpackage.json',
    '<script>alert(1)</script>',
    "'; DROP TABLE responses; --",
    '{{constructor.constructor("return process")()}}',
    '__proto__',
  ),
);

const wrongType = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
);

/** JSON text nested `depth` levels deep, spliced in as raw text (no JSON.stringify recursion). */
function deeplyNested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Lone surrogates cannot be percent-encoded; such paths never leave a client. */
function encodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function withRaw(body: Record<string, unknown>, raw: string): string {
  return JSON.stringify(body).replace('"__RAW__"', raw);
}

describe('bad input to the respondent routes', () => {
  let t: TestApp;
  let session: { responseId: string; responseKey: string };
  let questionNames: string[];

  /** The responses as stored, and how many submissions and participants there are. */
  const counts = async () =>
    JSON.stringify([
      await queryRows(t.services, 'SELECT id, answers, page_no, completed_at FROM responses ORDER BY id'),
      await queryRows(t.services, 'SELECT CAST(count(*) AS integer) AS n FROM submissions'),
      await queryRows(t.services, 'SELECT CAST(count(*) AS integer) AS n FROM participants'),
    ]);

  /** Sends one request and checks: a 4xx in the one error shape, and the database unchanged. */
  async function refused(request: InjectOptions): Promise<void> {
    const before = await counts();
    const res = await t.app.inject(request);
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `expected a 4xx, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
    const body = res.json() as { error?: { code?: unknown; message?: unknown } };
    assert.deepEqual(Object.keys(body), ['error']);
    assert.equal(typeof body.error?.code, 'string');
    assert.equal(typeof body.error?.message, 'string');
    assert.equal(await counts(), before, 'nothing was stored');
  }

  async function stillAnswers(): Promise<void> {
    const res = await t.app.inject({ method: 'GET', url: '/api/surveys' });
    assert.equal(res.statusCode, 200);
  }

  const postSession = (payload: InjectOptions['payload'], headers: Record<string, string> = {}): InjectOptions => ({
    method: 'POST',
    url: '/api/respondent/sessions',
    headers: { 'content-type': 'application/json', ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  const postSubmission = (payload: InjectOptions['payload'], options: { responseId?: string; key?: string } = {}): InjectOptions => ({
    method: 'POST',
    url: `/api/respondent/responses/${options.responseId ?? session.responseId}/submissions`,
    headers: { 'content-type': 'application/json', 'x-response-key': options.key ?? session.responseKey },
    ...(payload === undefined ? {} : { payload }),
  });
  const validSubmission = () => ({ submissionId: newSubmissionId(), pageNo: 1, answers: { health: 5 } });

  before(async () => {
    // A high attempt limit keeps the token limiter out of the way: its refusals are 4xx too, but
    // here every request should reach the checks behind it.
    t = await createTestApp({ config: { tokenAttemptLimit: 1_000_000 } });
    await seedMiniStudies(t.services, 2);
    const started = await startSession(t.app, { studyId: 'mini-cross' });
    assert.equal(started.status, 200);
    session = started.body;
    questionNames = t.services.surveys.get('mini', 1)!.rules.questionNames;
  });
  after(() => t.close());

  describe('POST /api/respondent/sessions', () => {
    it('refuses any random JSON body', async () => {
      await fc.assert(fc.asyncProperty(fc.jsonValue(), async (body) => refused(postSession(JSON.stringify(body)))), { numRuns });
      await stillAnswers();
    });

    it('refuses a wrong type or a nasty string in any field, and unknown fields', async () => {
      const field = fc.constantFrom('token', 'studyId', 'locale', 'channel', 'extra', '__proto__');
      await fc.assert(
        fc.asyncProperty(field, wrongType, async (name, value) => {
          const body = { locale: 'nl', channel: 'web' } as Record<string, unknown>;
          fc.pre(!(name === 'studyId' && value === 'mini-cross'));
          return refused(postSession(JSON.stringify(body).replace(/}$/, `,${JSON.stringify(name)}:${JSON.stringify(value) ?? 'null'}}`)));
        }),
        { numRuns },
      );
      await stillAnswers();
    });

    it('refuses random bytes, invalid UTF-8 included, whatever the content type says', async () => {
      const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml');
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), contentType, async (bytes, type) => refused(postSession(Buffer.from(bytes), { 'content-type': type }))), {
        numRuns,
      });
      const invalidUtf8 = Buffer.concat([Buffer.from('{"token":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('","locale":"nl","channel":"web"}')]);
      await refused(postSession(invalidUtf8));
      await stillAnswers();
    });

    it('refuses deep nesting, very long arrays and oversized bodies', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 10, max: 100_000 }), async (depth) => refused(postSession(withRaw({ locale: 'nl', channel: 'web', token: '__RAW__' }, deeplyNested(depth))))),
        { numRuns: 20 },
      );
      await refused(postSession(JSON.stringify({ locale: 'nl', channel: 'web', token: Array.from({ length: 50_000 }, () => 'A') })));
      await refused(postSession(JSON.stringify({ locale: 'nl', channel: 'web', token: 'A'.repeat(400_000) })));
      await stillAnswers();
    });
  });

  describe('POST /api/respondent/responses/:responseId/submissions', () => {
    it('refuses any random JSON body', async () => {
      await fc.assert(fc.asyncProperty(fc.jsonValue(), async (body) => refused(postSubmission(JSON.stringify(body)))), { numRuns });
      await stillAnswers();
    });

    it('refuses a wrong type or a nasty string in any field, and unknown fields', async () => {
      const field = fc.constantFrom('submissionId', 'pageNo', 'answers', 'complete', 'locale', 'extra');
      await fc.assert(
        fc.asyncProperty(field, wrongType, async (name, value) => {
          const body: Record<string, unknown> = { ...validSubmission(), [name]: value };
          fc.pre(!(name === 'complete' && typeof value === 'boolean'));
          fc.pre(!(name === 'locale' && typeof value === 'string' && /^(nl|en|ar|tr|ti)$/.test(value)));
          fc.pre(!(name === 'answers' && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0));
          // A generated value can happen to be valid (`__proto__` is a well-formed submission id, 0 a page).
          fc.pre(!(name === 'submissionId' && typeof value === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(value)));
          fc.pre(!(name === 'pageNo' && Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1000));
          return refused(postSubmission(JSON.stringify(body)));
        }),
        { numRuns },
      );
      await stillAnswers();
    });

    it('refuses answers the survey does not accept: unknown questions, wrong types, values off the scale', async () => {
      const rules = t.services.surveys.get('mini', 1)!.rules;
      const answers = fc.dictionary(fc.oneof(fc.constantFrom(...questionNames), nastyString), wrongType, { minKeys: 1, maxKeys: 4 });
      await fc.assert(
        fc.asyncProperty(answers, async (value) => {
          // What the server receives: JSON turns Infinity and NaN into null, which may be a valid (empty) answer.
          const sent = JSON.parse(JSON.stringify(value)) as typeof value;
          fc.pre(rules.check(sent) !== undefined);
          return refused(postSubmission(JSON.stringify({ ...validSubmission(), answers: sent })));
        }),
        { numRuns },
      );
      await stillAnswers();
    });

    it('refuses deep nesting and very long arrays inside answers', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...questionNames, 'unknown'), fc.integer({ min: 10, max: 100_000 }), async (question, depth) =>
          refused(postSubmission(withRaw({ ...validSubmission(), answers: { [question]: '__RAW__' } }, deeplyNested(depth)))),
        ),
        { numRuns: 30 },
      );
      await refused(postSubmission(JSON.stringify({ ...validSubmission(), answers: { participation_barriers: Array.from({ length: 60_000 }, () => 'money') } })));
      await refused(postSubmission(JSON.stringify({ ...validSubmission(), answers: { remarks: 'x'.repeat(300_000) } })));
      await stillAnswers();
    });

    it('refuses random bytes, invalid UTF-8 included', async () => {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => refused(postSubmission(Buffer.from(bytes)))), { numRuns });
      const invalidUtf8 = Buffer.concat([Buffer.from(`{"submissionId":"${newSubmissionId()}","pageNo":1,"answers":{"remarks":"`), Buffer.from([0xff, 0xc0, 0xed, 0xa0, 0x80]), Buffer.from('"},"extra":1}')]);
      await refused(postSubmission(invalidUtf8));
      await stillAnswers();
    });

    it('refuses random response ids in the path and random response keys', async () => {
      await fc.assert(
        fc.asyncProperty(nastyString, async (id) => {
          fc.pre(encodable(id) && id !== session.responseId && !id.includes('/') && !id.includes('?') && !id.includes('#'));
          return refused(postSubmission(JSON.stringify(validSubmission()), { responseId: encodeURIComponent(id) }));
        }),
        { numRuns },
      );
      await refused(postSubmission(JSON.stringify(validSubmission()), { responseId: '%ff%fe' }));
      await refused(postSubmission(JSON.stringify(validSubmission()), { responseId: randomUUID() }));
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 120, unit: fc.constantFrom(...'abcXYZ0189-_=+/ '.split('')) }), async (key) => {
          fc.pre(key !== session.responseKey && key.trim() === key);
          return refused(postSubmission(JSON.stringify(validSubmission()), { key }));
        }),
        { numRuns },
      );
      await stillAnswers();
    });
  });

  describe('GET /api/surveys/:surveyId/:version', () => {
    it('refuses random survey ids, versions and query strings', async () => {
      await fc.assert(
        fc.asyncProperty(nastyString, nastyString, fc.option(nastyString, { nil: undefined }), async (id, version, locale) => {
          fc.pre(encodable(id) && encodable(version) && (locale === undefined || encodable(locale)));
          fc.pre(!(id === 'mini' && version === '1'));
          fc.pre(id.length > 0 && version.length > 0 && id.length < 2000 && version.length < 2000);
          const query = locale === undefined ? '' : `?locale=${encodeURIComponent(locale)}`;
          return refused({ method: 'GET', url: `/api/surveys/${encodeURIComponent(id)}/${encodeURIComponent(version)}${query}` });
        }),
        { numRuns },
      );
      await fc.assert(
        fc.asyncProperty(nastyString, nastyString, async (name, value) => {
          fc.pre(encodable(name) && encodable(value));
          fc.pre(!['locale', 'h'].includes(name) || !/^(nl|en|ar|tr|ti)$/.test(value));
          fc.pre(!(name === 'h' && /^[A-Za-z0-9_-]{1,64}$/.test(value)));
          return refused({ method: 'GET', url: `/api/surveys/mini/1?${encodeURIComponent(name)}=${encodeURIComponent(value)}` });
        }),
        { numRuns },
      );
      await stillAnswers();
    });
  });
});
