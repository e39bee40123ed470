import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { seedMiniStudies, tempDir } from '../helpers/app.ts';
import { closeServices, openServerServices, serverFilesIn, startServerProcess, type ServerFiles, type ServerProcess } from '../helpers/server-process.ts';

/**
 * The durability promise: a submission the server acknowledged survives `kill -9` of the process,
 * exactly once, and the database stays intact. Respondents keep saving pages concurrently while
 * the process is killed at a random moment; the unacknowledged submission is retried after the
 * restart, as the client does.
 */

interface RespondentState {
  responseId: string;
  responseKey: string;
  /** Highest submission number the server acknowledged. */
  acked: number;
  /** The submission that was in flight when the server died, retried after the restart. */
  unacked?: number;
}

const respondentsPerRound = 16;

function submissionIdOf(state: RespondentState, n: number): string {
  return `crash-${state.responseId.slice(0, 8)}-${n}`;
}

function submissionBody(state: RespondentState, n: number) {
  return JSON.stringify({ submissionId: submissionIdOf(state, n), pageNo: n % 1000, answers: { remarks: `r${n}`, job_search_hours: n % 80 } });
}

async function post(url: string, state: RespondentState, n: number): Promise<Response> {
  return fetch(`${url}/api/respondent/responses/${state.responseId}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-response-key': state.responseKey },
    body: submissionBody(state, n),
  });
}

async function startRespondent(url: string): Promise<RespondentState> {
  const res = await fetch(`${url}/api/respondent/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ studyId: 'mini-cross', locale: 'nl', channel: 'web' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { responseId: string; responseKey: string };
  return { responseId: body.responseId, responseKey: body.responseKey, acked: 0 };
}

/** Saves pages one after another until the connection breaks; any other failure is a bug. */
async function savePagesUntilKilled(url: string, state: RespondentState, errors: string[]): Promise<void> {
  for (let n = state.acked + 1; ; n++) {
    let res: Response;
    try {
      res = await post(url, state, n);
      await res.text();
    } catch {
      state.unacked = n;
      return;
    }
    if (res.status !== 200) {
      errors.push(`submission ${n} of ${state.responseId}: ${res.status}`);
      return;
    }
    state.acked = n;
  }
}

function checkDatabase(files: ServerFiles, respondents: RespondentState[]): void {
  const db = new Database(files.databasePath);
  try {
    assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    const countOf = db.prepare('SELECT count(*) AS n FROM submissions WHERE response_id = ? AND submission_id = ?');
    const storedOf = db.prepare('SELECT count(*) AS n FROM submissions WHERE response_id = ?');
    const responseOf = db.prepare('SELECT answers, page_no FROM responses WHERE id = ?');
    for (const state of respondents) {
      for (let n = 1; n <= state.acked; n++) {
        assert.equal((countOf.get(state.responseId, submissionIdOf(state, n)) as { n: number }).n, 1, `acknowledged submission ${n} of ${state.responseId} is stored once`);
      }
      const stored = (storedOf.get(state.responseId) as { n: number }).n;
      assert.ok(stored >= state.acked, 'nothing acknowledged is missing');
      assert.ok(stored <= state.acked + 1, 'at most the submission in flight was stored without its answer');
      const response = responseOf.get(state.responseId) as { answers: string; page_no: number };
      const answers = JSON.parse(response.answers) as Record<string, unknown>;
      if (stored > 0) {
        assert.equal(answers.remarks, `r${stored}`, 'the response row holds the answers of its last stored submission');
        assert.equal(response.page_no, stored % 1000);
      }
    }
  } finally {
    db.close();
  }
}

async function crashRounds(rounds: number, env: Record<string, string>): Promise<void> {
  const dir = tempDir('wavepanel-crash-');
  const files = serverFilesIn(dir);
  let lastServer: ServerProcess | undefined;
  try {
    const seed = await openServerServices(files);
    await seedMiniStudies(seed, 0);
    await closeServices(seed);
    const everyone: RespondentState[] = [];
    for (let round = 0; round < rounds; round++) {
      // The anonymous starts of every round count against one address's limit, which outlives a
      // restart since the limits are kept in the database; this test is about durability, not limits.
      const server = await startServerProcess(files, { WAVEPANEL_ANONYMOUS_STARTS: String(rounds * respondentsPerRound), ...env });
      lastServer = server;
      const errors: string[] = [];
      // Retries of what was in flight at the last kill: accepted, and stored once.
      for (const state of everyone.filter((s) => s.unacked !== undefined)) {
        const res = await post(server.url, state, state.unacked!);
        assert.equal(res.status, 200, await res.text());
        state.acked = state.unacked!;
        delete state.unacked;
      }
      const fresh = await Promise.all(Array.from({ length: respondentsPerRound }, () => startRespondent(server.url)));
      everyone.push(...fresh);
      const ackedBefore = everyone.reduce((sum, s) => sum + s.acked, 0);
      const running = everyone.map((state) => savePagesUntilKilled(server.url, state, errors));
      // Once saves are being acknowledged (however slow the machine), kill at a random moment.
      for (let waited = 0; everyone.reduce((sum, s) => sum + s.acked, 0) === ackedBefore && waited < 20_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 600));
      await server.kill();
      await Promise.all(running);
      assert.deepEqual(errors, [], 'no submission failed before the kill');
      assert.ok(everyone.some((s) => s.acked > 0), 'submissions were acknowledged before the kill');
      checkDatabase(files, everyone);
    }
  } finally {
    // A failed round leaves its server running, which would keep this test file from ever ending.
    await lastServer?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('a server process killed with SIGKILL during concurrent submissions', () => {
  it('keeps every acknowledged submission exactly once, with an intact database, over four kills', async () => {
    await crashRounds(4, {});
  });

  it('does the same with synchronous=FULL and group commit', async () => {
    await crashRounds(2, { WAVEPANEL_SYNC: 'full' });
  });
});
