/**
 * Issue 2's benchmark: wavepanel's complete-response endpoint beside a bare Fastify no-op route
 * and a bare Fastify route inserting the same body into better-sqlite3, all in one run on
 * 127.0.0.1, printed as ratios. Each server runs in its own process; autocannon runs here.
 */
import path from 'node:path';
import { bodyBytes, completeBody, submissionIdFor } from './lib/body.ts';
import { benchDefaults, measure, type LoadResult } from './lib/load.ts';
import { printHeading, printRatios, printResults } from './lib/report.ts';
import { startServerProcess } from './lib/server-process.ts';

const lib = path.join(import.meta.dirname, 'lib');
let requestCounter = 0;

/** The same headers and body as wavepanel gets, to a bare route. */
async function bare(sync: 'normal' | 'full', route: '/noop' | '/insert'): Promise<LoadResult> {
  const server = await startServerProcess<null>(path.join(lib, 'bare-server.ts'), [sync]);
  try {
    return await measure({
      url: server.url,
      next: () => ({ path: route, headers: { 'x-response-key': 'bench-key-of-the-same-length-as-a-real-one-000' }, body: completeBody(submissionIdFor(++requestCounter)) }),
    });
  } finally {
    await server.stop();
  }
}

interface WavepanelRun {
  result: LoadResult;
  exhausted: boolean;
}

/** Every request completes a different response started beforehand; after the last one they repeat. */
async function wavepanel(sync: 'normal' | 'full', logLevel: string, count: number): Promise<WavepanelRun> {
  const server = await startServerProcess<[string, string][]>(path.join(lib, 'wavepanel-server.ts'), [sync, logLevel, String(count)], {
    stdoutFile: '/dev/null',
  });
  const sessions = server.data;
  let next = 0;
  try {
    const result = await measure({
      url: server.url,
      next: () => {
        const [responseId, responseKey] = sessions[next++ % sessions.length]!;
        return {
          path: `/api/respondent/responses/${responseId}/submissions`,
          headers: { 'x-response-key': responseKey },
          body: completeBody(submissionIdFor(next)),
        };
      },
    });
    return { result, exhausted: next > sessions.length };
  } finally {
    await server.stop();
  }
}

printHeading('Complete-response endpoint against bare Fastify and better-sqlite3', [
  `${benchDefaults.connections} connections, ${benchDefaults.warmup} s warm-up + ${benchDefaults.duration} s measured per scenario, 127.0.0.1, ` +
    `POST of a ${bodyBytes}-byte JSON body (the whole eaa-cross questionnaire, complete: true).`,
  'Bare routes: Fastify without plugins or logger; the insert route stores the body with a prepared statement (WAL).',
  'wavepanel: the app as npm start builds it; every request completes a different anonymous response',
  '(response key check, validation against the compiled survey definition, idempotency record, audit fields).',
]);

const noop = await bare('normal', '/noop');
const insertNormal = await bare('normal', '/insert');
const insertFull = await bare('full', '/insert');

const seconds = benchDefaults.warmup + benchDefaults.duration;
const pool = Math.ceil(Math.max(insertNormal.requestsPerSecond, insertFull.requestsPerSecond) * seconds * 1.5) + 2000;
const runs = {
  normalInfo: await wavepanel('normal', 'info', pool),
  normalWarn: await wavepanel('normal', 'warn', pool),
  fullInfo: await wavepanel('full', 'info', pool),
  fullWarn: await wavepanel('full', 'warn', pool),
};

printResults([
  { name: 'bare Fastify no-op', result: noop },
  { name: 'bare insert, synchronous=NORMAL', result: insertNormal },
  { name: 'bare insert, synchronous=FULL', result: insertFull },
  { name: 'wavepanel complete, NORMAL, LOG_LEVEL=info', result: runs.normalInfo.result },
  { name: 'wavepanel complete, NORMAL, LOG_LEVEL=warn', result: runs.normalWarn.result },
  { name: 'wavepanel complete, FULL (group commit), LOG_LEVEL=info', result: runs.fullInfo.result },
  { name: 'wavepanel complete, FULL (group commit), LOG_LEVEL=warn', result: runs.fullWarn.result },
]);

printRatios([
  { label: 'wavepanel NORMAL / bare insert NORMAL (LOG_LEVEL=info, the default)', numerator: runs.normalInfo.result, denominator: insertNormal, target: 0.5 },
  { label: 'wavepanel NORMAL / bare insert NORMAL (LOG_LEVEL=warn)', numerator: runs.normalWarn.result, denominator: insertNormal, target: 0.5 },
  { label: 'wavepanel FULL / bare insert FULL (LOG_LEVEL=info)', numerator: runs.fullInfo.result, denominator: insertFull },
  { label: 'wavepanel FULL / bare insert FULL (LOG_LEVEL=warn)', numerator: runs.fullWarn.result, denominator: insertFull },
  { label: 'bare insert NORMAL / bare no-op', numerator: insertNormal, denominator: noop },
]);

const exhausted = Object.entries(runs).filter(([, run]) => run.exhausted);
if (exhausted.length > 0) console.log(`The ${pool} pre-started responses ran out in: ${exhausted.map(([name]) => name).join(', ')} (repeats count as errors).`);
const failed = [noop, insertNormal, insertFull, ...Object.values(runs).map((r) => r.result)].some((r) => r.errors > 0);
if (failed) {
  console.log('Some requests failed (non-2xx, connection errors or timeouts): the numbers above are not valid.');
  process.exitCode = 1;
}
