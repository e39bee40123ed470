import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { projectRoot } from '../../server/config.ts';
import { createTestApp, seedMiniStudies, sqliteOf, startSession, submitAnswers, tempDir } from '../helpers/app.ts';
import { closeServices, openServerServices, serverEnv, serverFilesIn } from '../helpers/server-process.ts';

/**
 * What the SQLite file holds and who may read it; what the backup of a SQLite file refuses. SQLite
 * only: these are checks of the file (PostgreSQL keeps no file of ours; test/security/privacy.test.ts
 * checks what its tables hold, test/storage/postgres-backup.test.ts its backup).
 */

function wavepanel(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function fileBytes(file: string): Buffer {
  return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
}

describe('withdrawn answers leave the database files', () => {
  it('a withdrawn free-text answer is in neither the database file nor its WAL, while running and after a stop', async () => {
    const t = await createTestApp();
    const file = t.config.databasePath;
    try {
      const [token] = (await seedMiniStudies(t.services, 1)).tokens as [string];
      const remark = `WithdrawnRemark-${process.pid}-${Date.now()}`;
      const session = (await startSession(t.app, { token })).body;
      // Several saves, so that the WAL holds several copies of the page.
      for (let i = 0; i < 5; i++) assert.equal((await submitAnswers(t.app, session, { pageNo: 2, answers: { consent: true, remarks: `${remark} ${i}` } })).status, 200);
      sqliteOf(t.services).$client.pragma('wal_checkpoint(PASSIVE)');
      const before = Buffer.concat([fileBytes(file), fileBytes(`${file}-wal`)]);
      assert.ok(before.includes(remark), 'the answer was stored (the search can find it)');

      const withdrawn = await t.app.inject({ method: 'POST', url: '/api/respondent/withdrawal', payload: { token, locale: 'nl' } });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.ok(!fileBytes(file).includes(remark), 'the database file still holds the withdrawn answer');
      assert.ok(!fileBytes(`${file}-wal`).includes(remark), 'the WAL still holds the withdrawn answer');
    } finally {
      await t.app.close();
    }
    assert.ok(!fileBytes(file).includes('WithdrawnRemark-'), 'after a stop, the database file holds the withdrawn answer');
    assert.ok(!fileBytes(`${file}-wal`).includes('WithdrawnRemark-'), 'after a stop, the WAL holds the withdrawn answer');
  });
});

describe('database files are private', () => {
  it('a new database and its WAL are readable by their owner only (0600)', async () => {
    const files = serverFilesIn(tempDir());
    const previous = process.umask(0o022);
    try {
      const services = await openServerServices(files);
      try {
        await seedMiniStudies(services, 1);
        for (const file of [files.databasePath, `${files.databasePath}-wal`, files.secretPath]) {
          assert.equal(fs.statSync(file).mode & 0o777, 0o600, `${path.basename(file)} has mode ${(fs.statSync(file).mode & 0o777).toString(8)}`);
        }
      } finally {
        await closeServices(services);
      }
    } finally {
      process.umask(previous);
    }
  });
});

describe('backup refuses what is not a wavepanel database', () => {
  it('a mistyped database path is refused, and neither a database nor a copy is created', () => {
    const dir = tempDir();
    const files = serverFilesIn(dir);
    const typo = path.join(dir, 'sever.sqlite');
    const target = path.join(dir, 'copy.sqlite');
    const result = wavepanel(['backup', target], serverEnv(files, { DATABASE_URL: typo }));
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /backup refused: there is no database at .*sever\.sqlite/);
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing was created');
  });

  it('a file without the wavepanel schema is refused', () => {
    const dir = tempDir();
    const other = path.join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const target = path.join(dir, 'copy.sqlite');
    const result = wavepanel(['backup', target], serverEnv(serverFilesIn(dir), { DATABASE_URL: other }));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /is not a wavepanel database/);
    assert.ok(!fs.existsSync(target));
  });

  it('a backup is written to the audit log', async () => {
    const dir = tempDir();
    const files = serverFilesIn(dir);
    await closeServices(await openServerServices(files));
    const result = wavepanel(['backup', path.join(dir, 'copy.sqlite')], serverEnv(files));
    assert.equal(result.status, 0, result.stderr);
    const db = new Database(files.databasePath, { readonly: true });
    try {
      const rows = db.prepare("SELECT user_id AS userId, detail FROM audit_log WHERE action = 'backup'").all() as { userId: number | null; detail: string }[];
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.userId, null);
      assert.equal(JSON.parse(rows[0]!.detail).via, 'cli');
    } finally {
      db.close();
    }
  });
});
