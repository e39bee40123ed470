/**
 * Issue 2's benchmark: wavepanel's complete-response endpoint beside a bare Fastify no-op route
 * and a bare Fastify route inserting the same body into better-sqlite3, all in one run on
 * 127.0.0.1, printed as ratios. Each server runs in its own process; autocannon runs here. The
 * scenarios are measured in interleaved rounds, so that other load on the machine during the run
 * falls on all of them alike.
 */
import path from 'node:path';
import { bodyBytes } from './lib/body.ts';
import { benchDefaults, measureInterleaved, warmUp, type LoadOptions, type LoadResult } from './lib/load.ts';
import { bareLoad, completingLoad } from './lib/requests.ts';
import { loadAverage, printHeading, printRatios, printResults } from './lib/report.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';

const lib = path.join(import.meta.dirname, 'lib');
const servers: ServerProcess<unknown>[] = [];

async function bare(sync: 'normal' | 'full', route: '/noop' | '/insert'): Promise<LoadOptions> {
  const server = await startServerProcess<null>(path.join(lib, 'bare-server.ts'), [sync]);
  servers.push(server);
  return bareLoad(server, route);
}

async function wavepanel(sync: 'normal' | 'full', logLevel: string, count: number): Promise<LoadOptions> {
  const server = await startServerProcess<[string, string][]>(path.join(lib, 'wavepanel-server.ts'), [sync, logLevel, String(count)], {
    stdoutFile: '/dev/null',
  });
  servers.push(server);
  return completingLoad([server], { list: server.data, next: 0 });
}

printHeading('Complete-response endpoint against bare Fastify and better-sqlite3', [
  `${benchDefaults.connections} connections, 127.0.0.1, POST of a ${bodyBytes}-byte JSON body (the whole eaa-cross questionnaire, complete: true).`,
  `Per scenario: ${benchDefaults.warmup} s warm-up, then ${benchDefaults.duration} s measured in ${benchDefaults.rounds} interleaved rounds.`,
  'Bare routes: Fastify without plugins or logger; the insert route stores the body with a prepared statement (WAL).',
  'wavepanel: the app as npm start builds it (request log to /dev/null); every request completes a different anonymous',
  'response: response key check, validation against the compiled survey definition, idempotency record, audit fields.',
  'p50: median of the rounds; p99: worst round. server CPU: user + system time of the server process per request.',
]);

try {
  const scenarios: { name: string; load: LoadOptions; warmupErrors: number }[] = [];
  const add = async (name: string, load: LoadOptions) => {
    const warm = await warmUp(load);
    scenarios.push({ name, load, warmupErrors: warm.errors });
    return warm.requestsPerSecond;
  };
  await add('bare Fastify no-op', await bare('normal', '/noop'));
  const insertRate = await add('bare insert, synchronous=NORMAL', await bare('normal', '/insert'));
  await add('bare insert, synchronous=FULL', await bare('full', '/insert'));

  // Starting a response costs about as much as completing one, so the pool is sized from the bare
  // insert route's warm-up rate (wavepanel does more per request) rather than made huge; at least
  // 5,000 per second, as a short warm-up on a busy machine can be slow.
  const pool = Math.ceil(Math.max(insertRate * 1.2, 5000) * (benchDefaults.duration + benchDefaults.warmup));
  console.log(`Starting ${pool} anonymous responses in each of 4 wavepanel servers...`);
  await add('wavepanel complete, NORMAL, LOG_LEVEL=info', await wavepanel('normal', 'info', pool));
  await add('wavepanel complete, NORMAL, LOG_LEVEL=warn', await wavepanel('normal', 'warn', pool));
  await add('wavepanel complete, FULL (group commit), info', await wavepanel('full', 'info', pool));
  await add('wavepanel complete, FULL (group commit), warn', await wavepanel('full', 'warn', pool));

  const rows = await measureInterleaved(scenarios);
  console.log(`\nAt the end: ${loadAverage()}.\n`);
  printResults(rows);
  const [noop, insertNormal, insertFull, normalInfo, normalWarn, fullInfo, fullWarn] = rows.map((row) => row.result) as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
  printRatios([
    { label: 'wavepanel NORMAL / bare insert NORMAL (LOG_LEVEL=info, the default)', numerator: normalInfo, denominator: insertNormal, target: 0.5 },
    { label: 'wavepanel NORMAL / bare insert NORMAL (LOG_LEVEL=warn)', numerator: normalWarn, denominator: insertNormal, target: 0.5 },
    { label: 'wavepanel FULL / bare insert FULL (LOG_LEVEL=info)', numerator: fullInfo, denominator: insertFull },
    { label: 'wavepanel FULL / bare insert FULL (LOG_LEVEL=warn)', numerator: fullWarn, denominator: insertFull },
    { label: 'bare insert NORMAL / bare no-op', numerator: insertNormal, denominator: noop },
  ]);

  const exhausted = rows.filter((row) => row.result.exhausted);
  if (exhausted.length > 0) {
    console.log(`The ${pool} pre-started responses ran out in: ${exhausted.map((row) => `${row.name} (measured ${row.result.seconds} s)`).join(', ')}.`);
  }
  if (rows.some((row) => row.result.errors > 0)) {
    console.log('Some requests failed (non-2xx, connection errors or timeouts): the numbers above are not valid.');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
