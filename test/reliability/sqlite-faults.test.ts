import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { projectRoot } from '../../server/config.ts';
import { createTestApp, newSubmissionId, seedMiniStudies, sqliteOf, startSession, submitAnswers } from '../helpers/app.ts';
import { storageFaultThenRetry, submissionsStored } from './storage-faults.ts';

/**
 * Storage trouble of the SQLite file during a submission: a read-only file, a full disk, a fault
 * inside a group commit; and a busy file (another process holding the write lock, a long read in
 * another connection) only delays submissions. SQLite only: these are the file's own faults, its
 * write lock and the group commit (PostgreSQL's faults: faults.test.ts).
 */

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
