/**
 * Issue 18's long-read benchmark: respondents saving pages while a researcher downloads the wide
 * CSV export of a 50,000-participant panel, against the same saves with no export, in interleaved
 * rounds on one server process, on SQLite and then on PostgreSQL (a database made for the run on
 * `BENCH_PG_URL`, dropped afterwards). Target: respondents' p99 during the export within 2x of
 * their p99 without it. `npm run bench -- export-under-load`; `BENCH_EXPORT_PARTICIPANTS=N` for
 * another size, `BENCH_EXPORT_DIALECTS=postgres` for one dialect.
 */
import { benchResearcher, submissionIdFor } from './lib/body.ts';
import { benchDefaults, measureInterleaved, warmUp, type LoadOptions, type LoadResult } from './lib/load.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import { printHeading, printResults } from './lib/report.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';

const participants = Number(process.env.BENCH_EXPORT_PARTICIPANTS ?? 50_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const openResponses = 1000;

async function researcherCookie(server: ServerProcess<unknown>): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(benchResearcher) });
  if (res.status !== 200) throw new Error(`the researcher could not sign in: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** Downloads the wide export again and again until stopped; reports how many finished and their sizes. */
function downloadWhileRunning(server: ServerProcess<unknown>, cookie: string): { stop: () => Promise<{ exports: number; bytes: number; seconds: number[] }> } {
  let stopping = false;
  const seconds: number[] = [];
  let bytes = 0;
  const running = (async () => {
    while (!stopping) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/studies/eaa/exports/wide`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`the export failed: ${res.status}`);
      const reader = res.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
      seconds.push((performance.now() - started) / 1000);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await running;
      return { exports: seconds.length, bytes, seconds };
    },
  };
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const database = dialect === 'postgres' ? await createBenchDatabase() : undefined;
  const server = await startServerProcess<[string, string][]>(new URL('./lib/wavepanel-server.ts', import.meta.url).pathname, ['normal', 'warn', String(openResponses), String(participants)], {
    env: database ? { DATABASE_URL: database.url } : {},
  });
  try {
  const sessions = server.data;
  let sent = 0;
  const saves: LoadOptions = {
    url: server.url,
    connections,
    serverCpu: server.cpuMicros,
    next: () => {
      const [responseId, responseKey] = sessions[sent % sessions.length]!;
      const body = JSON.stringify({ submissionId: submissionIdFor(sent++), pageNo: 1, answers: {} });
      return { path: `/api/respondent/responses/${responseId}/submissions`, headers: { 'x-response-key': responseKey }, body };
    },
  };
  const cookie = await researcherCookie(server);
  const warm = await warmUp(saves);
  const first = downloadWhileRunning(server, cookie);
  const exportAlone = await first.stop();

  // Rounds alternate: saves alone, then saves while an export downloads (started just before the round, running throughout).
  const results: { name: string; result: LoadResult }[][] = [];
  const downloads: Awaited<ReturnType<ReturnType<typeof downloadWhileRunning>['stop']>>[] = [];
  for (let round = 0; round < benchDefaults.rounds; round++) {
    results.push(await measureInterleaved([{ name: 'saves, no export', load: saves, warmupErrors: warm.errors }], { duration: benchDefaults.duration / benchDefaults.rounds, rounds: 1 }));
    const download = downloadWhileRunning(server, cookie);
    results.push(await measureInterleaved([{ name: 'saves while the wide export downloads', load: saves }], { duration: benchDefaults.duration / benchDefaults.rounds, rounds: 1 }));
    downloads.push(await download.stop());
  }
  const combined = (name: string): LoadResult => {
    const rounds = results.flat().filter((r) => r.name === name).map((r) => r.result);
    return { ...rounds[0]!, p50: Math.max(...rounds.map((r) => r.p50)), p99: Math.max(...rounds.map((r) => r.p99)), errors: rounds.reduce((sum, r) => sum + r.errors, 0), completed: rounds.reduce((sum, r) => sum + r.completed, 0), requestsPerSecond: rounds.reduce((sum, r) => sum + r.requestsPerSecond, 0) / rounds.length };
  };
  const quiet = combined('saves, no export');
  const busy = combined('saves while the wide export downloads');
  printHeading(`Respondents while a researcher downloads a large export (export-under-load), on ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, [
    `${participants.toLocaleString('en-US')} synthetic participants with three waves each; ${connections} connections saving a page, ${benchDefaults.rounds} rounds of ${benchDefaults.duration / benchDefaults.rounds} s per scenario, alternating`,
    `one wide export alone: ${exportAlone.seconds[0]!.toFixed(1)} s, ${(exportAlone.bytes / 1024 / 1024).toFixed(1)} MB; ${downloads.reduce((sum, d) => sum + d.exports, 0)} exports downloaded back to back through the measured rounds`,
  ]);
  printResults([
    { name: 'saves, no export', result: quiet },
    { name: 'saves while the wide export downloads', result: busy },
  ]);
  // autocannon's latencies are of answered requests only: a save still waiting when a round ends is not in them.
  if (busy.completed === 0) console.log("respondents' p99 during the export / without it: no save was answered during the export (target <= 2: MISSED)");
  else {
    const ratio = busy.p99 / quiet.p99;
    console.log(`respondents' p99 during the export / without it (worst round of each): ${ratio.toFixed(2)}  (target <= 2: ${ratio <= 2 ? 'met' : 'MISSED'})`);
  }
  } finally {
    await server.stop();
    await database?.drop();
  }
}

for (const dialect of (process.env.BENCH_EXPORT_DIALECTS?.split(',') ?? ['sqlite', 'postgres']) as ('sqlite' | 'postgres')[]) await run(dialect);
