import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../server/config.ts';
import { lineCoverage } from '../../scripts/test-with-coverage.ts';

const server = path.join(projectRoot, 'server');
const file = (name: string, lines: number, covered: number) => ({ path: path.join(projectRoot, name), lines, covered });

test('line coverage of server/ counts its files only, and a file no test loads as not covered', () => {
  const cases: [string, Parameters<typeof lineCoverage>, number][] = [
    ['all covered', [[file('server/a.ts', 10, 10)], server], 100],
    ['files outside server/ do not count', [[file('server/a.ts', 10, 5), file('test/a.test.ts', 90, 90), file('serverless/b.ts', 10, 10)], server], 50],
    ['an unloaded file adds its lines uncovered', [[file('server/a.ts', 10, 10)], server, [file('server/b.ts', 30, 0)]], 25],
    ['nothing measured is 0 %', [[], server], 0],
  ];
  for (const [name, args, percent] of cases) assert.equal(lineCoverage(...args).percent, percent, name);
});

test('the coverage run fails under the floor and passes over it', () => {
  const run = (floor: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test-with-coverage.ts', '--floor', floor, 'test/fixtures/coverage/one-module.ts'], { cwd: projectRoot, encoding: 'utf8' });
  const under = run('90');
  assert.equal(under.status, 1, under.stdout + under.stderr);
  assert.match(under.stdout, /coverage of server\/: \d+\.\d % of \d+ lines \(floor 90 %\): UNDER THE FLOOR/);
  assert.match(under.stdout, /server\/shared\/csv\.ts/, 'the table is printed');
  const over = run('0');
  assert.equal(over.status, 0, over.stdout + over.stderr);
});
