import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { projectRoot } from '../../server/config.ts';
import { createTestApp } from '../helpers/app.ts';

/**
 * The clients call routes by their names in shared/contract/routes.ts ('GET /api/studies/:studyId'),
 * which the map has as types only; each name must be a route the server has, or a page would
 * call an address that answers 404 while its types look right.
 */
const t = await createTestApp();
after(() => t.close());

const routeNames = [...fs.readFileSync(path.join(projectRoot, 'shared', 'contract', 'routes.ts'), 'utf8').matchAll(/^ {2}'([A-Z]+) (\/api\/[^']*)':/gm)].map((m) => ({ method: m[1] as HTTPMethods, url: m[2]! }));

test('every route the contract maps for the clients is a route of the server', () => {
  assert.ok(routeNames.length > 50, 'the map is read');
  assert.deepEqual(
    routeNames.filter((route) => !t.app.hasRoute(route)).map((route) => `${route.method} ${route.url}`),
    [],
  );
});

test('a route the server does not have is found missing', () => {
  assert.equal(t.app.hasRoute({ method: 'GET', url: '/api/study/:studyId' }), false);
  assert.equal(t.app.hasRoute({ method: 'GET', url: '/api/studies/:studyId' }), true);
});
