/**
 * Load benchmark (issue 6): 500 respondents of the demo panel complete T0 at the same moment
 * through the respondent API, each as a phone does it: start with the token from the letter, save
 * every page as they go, and complete on the last one (11 requests each). Reports throughput,
 * p50/p99 latency per kind of request and errors (the target is none), with synchronous NORMAL
 * and FULL (group commit). The server runs in its own process on 127.0.0.1.
 *
 *   npm run bench -- load            LOAD_RESPONDENTS=1000 npm run bench -- load
 */
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/config.ts';
import { walkElements } from '../server/surveys/definition.ts';
import { loadSurveyRegistry } from '../server/surveys/registry.ts';
import { respondentAnswers } from './lib/body.ts';
import { startServerProcess } from './lib/server-process.ts';

const respondents = Number(process.env.LOAD_RESPONDENTS ?? 500);

/** The answers split by the pages of T0, checked against the server's own rules before the run. */
function pagesOfT0(): Record<string, unknown>[] {
  const config = loadConfig();
  const survey = loadSurveyRegistry(config.surveysDir, config.localesDir).get('eaa-t0', 1);
  if (!survey) throw new Error('eaa-t0 version 1 is not installed');
  const kept = Object.fromEntries(Object.entries(respondentAnswers).filter(([name]) => survey.rules.questionNames.includes(name)));
  const problem = survey.rules.check(kept);
  if (problem) throw new Error(`the benchmark's answers do not fit eaa-t0: ${problem.question} ${problem.reason}`);
  const missing = survey.rules.missingRequired(kept, { background_known: false });
  if (missing.length > 0) throw new Error(`the benchmark's answers leave required questions of eaa-t0 empty: ${missing.join(', ')}`);
  const pageOf = new Map<string, string>();
  for (const { element, page } of walkElements(survey.definition)) pageOf.set(element.name, page.name);
  return survey.definition.pages.map((page) => Object.fromEntries(Object.entries(kept).filter(([name]) => pageOf.get(name) === page.name)));
}

type Kind = 'start' | 'save' | 'complete';
interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

/** One keep-alive connection per respondent, as 500 phones would have. */
const agent = new http.Agent({ keepAlive: true, maxSockets: respondents });

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const failures = new Map<string, number>();

async function timed(samples: Sample[], kind: Kind, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown> | undefined> {
  const started = performance.now();
  try {
    const res = await post(url, JSON.stringify(body), headers);
    const ok = res.status >= 200 && res.status < 300;
    samples.push({ kind, ms: performance.now() - started, ok });
    if (!ok) failures.set(`${kind} ${res.status} ${res.text.slice(0, 120)}`, (failures.get(`${kind} ${res.status}`) ?? 0) + 1);
    return ok ? (JSON.parse(res.text) as Record<string, unknown>) : undefined;
  } catch (error) {
    samples.push({ kind, ms: performance.now() - started, ok: false });
    failures.set(`${kind} ${(error as Error).message}`, (failures.get(`${kind} ${(error as Error).message}`) ?? 0) + 1);
    return undefined;
  }
}

async function respondent(base: string, token: string, index: number, pages: Record<string, unknown>[], samples: Sample[]): Promise<boolean> {
  const session = await timed(samples, 'start', `${base}/api/respondent/sessions`, { token, locale: 'nl', channel: 'web' });
  if (!session) return false;
  const url = `${base}/api/respondent/responses/${String(session.responseId)}/submissions`;
  const headers = { 'x-response-key': String(session.responseKey) };
  for (const [pageNo, page] of pages.entries()) {
    const last = pageNo === pages.length - 1;
    const body = { submissionId: `load-${index}-${pageNo}`, pageNo, answers: page, ...(last ? { complete: true } : {}) };
    if (!(await timed(samples, last ? 'complete' : 'save', url, body, headers))) return false;
  }
  return true;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(sync: 'normal' | 'full', pages: Record<string, unknown>[]): Promise<boolean> {
  const server = await startServerProcess<string[]>(path.join(import.meta.dirname, 'load-support', 'server.ts'), [sync, String(respondents)], { stdoutFile: '/dev/null' });
  try {
    const samples: Sample[] = [];
    const cpuBefore = await server.cpuMicros();
    const started = performance.now();
    const finished = await Promise.all(server.data.map((token, i) => respondent(server.url, token, i, pages, samples)));
    const seconds = (performance.now() - started) / 1000;
    const cpu = ((await server.cpuMicros()) - cpuBefore) / 1e6;
    const completed = finished.filter(Boolean).length;
    const errors = samples.filter((s) => !s.ok).length;
    console.log(`\n## synchronous=${sync.toUpperCase()}: ${respondents} respondents at once, ${pages.length} submissions each after the start`);
    console.log(`completed ${completed}/${respondents} in ${seconds.toFixed(2)} s; ${samples.length} requests, ${(samples.length / seconds).toFixed(0)} req/s, ${(completed / seconds).toFixed(1)} completions/s; server CPU ${cpu.toFixed(2)} s; errors ${errors}`);
    console.log('| request | count | p50 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|');
    for (const kind of ['start', 'save', 'complete', 'all'] as const) {
      const ms = samples.filter((s) => kind === 'all' || s.kind === kind).map((s) => s.ms).sort((a, b) => a - b);
      console.log(`| ${kind} | ${ms.length} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} | ${(ms.at(-1) ?? Number.NaN).toFixed(1)} |`);
    }
    return errors === 0 && completed === respondents;
  } finally {
    await server.stop();
  }
}

const pages = pagesOfT0();
console.log(`# load: ${respondents} respondents complete eaa-t0 at once through the respondent API (127.0.0.1, node ${process.version})`);
let ok = true;
for (const sync of ['normal', 'full'] as const) ok = (await run(sync, pages)) && ok;
agent.destroy();
if (!ok) {
  console.log('\nFAILED: some respondents got errors (target: none):');
  for (const [what, count] of failures) console.log(`  ${count} × ${what}`);
  process.exitCode = 1;
}
