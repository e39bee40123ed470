import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { createTestApp, seedMiniStudies, tableRowCounts, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';
import { apiRoutes, isPublicRoute, urlOf, type ApiRoute, type JsonSchema } from './api-routes.ts';

/**
 * Property-based, over every researcher route the OpenAPI document lists, signed in as an admin
 * with the CSRF token (so each request reaches validation and the route): wrong types in any
 * field, unknown fields, bodies that are not objects, deep nesting, invalid bytes, random path
 * parameters and query values. Each gets a 4xx in the one error shape (never a 5xx), and nothing
 * is stored.
 */

const numRuns = 25;

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u202Eevil', 'a\u200Bb', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE studies; --", '-1', '1e309', ' '),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);

/** A value of the wrong JSON type for `schema`. */
function wrongFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = schema.type ?? schema.anyOf?.[0]?.type;
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
  const allowed = [...(schema.enum ?? []), ...(schema.anyOf ?? []).flatMap((s) => s.enum ?? (s.const !== undefined ? [s.const] : []))];
  switch (type) {
    case 'string':
      return allowed.length > 0 || schema.pattern || schema.format ? fc.oneof(notString, nasty.filter((v) => !allowed.includes(v) && !(schema.pattern && new RegExp(schema.pattern, 'u').test(v)))) : notString;
    case 'integer':
    case 'number':
      return fc.oneof(nasty, fc.boolean(), fc.constant(null), fc.double({ min: 0.01, max: 0.99 }), fc.integer({ min: -1_000_000, max: 0 }).filter((n) => n < (schema.minimum ?? 1)));
    case 'boolean':
      return fc.oneof(nasty, fc.integer(), fc.constant(null), fc.constantFrom('true', 'false', 0, 1));
    case 'array':
      return fc.oneof(nasty, fc.integer(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
    default:
      return fc.oneof(nasty, fc.integer(), fc.constant(null));
  }
}

function encodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

describe('bad input to the researcher routes', () => {
  let t: TestApp;
  let admin: Client;
  let routes: ApiRoute[];

  // Sessions, the audit log and the rate limits' counters (a route's limiter counts every request, refused ones too) are bookkeeping, not stored data.
  const counts = () => tableRowCounts(t.services, ['sessions', 'audit_log', 'rate_limits']);

  async function refused(route: ApiRoute, request: { url?: string; payload?: string | Buffer }, allowOk = false): Promise<void> {
    const before = await counts();
    const res = await t.app.inject({
      method: route.method as InjectOptions['method'],
      url: request.url ?? urlOf(route, { studyId: 'mini-panel' }),
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, ...(request.payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    const what = `${route.method} ${route.path} ${request.url ?? ''}: ${res.statusCode} ${res.body.slice(0, 200)}`;
    assert.ok(res.statusCode < 500, what);
    if (!(allowOk && res.statusCode < 400)) {
      assert.ok(res.statusCode >= 400, what);
      const body = res.json() as { error?: { code?: unknown; message?: unknown } };
      assert.deepEqual(Object.keys(body), ['error'], what);
      assert.equal(typeof body.error?.code, 'string', what);
      assert.equal(typeof body.error?.message, 'string', what);
    }
    assert.deepEqual(await counts(), before, `nothing was stored: ${what}`);
  }

  before(async () => {
    t = await createTestApp();
    await seedMiniStudies(t.services, 2);
    await addUser(t.services, 'ada', 'admin');
    admin = await signIn(t.app, 'ada');
    routes = (await apiRoutes(t.app)).filter((r) => !isPublicRoute(r) && !r.path.startsWith('/api/auth/'));
    assert.ok(routes.some((r) => r.bodySchema), 'routes with bodies are listed');
  });
  after(() => t.close());

  it('refuses a wrong type in any field, unknown fields and bodies that are not objects', async () => {
    for (const route of routes.filter((r) => r.bodySchema?.type === 'object')) {
      const schema = route.bodySchema!;
      const properties = Object.entries(schema.properties ?? {});
      const valid = route.body as Record<string, unknown>;
      const wrongField = fc.constantFrom(...(properties.length > 0 ? properties : [['', {}] as [string, JsonSchema]])).chain(([name, property]) => wrongFor(property).map((value) => ({ ...valid, [name]: value })));
      const unknownField = fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })).filter(([name]) => !(name in (schema.properties ?? {})) && name !== '__proto__').map(([name, value]) => ({ ...valid, [name]: value }));
      const notObject = fc.oneof(fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)));
      // A route that takes no data (`{}` or nothing) has no field to get wrong.
      const kinds = [...(properties.length > 0 ? [wrongField] : []), ...(schema.additionalProperties === false ? [unknownField] : []), notObject];
      const bodies = fc.oneof(...kinds);
      await fc.assert(fc.asyncProperty(bodies, async (body) => refused(route, { payload: JSON.stringify(body) })), { numRuns });
    }
  });

  it('refuses deep nesting, invalid UTF-8, random bytes and oversized bodies', async () => {
    for (const route of routes.filter((r) => r.bodySchema)) {
      const first = Object.keys(route.bodySchema!.properties ?? { x: {} })[0]!;
      const depth = 50_000;
      await refused(route, { payload: JSON.stringify({ ...(route.body as object), [first]: '__RAW__' }).replace('"__RAW__"', '['.repeat(depth) + ']'.repeat(depth)) });
      await refused(route, { payload: Buffer.concat([Buffer.from(`{"${first}":"`), Buffer.from([0xff, 0xfe, 0xc0, 0xed, 0xa0, 0x80]), Buffer.from('"')]) });
      await refused(route, { payload: JSON.stringify({ ...(route.body as object), [first]: 'x'.repeat(400_000) }) });
      await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => refused(route, { payload: Buffer.from(bytes) })), { numRuns: 10 });
    }
  });

  it('refuses random path parameters', async () => {
    for (const route of routes.filter((r) => r.path.includes('{'))) {
      const names = Object.keys(route.params).length > 0 ? Object.keys(route.params) : [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), nasty, async (name, value) => {
          fc.pre(encodable(value) && value !== route.params[name] && value !== 'mini-panel' && value !== 'mini-cross');
          return refused(route, { url: urlOf(route, { studyId: 'mini-panel', [name]: value }), ...(route.body !== undefined ? { payload: JSON.stringify(route.body) } : {}) });
        }),
        { numRuns },
      );
    }
  });

  it('answers random query values without a 5xx and without storing anything', async () => {
    for (const route of routes.filter((r) => r.queryNames.length > 0)) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...route.queryNames, 'unknown'), nasty, async (name, value) => {
          fc.pre(encodable(value));
          return refused(route, { url: `${urlOf(route, { studyId: 'mini-panel' })}?${encodeURIComponent(name)}=${encodeURIComponent(value)}` }, true);
        }),
        { numRuns },
      );
    }
  });
});
