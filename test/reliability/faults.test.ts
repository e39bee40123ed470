import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createTestApp, newSubmissionId, seedMiniStudies, sqliteOf, startSession, submitAnswers, type TestApp } from '../helpers/app.ts';
import { countOf } from '../helpers/dialects.ts';
import { projectRoot } from '../../server/config.ts';

/**
 * Storage trouble during a submission: a 5xx the client can act on (it keeps the answers and
 * retries), no partial row, and the retry succeeds once the trouble is gone. A busy database
 * (another connection writing or reading for a while) only delays submissions.
 */

const submissionsStored = (t: TestApp, submissionId?: string) =>
  countOf(t.services.database, submissionId ? sql`SELECT count(*) AS n FROM submissions WHERE submission_id = ${submissionId}` : sql`SELECT count(*) AS n FROM submissions`);

async function snapshot(t: TestApp, responseId: string) {
  return { submissions: await submissionsStored(t), response: await t.services.responses.find(responseId) };
}

/** A page large enough to need new pages in the SQLite file, with a marker that must never reach the log. */
const largePage = () => ({ submissionId: newSubmissionId(), pageNo: 2, answers: { health: 4, remarks: `never-logged-${'x'.repeat(9000)}` }, complete: true });

async function storageFaultThenRetry(t: TestApp, fault: { on: () => unknown; off: () => unknown }, expected = { status: 503, code: 'storage_unavailable' }): Promise<void> {
  const session = (await startSession(t.app, { studyId: 'mini-cross' })).body;
  assert.equal((await submitAnswers(t.app, session, { pageNo: 1, answers: { consent: true } })).status, 200);
  const page = largePage();
  const before = await snapshot(t, session.responseId);
  await fault.on();
  try {
    const failed = await submitAnswers(t.app, session, page);
    assert.equal(failed.status, expected.status);
    assert.equal(failed.body.error?.code, expected.code);
  } finally {
    await fault.off();
  }
  assert.deepEqual(await snapshot(t, session.responseId), before, 'no partial row');
  assert.ok(!t.logs().includes('never-logged-'), 'the answers stay out of the log');
  const retried = await submitAnswers(t.app, session, page);
  assert.deepEqual(retried.body, { status: 'completed', pageNo: 2 });
  assert.equal(await submissionsStored(t, page.submissionId), 1);
}

/** Another process takes the write lock, says so, holds it for `ms`, then commits. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ released });
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
}

describe('storage faults during a submission', () => {
  for (const syncMode of ['normal', 'full'] as const) {
    it(`a read-only database gives 503 storage_unavailable, stores nothing, and the retry succeeds (synchronous=${syncMode})`, async () => {
      const t = await createTestApp({ config: { syncMode } });
      try {
        await seedMiniStudies(t.services, 0);
        const sqlite = sqliteOf(t.services).$client;
        await storageFaultThenRetry(t, { on: () => sqlite.pragma('query_only = ON'), off: () => sqlite.pragma('query_only = OFF') });
      } finally {
        await t.close();
      }
    });

    it(`a full disk (no page left) gives 503 storage_unavailable, stores nothing, and the retry succeeds (synchronous=${syncMode})`, async () => {
      const t = await createTestApp({ config: { syncMode } });
      try {
        await seedMiniStudies(t.services, 0);
        const sqlite = sqliteOf(t.services).$client;
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
        await storageFaultThenRetry(t, {
          on: () => sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`),
          off: () => sqlite.pragma('max_page_count = 1073741823'),
        });
      } finally {
        await t.close();
      }
    });
  }
});

describe('storage faults during a submission on PostgreSQL', () => {
  /**
   * Makes PostgreSQL refuse `write` with `errcode`. A submission changes its response row, then
   * stores its submission row: refusing the second proves the first rolls back; refusing the first
   * fails the statement that carries the answers.
   */
  const refuse = (t: TestApp, write: 'UPDATE ON responses' | 'INSERT ON submissions', errcode: string) => {
    const { database } = t.services;
    assert.equal(database.dialect, 'postgres');
    const run = (query: string) => database.db.$client.query(query);
    return {
      on: async () => {
        await run(`CREATE FUNCTION refuse_submission() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = '${errcode}'; END $$`);
        await run(`CREATE TRIGGER refuse_submission BEFORE ${write} FOR EACH ROW EXECUTE FUNCTION refuse_submission()`);
      },
      off: () => run('DROP FUNCTION refuse_submission() CASCADE'),
    };
  };

  for (const [fault, write, errcode, expected] of [
    ['a full disk when the submission row is stored', 'INSERT ON submissions', 'disk_full', { status: 503, code: 'storage_unavailable' }],
    ['an unexpected database error when the answers are stored', 'UPDATE ON responses', 'raise_exception', { status: 500, code: 'internal_error' }],
  ] as const) {
    it(`${fault} gives ${expected.status} ${expected.code}, leaves the response as it was, logs no answer, and the retry succeeds`, async () => {
      const t = await createTestApp({ dialect: 'postgres' });
      try {
        await seedMiniStudies(t.services, 0);
        await storageFaultThenRetry(t, refuse(t, write, errcode), expected);
      } finally {
        await t.close();
      }
    });
  }
});

describe('a PostgreSQL connection lost during a submission', () => {
  /** A path to PostgreSQL that the test can cut, as a network or a crashed server would: no goodbye from the server. */
  async function cuttablePath(url: string) {
    const target = new URL(url);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const server = net.connect(Number(target.port), target.hostname);
      client.pipe(server).pipe(client);
      for (const socket of [client, server]) {
        sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
      }
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const via = new URL(target);
    via.port = String((relay.address() as net.AddressInfo).port);
    return {
      url: via.toString(),
      cut: () => sockets.forEach((socket) => socket.destroy()),
      close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
    };
  }

  /**
   * Holds the submission row's insert (a trigger waits for a lock the test holds); once the server's
   * connection waits there, cuts every connection of the server and ends the waiting one in
   * PostgreSQL (which would otherwise finish the statement for a client that is gone).
   */
  function cutWhileStoring(admin: pg.Client, cut: () => void) {
    let cutting: Promise<void> | undefined;
    const waiting = async () => (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0]?.pid;
    return {
      on: async () => {
        await admin.query('CREATE FUNCTION hold_submission() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NEW; END $$');
        await admin.query('CREATE TRIGGER hold_submission BEFORE INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION hold_submission()');
        await admin.query('SELECT pg_advisory_lock(4242)');
        cutting = (async () => {
          let pid: number | undefined;
          while (pid === undefined) pid = await waiting();
          cut();
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        })();
      },
      off: async () => {
        await cutting;
        await admin.query('SELECT pg_advisory_unlock(4242)');
        await admin.query('DROP FUNCTION hold_submission() CASCADE');
      },
    };
  }

  it('gives 503 storage_unavailable, leaves the response as it was, logs no answer, and the retry succeeds on a new connection', async () => {
    const first = await createTestApp({ dialect: 'postgres' });
    const network = await cuttablePath(first.postgres!.url);
    const server = await createTestApp({ alongside: { ...first, postgres: { ...first.postgres!, url: network.url } } });
    const admin = new pg.Client({ connectionString: first.postgres!.url });
    try {
      await admin.connect();
      await seedMiniStudies(server.services, 0);
      await storageFaultThenRetry(server, cutWhileStoring(admin, network.cut));
    } finally {
      await admin.end();
      await server.close();
      await network.close();
      await first.close();
    }
  });
});

describe('a storage fault inside a group commit', () => {
  it('refuses the whole batch with 503 when SQLite rolls the transaction back, and every piece succeeds on retry', async () => {
    const t = await createTestApp({ config: { syncMode: 'full' } });
    try {
      await seedMiniStudies(t.services, 0);
      const sqlite = sqliteOf(t.services).$client;
      const sessions = await Promise.all(Array.from({ length: 6 }, async () => (await startSession(t.app, { studyId: 'mini-cross' })).body));
      const pages = sessions.map((_, i) => ({ submissionId: newSubmissionId(), pageNo: 1, answers: { remarks: i === 3 ? 'y'.repeat(9000) : `short ${i}` } }));
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
      // Sent in the same turn of the event loop, so they are committed together.
      const results = await Promise.all(sessions.map((s, i) => submitAnswers(t.app, s, pages[i]!)));
      sqlite.pragma('max_page_count = 1073741823');
      const storedOf = sqlite.prepare('SELECT count(*) AS n FROM submissions WHERE submission_id = ?');
      assert.equal(results[3]!.status, 503);
      for (const [i, result] of results.entries()) {
        assert.ok(result.status === 200 || result.body.error?.code === 'storage_unavailable', `piece ${i}: ${result.status} ${JSON.stringify(result.body)}`);
        assert.equal((storedOf.get(pages[i]!.submissionId) as { n: number }).n, result.status === 200 ? 1 : 0, `piece ${i} is stored exactly when it was acknowledged`);
      }
      const retried = await Promise.all(sessions.map((s, i) => submitAnswers(t.app, s, pages[i]!)));
      for (const result of retried) assert.equal(result.status, 200);
      for (const page of pages) assert.equal((storedOf.get(page.submissionId) as { n: number }).n, 1);
    } finally {
      await t.close();
    }
  });
});

describe('a busy database', () => {
  it('submissions wait for another process holding the write lock and then succeed', async () => {
    const t = await createTestApp();
    try {
      await seedMiniStudies(t.services, 0);
      const sessions = await Promise.all(Array.from({ length: 5 }, async () => (await startSession(t.app, { studyId: 'mini-cross' })).body));
      const lock = await holdWriteLock(t.config.databasePath, 700);
      const results = await Promise.all(sessions.map((s) => submitAnswers(t.app, s, { pageNo: 1, answers: { consent: true } })));
      await lock.released;
      for (const result of results) assert.deepEqual(result.body, { status: 'in_progress', pageNo: 1 });
    } finally {
      await t.close();
    }
  });

  it('submissions succeed while a long export reads in another connection', async () => {
    const t = await createTestApp();
    const reader = new Database(t.config.databasePath, { readonly: true });
    try {
      await seedMiniStudies(t.services, 0);
      const sessions = await Promise.all(Array.from({ length: 5 }, async () => (await startSession(t.app, { studyId: 'mini-cross' })).body));
      reader.exec('BEGIN');
      const rows = reader.prepare('SELECT * FROM responses').iterate();
      assert.ok(!rows.next().done, 'the export is reading');
      for (let round = 1; round <= 3; round++) {
        const results = await Promise.all(sessions.map((s) => submitAnswers(t.app, s, { pageNo: round, answers: { health: round } })));
        for (const result of results) assert.equal(result.status, 200);
      }
      rows.return?.();
      reader.exec('COMMIT');
      assert.equal(await submissionsStored(t), 15);
    } finally {
      reader.close();
      await t.close();
    }
  });
});
