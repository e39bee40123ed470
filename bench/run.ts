/**
 * `npm run bench`: runs every benchmark script in `bench/` one after another, each in its own
 * process so that none disturbs the next, in a fixed order (the known ones first, any others by
 * name). `npm run bench -- export load` runs only those. Ctrl-C stops the running one and the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const benchDir = import.meta.dirname;
const order = ['complete-response', 'respondent-load', 'load', 'export', 'export-under-load', 'postgres', 'session-start'];

function benchmarks(): string[] {
  const present = fs
    .readdirSync(benchDir)
    .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.endsWith('.d.ts'))
    .map((name) => name.slice(0, -'.ts'.length));
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return present.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

let current: ChildProcess | undefined;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    current?.kill(signal);
  });
}

function runOne(name: string): Promise<number> {
  return new Promise((resolve) => {
    current = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}.ts`)], { stdio: 'inherit' });
    current.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const requested = process.argv.slice(2);
const available = benchmarks();
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}; there are: ${available.join(', ')}.`);
  process.exit(2);
}
const selected = requested.length > 0 ? available.filter((name) => requested.includes(name)) : available;

console.log(`# wavepanel benchmarks (${new Date().toISOString()}): ${selected.join(', ')}`);
const failed: string[] = [];
for (const name of selected) {
  if (stopping) break;
  const started = Date.now();
  const code = await runOne(name);
  if (stopping) break;
  console.log(`(${name}: ${code === 0 ? 'done' : `exit code ${code}`} in ${Math.round((Date.now() - started) / 1000)} s)`);
  if (code !== 0) failed.push(name);
}
if (stopping) console.log('Stopped.');
if (failed.length > 0) console.log(`Failed: ${failed.join(', ')}`);
process.exitCode = stopping || failed.length > 0 ? 1 : 0;
