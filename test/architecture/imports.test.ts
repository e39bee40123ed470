import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../server/config.ts';

/**
 * The server's layers, read from its import statements: domain modules (`server/<domain>/`) do the
 * work and never reach into the HTTP adapters (`server/routes/`, `server/http/`, `*.plugin.ts`),
 * the command line (`*.cli.ts`, `server/cli.ts`) or the composition roots (`server/app.ts`,
 * `server/index.ts`, `server/services.ts`, `server/command-line.ts`); no module imports itself
 * round a cycle, and no two domain folders import each other at run time (a type-only import, such
 * as the shape of a study's declarations, vanishes when the code runs).
 */

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

const serverDir = path.join(projectRoot, 'server');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.{1,2}\/[^']+)'/gm)].map((m) => ({
    from: path.relative(projectRoot, file),
    to: path.relative(projectRoot, path.resolve(path.dirname(file), m[3]!)),
    typeOnly: m[2] !== undefined,
  }));
}

const imports = sourceFiles(serverDir).flatMap(importsOf);
const serverFile = (file: string) => file.startsWith('server/');
const folderOf = (file: string) => (file.split('/').length > 2 ? file.split('/')[1]! : '.');

/** HTTP adapters, and the demo's set-up, which builds services like the composition root. */
const adapterFolders = new Set(['routes', 'http', 'demo']);
const compositionRoot = new Set(['server/app.ts', 'server/index.ts', 'server/cli.ts', 'server/command-line.ts', 'server/services.ts']);
const isAdapter = (file: string) => adapterFolders.has(folderOf(file)) || file.endsWith('.cli.ts') || file.endsWith('.plugin.ts') || compositionRoot.has(file);
const isDomain = (file: string) => serverFile(file) && folderOf(file) !== '.' && !isAdapter(file);

test('the import reader finds the imports of the server (a sanity check of this test)', () => {
  assert.ok(imports.length > 300, `${imports.length} imports`);
  assert.ok(imports.some((i) => i.from === 'server/app.ts' && i.to === 'server/routes/index.ts'));
  assert.ok(imports.some((i) => i.typeOnly));
});

test('domain modules never import an HTTP adapter, the command line or the composition root', () => {
  const wrong = imports.filter((i) => isDomain(i.from) && serverFile(i.to) && isAdapter(i.to)).map((i) => `${i.from} -> ${i.to}`);
  assert.deepEqual(wrong, []);
});

test('the server never imports client code', () => {
  assert.deepEqual(imports.filter((i) => i.to.startsWith('client/')).map((i) => `${i.from} -> ${i.to}`), []);
});

function cycles(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

function graph(pairs: [string, string][]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [a, b] of pairs) if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  return edges;
}

test('no module of the server imports itself round a cycle (imports that run; type imports vanish)', () => {
  const running = imports.filter((i) => !i.typeOnly && serverFile(i.to));
  assert.deepEqual(cycles(graph(running.map((i) => [i.from, i.to]))).map((c) => c.join(' -> ')), []);
});

test('no two domain folders import each other at run time, directly or round a longer cycle', () => {
  const between = imports.filter((i) => !i.typeOnly && isDomain(i.from) && isDomain(i.to));
  assert.deepEqual(cycles(graph(between.map((i) => [folderOf(i.from), folderOf(i.to)]))).map((c) => c.join(' -> ')), []);
});
