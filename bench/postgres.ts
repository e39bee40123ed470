/**
 * Issue 18's benchmark: the complete-response endpoint of wavepanel on PostgreSQL beside a bare
 * Fastify route inserting the same body into PostgreSQL with the same driver and pool size, and
 * two wavepanel processes on one database beside one, all in one run on 127.0.0.1 against a
 * database made for the run and dropped afterwards, printed as ratios. The scenarios are measured
 * in interleaved rounds, so that other load on the machine falls on all of them alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bodyBytes } from './lib/body.ts';
import { benchDefaults, measureInterleaved, warmUp, type LoadOptions, type LoadResult } from './lib/load.ts';
import { backendCpu, bareApplicationName, createBenchDatabase, wavepanelApplicationName } from './lib/postgres.ts';
import { bareLoad, completingLoad, type StartedResponses } from './lib/requests.ts';
import { loadAverage, printHeading, printRatios, printResults } from './lib/report.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';

const lib = path.join(import.meta.dirname, 'lib');
/** wavepanel's default `WAVEPANEL_PG_POOL_MAX`, given to the bare route's pool as well. */
const poolSize = 10;
const servers: ServerProcess<unknown>[] = [];

async function bareInsert(env: NodeJS.ProcessEnv): Promise<LoadOptions> {
  const server = await startServerProcess<null>(path.join(lib, 'bare-server.ts'), ['normal'], { env });
  servers.push(server);
  return bareLoad(server, '/insert');
}

/** A wavepanel process on the run's database, with `count` responses started beforehand. */
async function wavepanel(env: NodeJS.ProcessEnv, count: number): Promise<ServerProcess<[string, string][]>> {
  const server = await startServerProcess<[string, string][]>(path.join(lib, 'wavepanel-server.ts'), ['normal', 'info', String(count)], { env, stdoutFile: '/dev/null' });
  servers.push(server);
  return server;
}

printHeading('Complete-response endpoint on PostgreSQL, and two wavepanel processes on one database', [
  `${benchDefaults.connections} connections, 127.0.0.1, POST of a ${bodyBytes}-byte JSON body (the whole eaa-cross questionnaire, complete: true).`,
  `Per scenario: ${benchDefaults.warmup} s warm-up, then ${benchDefaults.duration} s measured in ${benchDefaults.rounds} interleaved rounds.`,
  `Everything on one PostgreSQL database made for this run; every process has a pg pool of ${poolSize} connections.`,
  'Bare insert: Fastify without plugins or logger; one parameterised INSERT of the body per request.',
  'wavepanel: the app as npm start builds it with DATABASE_URL (request log to /dev/null); every request completes a',
  'different anonymous response. Two processes: the same connections spread over both, each its own Node process.',
  'server CPU: the Node processes only; PostgreSQL CPU: the PostgreSQL processes serving their connections (when',
  'PostgreSQL runs on this machine; its WAL writer and checkpointer left out). Both run on the same cores.',
]);

const database = await createBenchDatabase();
const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-pg-'));
const bareBackends = backendCpu(database.url, bareApplicationName);
const wavepanelBackends = backendCpu(database.url, wavepanelApplicationName);
try {
  const env = { DATABASE_URL: database.url, WAVEPANEL_PG_POOL_MAX: String(poolSize), WAVEPANEL_SECRET_FILE: path.join(shared, 'wavepanel.secret') };
  const scenarios: { name: string; load: LoadOptions; warmupErrors: number }[] = [];
  const add = async (name: string, load: LoadOptions) => {
    const warm = await warmUp(load);
    scenarios.push({ name, load, warmupErrors: warm.errors });
    return warm.requestsPerSecond;
  };
  const insertRate = await add('bare insert into PostgreSQL', { ...(await bareInsert(env)), databaseCpu: bareBackends.read });

  // Enough responses for each wavepanel scenario at twice the bare route's rate
  // (batched, wavepanel's completions can outrun single inserts), at least 1,000 per second as a
  // short warm-up on a busy machine can be slow.
  const perScenario = Math.ceil(Math.max(insertRate, 1000) * 2 * (benchDefaults.duration + benchDefaults.warmup));
  console.log(`Starting ${perScenario} anonymous responses in each of 2 wavepanel processes...`);
  // One after the other: the first migrates the database, seeds the demo studies and writes the secret.
  const first = await wavepanel(env, perScenario);
  const second = await wavepanel(env, perScenario);
  const sessions: StartedResponses = { list: [...first.data, ...second.data], next: 0 };
  await add('wavepanel complete, 1 process', { ...completingLoad([first], sessions), databaseCpu: wavepanelBackends.read });
  await add('wavepanel complete, 2 processes', { ...completingLoad([first, second], sessions), databaseCpu: wavepanelBackends.read });

  const rows = await measureInterleaved(scenarios);
  console.log(`\nAt the end: ${loadAverage()}.\n`);
  printResults(rows);
  const [insert, one, two] = rows.map((row) => row.result) as [LoadResult, LoadResult, LoadResult];
  printRatios([
    { label: 'wavepanel 1 process / bare insert', numerator: one, denominator: insert, target: 0.5 },
    { label: 'wavepanel 2 processes / 1 process (scaling)', numerator: two, denominator: one },
  ]);
  console.log(`(${os.cpus().length} cores for the load generator, every Node process and PostgreSQL together: two processes cannot go far beyond one when the cores are full.)\n`);

  if (rows.some((row) => row.result.exhausted)) {
    console.log(`The ${sessions.list.length} pre-started responses ran out in: ${rows.filter((row) => row.result.exhausted).map((row) => row.name).join(', ')}.`);
  }
  if (rows.some((row) => row.result.errors > 0)) {
    console.log('Some requests failed (non-2xx, connection errors or timeouts): the numbers above are not valid.');
    process.exitCode = 1;
  }
} finally {
  await Promise.all([bareBackends.close(), wavepanelBackends.close()]);
  await Promise.all(servers.map((server) => server.stop()));
  await database.drop();
  fs.rmSync(shared, { recursive: true, force: true });
}
