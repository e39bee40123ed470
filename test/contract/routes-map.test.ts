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

test('the pages read the JSON API through the one wrapper only: no other file of the client calls fetch', () => {
  const clientFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? clientFiles(path.join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : []));
  const fetching = clientFiles(path.join(projectRoot, 'client')).filter((file) => /\bfetch\(/.test(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(fetching.map((file) => path.relative(projectRoot, file)), [path.join('client', 'shared', 'api-client.ts')]);
});
