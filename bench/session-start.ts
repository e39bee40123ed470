/**
 * Issue 18: what starting a session costs against saving a page, on SQLite and on PostgreSQL.
 * One wavepanel app as `npm start` builds it (every plugin, the request log to /dev/null),
 * driven in the same process through `app.inject` (no sockets, so that the CPU time per request
 * is the app's own and nothing else's), 25 requests at a time:
 *
 * - anonymous start: a new response of the cross-sectional study `eaa-cross`;
 * - panel start: a letter's token used for the first time (a new response in the panel's open wave);
 * - panel resume: the same tokens again (the response they started);
 * - save: one page of answers to each of those responses.
 *
 * Printed per kind: requests per second and the process's CPU time per request, and each start's
 * CPU per request against a save's (the issue: "bring it near a save's cost").
 *
 *   npm run bench -- session-start          SESSION_START_COUNT=5000 npm run bench -- session-start
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { demoCrossId, demoPanelId, seedDemo } from '../server/demo/seed.ts';
import { participantAdminRepositoryFor } from '../server/participants/participant-admin.repository.pg.ts';
import { generateToken } from '../server/tokens/token.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import { loadAverage, printHeading } from './lib/report.ts';

const count = Number(process.env.SESSION_START_COUNT ?? 3000);
const concurrency = 25;
const rounds = 3;
const page = { consent: true };

const kinds = ['anonymous start', 'panel start', 'panel resume', 'save'] as const;
type Kind = (typeof kinds)[number];
interface Measured {
  requests: number;
  seconds: number;
  cpuMicros: number;
}

/** Sends `request` for each item, `concurrency` at a time; adds the requests, the time and the process's CPU time to `into`. */
async function measure<T>(into: Measured, kind: Kind, items: T[], request: (item: T) => Promise<number>): Promise<void> {
  let next = 0;
  const failures = new Map<number, number>();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const status = await request(items[next++]!);
        if (status !== 200) failures.set(status, (failures.get(status) ?? 0) + 1);
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  into.cpuMicros += cpu.user + cpu.system;
  into.requests += items.length;
  if (failures.size > 0) throw new Error(`${kind}: ${[...failures].map(([status, n]) => `${n} × ${status}`).join(', ')}`);
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<Map<Kind, Measured>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-start-'));
  const database = dialect === 'postgres' ? await createBenchDatabase() : undefined;
  const config = loadConfig(database ? { DATABASE_URL: database.url } : {}, {
    databasePath: path.join(dir, 'wavepanel.sqlite'),
    secretPath: path.join(dir, 'wavepanel.secret'),
    logLevel: 'info',
    anonymousStartLimit: Number.MAX_SAFE_INTEGER,
  });
  const app = await buildApp({ config, logStream: fs.createWriteStream('/dev/null') });
  try {
    const { services } = app;
    await seedDemo(services);
    const tokens = Array.from({ length: count }, () => generateToken());
    await participantAdminRepositoryFor(services.database).insertBatch({ studyId: demoPanelId, size: count, language: null, createdBy: null, createdAt: services.now() }, () =>
      tokens.map((token, i) => ({ pseudonym: `START-${i + 1}`, tokenHash: services.hash('token', token), language: 'nl' })),
    );
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: body as object, headers });
    const sessions: { responseId: string; responseKey: string }[] = [];
    const start = (body: object) => async () => {
      const reply = await post('/api/respondent/sessions', { locale: 'nl', channel: 'web', ...body });
      if (reply.statusCode === 200) sessions.push(reply.json<{ responseId: string; responseKey: string }>());
      return reply.statusCode;
    };
    // A first round of each, not measured: the JIT, the caches and the pool warm up.
    const warm = tokens.splice(0, 200);
    for (const token of warm) {
      await start({ token })();
      await start({ studyId: demoCrossId })();
    }
    // In interleaved rounds, so that whatever else slows the machine, and the heap's growth, fall on every kind alike.
    const results = new Map(kinds.map((kind) => [kind, { requests: 0, seconds: 0, cpuMicros: 0 }]));
    let submission = 0;
    for (let round = 0; round < rounds; round++) {
      const roundTokens = tokens.slice((round * tokens.length) / rounds, ((round + 1) * tokens.length) / rounds);
      await measure(results.get('anonymous start')!, 'anonymous start', roundTokens, () => start({ studyId: demoCrossId })());
      await measure(results.get('panel start')!, 'panel start', roundTokens, (token) => start({ token })());
      const panelSessions = sessions.splice(-roundTokens.length);
      await measure(results.get('panel resume')!, 'panel resume', roundTokens, (token) => start({ token })());
      await measure(results.get('save')!, 'save', panelSessions, async (session) => {
        const reply = await post(`/api/respondent/responses/${session.responseId}/submissions`, { submissionId: `bench-save-${++submission}`, pageNo: 1, answers: page }, { 'x-response-key': session.responseKey });
        return reply.statusCode;
      });
    }
    return results;
  } finally {
    await app.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

printHeading('Starting a session against saving a page, on SQLite and on PostgreSQL', [
  `${count - 200} requests of each kind (after 200 panel and 200 anonymous starts to warm up) in ${rounds} interleaved rounds, ${concurrency} at a time, through app.inject in one process.`,
  'CPU: the process (the app and the injecting loop); PostgreSQL runs on the same cores and is not counted.',
]);
for (const dialect of (process.env.SESSION_START_DIALECTS?.split(',') ?? ['sqlite', 'postgres']) as ('sqlite' | 'postgres')[]) {
  const results = await run(dialect);
  const perRequest = (kind: Kind) => results.get(kind)!.cpuMicros / results.get(kind)!.requests;
  console.log(`### ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}\n`);
  console.log('| request | req/s | CPU µs/req | CPU / save |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [kind, measured] of results) {
    console.log(`| ${kind} | ${Math.round(measured.requests / measured.seconds).toLocaleString('en-US')} | ${Math.round(perRequest(kind))} | ${(perRequest(kind) / perRequest('save')).toFixed(2)} |`);
  }
  console.log('');
}
console.log(`At the end: ${loadAverage()}.`);
