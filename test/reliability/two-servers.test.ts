import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { generateToken } from '../../server/tokens/token.ts';
import { fixturesDir, seedMiniStudies, tempDir } from '../helpers/app.ts';
import { createPostgresTestDatabase } from '../helpers/postgres.ts';
import { closeServices, openServerServices, serverEnv, serverFilesIn, startServerProcess, type ServerFiles, type ServerProcess } from '../helpers/server-process.ts';
import { wavepanel } from '../helpers/command-line.ts';

/**
 * Two `wavepanel serve` processes on one PostgreSQL database, as behind a reverse proxy: whatever
 * one server did (or the command line beside it), the other sees, and killing one loses nothing
 * it acknowledged.
 */

const tokenAttempts = 3;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const startSession = (server: ServerProcess, body: Record<string, unknown>) => post(`${server.url}/api/respondent/sessions`, { locale: 'nl', channel: 'web', ...body });

const submit = (server: ServerProcess, session: { responseId: string; responseKey: string }, submission: { submissionId: string; pageNo: number; answers: Record<string, unknown>; complete?: boolean }) =>
  post(`${server.url}/api/respondent/responses/${session.responseId}/submissions`, submission, { 'x-response-key': session.responseKey });

describe('two servers on one PostgreSQL database', () => {
  let dir: string;
  let files: ServerFiles;
  let postgres: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let pool: pg.Pool;
  let tokens: string[];
  let one: ServerProcess;
  let two: ServerProcess;
  let envOfOne: Record<string, string>;
  const surveysFolder = (server: string) => {
    const folder = path.join(dir, server, 'surveys');
    fs.cpSync(path.join(fixturesDir, 'surveys'), folder, { recursive: true });
    return folder;
  };

  before(async () => {
    dir = tempDir('wavepanel-two-servers-');
    files = serverFilesIn(dir);
    postgres = await createPostgresTestDatabase();
    const seed = await openServerServices(files, { postgres: postgres.settings });
    ({ tokens } = await seedMiniStudies(seed, 2));
    await closeServices(seed);
    // The same secret file and the same database: what an installation of several servers shares.
    // Each has its own copy of the shipped surveys, as on machines of their own.
    const env = { DATABASE_URL: postgres.settings.url, WAVEPANEL_TOKEN_ATTEMPTS: String(tokenAttempts), WAVEPANEL_SURVEY_POLL_MS: '200' };
    envOfOne = { ...serverEnv(files), ...env, WAVEPANEL_SURVEYS_DIR: surveysFolder('one') };
    [one, two] = await Promise.all([startServerProcess(files, envOfOne), startServerProcess(files, { ...env, WAVEPANEL_SURVEYS_DIR: surveysFolder('two') })]);
    pool = new pg.Pool({ connectionString: postgres.settings.url, max: 2 });
  });

  after(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await pool?.end();
    await postgres?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a respondent who starts on one server completes on the other', async () => {
    const started = await startSession(one, { token: tokens[0] });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const session = started.body as { responseId: string; responseKey: string };
    const page = await submit(one, session, { submissionId: 'two-servers-1', pageNo: 1, answers: { consent: true } });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    const resumed = await startSession(two, { token: tokens[0] });
    assert.equal(resumed.body.responseId, session.responseId, 'the other server resumes the same response');
    assert.deepEqual(resumed.body.answers, { consent: true });
    const completed = await submit(two, session, { submissionId: 'two-servers-2', pageNo: 2, answers: { consent: true, health: 7 }, complete: true });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const { rows } = await pool.query<{ answers: string; completed: boolean }>('SELECT answers, completed_at IS NOT NULL AS completed FROM responses WHERE id = $1', [session.responseId]);
    assert.deepEqual(rows.map((r) => ({ answers: JSON.parse(r.answers) as unknown, completed: r.completed })), [{ answers: { consent: true, health: 7 }, completed: true }]);
  });

  it('an address that used up its token attempts on one server is refused by the other, even with a valid token', async () => {
    for (let i = 0; i < tokenAttempts; i++) {
      const wrong = await startSession(one, { token: generateToken() });
      assert.equal((wrong.body.error as { code: string }).code, 'token_invalid');
    }
    const elsewhere = await startSession(two, { token: tokens[1] });
    assert.equal(elsewhere.status, 429, JSON.stringify(elsewhere.body));
    assert.equal((elsewhere.body.error as { code: string }).code, 'rate_limited');
  });

  it('a version published with the command line beside one server is served by the other, and listed after its next look', async () => {
    const definition = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'surveys', 'mini', '1.json'), 'utf8')) as SurveyJson;
    definition.pages.at(-1)!.elements!.push({ type: 'comment', name: 'advice', title: 'Welk advies heeft u?' });
    const file = path.join(dir, 'mini-2.json');
    fs.writeFileSync(file, JSON.stringify(definition));
    const published = await wavepanel(['surveys', 'publish', file, '--survey', 'mini'], envOfOne);
    assert.equal(published.code, 0, published.stderr);
    const served = await fetch(`${two.url}/api/surveys/mini/2?locale=nl`);
    assert.equal(served.status, 200);
    assert.match(await served.text(), /Welk advies heeft u\?/);
    const listed = async () => ((await (await fetch(`${one.url}/api/surveys`)).json()) as { id: string; version: number }[]).some((s) => s.id === 'mini' && s.version === 2);
    while (!(await listed())) await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('a server killed with SIGKILL under load loses no save it acknowledged', async () => {
    const respondents = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const server = i % 2 === 0 ? one : two;
        const started = await startSession(server, { studyId: 'mini-cross' });
        assert.equal(started.status, 200, JSON.stringify(started.body));
        return { server, session: started.body as { responseId: string; responseKey: string }, acknowledged: [] as string[] };
      }),
    );
    const saving = respondents.map(async (r) => {
      for (let n = 1; n <= 400; n++) {
        const submissionId = `load-${r.session.responseId.slice(0, 8)}-${n}`;
        let res: { status: number };
        try {
          res = await submit(r.server, r.session, { submissionId, pageNo: n, answers: { remarks: `r${n}` } });
        } catch {
          return; // the killed server's connection broke: that save was not acknowledged
        }
        if (res.status >= 200 && res.status < 300) r.acknowledged.push(submissionId);
        else return;
      }
    });
    while (respondents.filter((r) => r.server === one).every((r) => r.acknowledged.length < 5)) await new Promise((resolve) => setTimeout(resolve, 20));
    await one.kill();
    await Promise.all(saving);
    const acknowledged = respondents.flatMap((r) => r.acknowledged);
    assert.ok(respondents.some((r) => r.server === one && r.acknowledged.length > 0), 'the killed server acknowledged saves before it died');
    const { rows } = await pool.query<{ submission_id: string }>('SELECT submission_id FROM submissions WHERE submission_id = ANY($1)', [acknowledged]);
    assert.deepEqual(new Set(rows.map((r) => r.submission_id)), new Set(acknowledged), 'every acknowledged save is in the database');
    assert.ok(respondents.filter((r) => r.server === two).every((r) => r.acknowledged.length === 400), 'the other server kept serving');
  });
});
