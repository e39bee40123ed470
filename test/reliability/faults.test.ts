import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import pg from 'pg';
import { createTestApp, seedMiniStudies, startSession, submitAnswers, type TestApp } from '../helpers/app.ts';
import { storageFaultThenRetry, submissionsStored } from './storage-faults.ts';

/**
 * Storage trouble during a submission on PostgreSQL (these tests choose PostgreSQL, so every run
 * has them): a full disk, an unexpected error, a connection cut mid-statement; and a busy database
 * (another connection holding a lock, a long read) only delays submissions. The SQLite file's
 * faults are in sqlite-faults.test.ts.
 */

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

describe('a busy PostgreSQL database', () => {
  it('submissions wait for another connection holding a lock on the submissions and then succeed', async (t) => {
    const test = await createTestApp({ dialect: 'postgres' });
    t.after(test.close);
    await seedMiniStudies(test.services, 0);
    const sessions = await Promise.all(Array.from({ length: 5 }, async () => (await startSession(test.app, { studyId: 'mini-cross' })).body));
    const holder = new pg.Client({ connectionString: test.postgres!.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE submissions IN EXCLUSIVE MODE');
    const submitting = Promise.all(sessions.map((s) => submitAnswers(test.app, s, { pageNo: 1, answers: { consent: true } })));
    // Released once the submissions wait for the lock (concurrent ones may be stored in one statement).
    while ((await holder.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rowCount === 0);
    await holder.query('COMMIT');
    await holder.end();
    for (const result of await submitting) assert.deepEqual(result.body, { status: 'in_progress', pageNo: 1 });
    assert.equal(await submissionsStored(test), 5);
  });

  it('submissions succeed while a long export reads in another connection', async (t) => {
    const test = await createTestApp({ dialect: 'postgres' });
    t.after(test.close);
    await seedMiniStudies(test.services, 0);
    const sessions = await Promise.all(Array.from({ length: 5 }, async () => (await startSession(test.app, { studyId: 'mini-cross' })).body));
    const reader = new pg.Client({ connectionString: test.postgres!.url });
    await reader.connect();
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await reader.query('DECLARE export CURSOR FOR SELECT * FROM responses');
    assert.equal((await reader.query('FETCH 1 FROM export')).rowCount, 1, 'the export is reading');
    for (let round = 1; round <= 3; round++) {
      const results = await Promise.all(sessions.map((s) => submitAnswers(test.app, s, { pageNo: round, answers: { health: round } })));
      for (const result of results) assert.equal(result.status, 200);
    }
    await reader.query('COMMIT');
    await reader.end();
    assert.equal(await submissionsStored(test), 15);
  });
});
