import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { describePostgresUrl, loadConfig, projectRoot } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { migratePostgres, openPostgres, pgMigrationsDir } from '../../server/db/postgres.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import { responsesRepositoryFor } from '../../server/responses/responses.repository.pg.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { createTestApp, seedMiniStudies, startSession, tempDir } from '../helpers/app.ts';
import { createPostgresTestDatabase, usePostgresTestDatabase } from '../helpers/postgres.ts';
import { closeServices, openServerServices, serverFilesIn, startServerProcess } from '../helpers/server-process.ts';

describe('DATABASE_URL chooses the database', () => {
  it('a postgres:// or postgresql:// URL chooses PostgreSQL, with the pool settings', () => {
    for (const url of ['postgres://wp:secret@db.example:5432/wavepanel', 'postgresql://wp@db.example/wavepanel']) {
      assert.equal(loadConfig({ DATABASE_URL: url }).postgres?.url, url);
    }
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://db/wp' }).postgres, { url: 'postgres://db/wp', poolMax: 10, idleTimeoutMs: 30_000, connectTimeoutMs: 10_000, namedStatements: false });
    const tuned = loadConfig({
      DATABASE_URL: 'postgres://db/wp',
      WAVEPANEL_PG_POOL_MAX: '40',
      WAVEPANEL_PG_IDLE_TIMEOUT_MS: '0',
      WAVEPANEL_PG_CONNECT_TIMEOUT_MS: '2500',
      WAVEPANEL_PG_NAMED_STATEMENTS: '1',
    });
    assert.deepEqual(tuned.postgres, { url: 'postgres://db/wp', poolMax: 40, idleTimeoutMs: 0, connectTimeoutMs: 2500, namedStatements: true });
  });

  it('anything else is the SQLite file, as before', () => {
    assert.equal(loadConfig({}).postgres, null);
    assert.match(loadConfig({}).databasePath, /data[/\\]wavepanel\.sqlite$/);
    assert.equal(loadConfig({ DATABASE_URL: 'file:/srv/wp.sqlite' }).databasePath, '/srv/wp.sqlite');
    assert.equal(loadConfig({ DATABASE_URL: 'file:/srv/wp.sqlite' }).postgres, null);
  });

  it('names a PostgreSQL database without its user and password', () => {
    assert.equal(describePostgresUrl('postgres://wp:s3cret@db.example:5433/wavepanel?sslmode=require'), 'postgres://db.example:5433/wavepanel');
  });
});

const tablesIn = async (pool: pg.Pool) =>
  (await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.tablename);
const pgTableNames = Object.values(pgSchema)
  .map((table) => (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')])
  .sort();

describe('opening PostgreSQL', () => {
  it('applies every migration to an empty database, with the pool sizes given', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const db = await openPostgres({ ...database.settings, poolMax: 3 });
    try {
      assert.deepEqual(await tablesIn(db.$client), pgTableNames);
      assert.equal(db.$client.options.max, 3);
      const applied = await db.$client.query('SELECT hash FROM drizzle.__drizzle_migrations');
      assert.equal(applied.rowCount, readMigrationFiles({ migrationsFolder: pgMigrationsDir }).length);
    } finally {
      await db.$client.end();
    }
  });

  it('prepares the hot queries as named statements only when told to (PgBouncer in transaction mode before 1.21 refuses them)', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const preparedAfterAFind = async (namedStatements: boolean) => {
      const db = await openPostgres({ ...database.settings, poolMax: 1, namedStatements });
      try {
        await responsesRepositoryFor({ dialect: 'postgres', db }).find('no-such-response');
        return (await db.$client.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map((row) => row.name);
      } finally {
        await db.$client.end();
      }
    };
    assert.deepEqual(await preparedAfterAFind(false), []);
    assert.deepEqual(await preparedAfterAFind(true), ['responses_by_id']);
  });

  it('servers starting at the same moment apply each migration once (the advisory lock)', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const pools = await Promise.all(Array.from({ length: 4 }, () => openPostgres(database.settings)));
    try {
      const applied = await pools[0]!.$client.query('SELECT hash FROM drizzle.__drizzle_migrations');
      assert.equal(applied.rowCount, readMigrationFiles({ migrationsFolder: pgMigrationsDir }).length);
    } finally {
      await Promise.all(pools.map((db) => db.$client.end()));
    }
  });

  it('a migration that fails leaves the database as it was', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const migrations = path.join(tempDir(), 'pg');
    fs.cpSync(pgMigrationsDir, migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    const tag = '9999_broken';
    journal.entries.push({ ...journal.entries.at(-1)!, idx: journal.entries.length, when: Date.now(), tag });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(path.join(migrations, `${tag}.sql`), 'ALTER TABLE "settings" ADD COLUMN "note" text;--> statement-breakpoint\nALTER TABLE "nonexistent" ADD COLUMN "x" text;');
    await assert.rejects(openPostgres(database.settings, { migrationsDir: migrations }), /nonexistent/);
    const pool = new pg.Pool({ connectionString: database.settings.url });
    try {
      assert.deepEqual(await tablesIn(pool), []);
      await migratePostgres(pool);
      assert.deepEqual(await tablesIn(pool), pgTableNames);
    } finally {
      await pool.end();
    }
  });
});

describe('both dialects', () => {
  const postgres = usePostgresTestDatabase();

  it('read back the same values: moments to the millisecond, booleans, JSON text byte for byte', async () => {
    const study = { id: 's1', name: 'Study', kind: 'panel' as const, pilot: true, archivedAt: null, definitionRevision: 3, createdAt: new Date('2026-03-01T09:00:00.123Z') };
    const wave = { id: 7, studyId: 's1', code: 'T0', surveyId: 'x', surveyVersion: 1, opensAt: new Date(1), closesAt: new Date(Date.UTC(2027, 0, 1, 23, 59, 59, 999)) };
    const response = {
      id: 'r1',
      studyId: 's1',
      waveId: 7,
      participantId: null,
      surveyId: 'x',
      surveyVersion: 1,
      locale: 'ti',
      channel: 'kiosk' as const,
      answers: '{"b":1, "a":"ኣ"}',
      pageNo: 2,
      variables: '{}',
      startedAt: new Date('2026-03-01T09:00:00.001Z'),
      updatedAt: new Date('2026-03-01T09:05:00.999Z'),
      completedAt: null,
      test: false,
    };
    const sqlite = openDatabase(path.join(tempDir(), 'db.sqlite'));
    sqlite.insert(sqliteSchema.studies).values(study).run();
    sqlite.insert(sqliteSchema.waves).values(wave).run();
    sqlite.insert(sqliteSchema.responses).values(response).run();
    await postgres.db.insert(pgSchema.studies).values(study);
    await postgres.db.insert(pgSchema.waves).values(wave);
    await postgres.db.insert(pgSchema.responses).values(response);

    const fromSqlite = [
      sqlite.select().from(sqliteSchema.studies).all(),
      sqlite.select().from(sqliteSchema.waves).all(),
      sqlite.select().from(sqliteSchema.responses).where(eq(sqliteSchema.responses.id, 'r1')).all(),
    ];
    const fromPostgres = [
      await postgres.db.select().from(pgSchema.studies),
      await postgres.db.select().from(pgSchema.waves),
      await postgres.db.select().from(pgSchema.responses).where(eq(pgSchema.responses.id, 'r1')),
    ];
    assert.deepEqual(fromPostgres, fromSqlite);
    assert.deepEqual(fromPostgres, [[study], [wave], [response]]);
    sqlite.$client.close();
  });
});

describe('when the PostgreSQL server ends connections', () => {
  const terminateOtherConnections = async (url: string) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      // pg_terminate_backend only signals: wait until every other backend has gone.
      while ((await admin.query('SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rowCount! > 0);
    } finally {
      await admin.end();
    }
  };

  /**
   * Ends every connection of the pool while they sit idle, with the server's goodbye not yet read
   * when the next request takes one (as when it arrives at the moment the server ends them): their
   * sockets are paused until a moment after that request has taken one.
   */
  const endIdleConnectionsUnread = async (pool: pg.Pool, url: string) => {
    const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    const sockets = clients.map((client) => (client as unknown as pg.Client).connection.stream);
    for (const socket of sockets) socket.pause();
    for (const client of clients) client.release();
    await terminateOtherConnections(url);
    pool.once('acquire', () => setTimeout(() => sockets.forEach((socket) => socket.resume()), 50));
  };

  it('a respondent request that takes an idle connection the server has just ended is served on a fresh one', async (t) => {
    const test = await createTestApp({ dialect: 'postgres' });
    t.after(test.close);
    const { tokens } = await seedMiniStudies(test.services, 2);
    await endIdleConnectionsUnread(test.services.database.db.$client as pg.Pool, test.postgres!.url);

    const session = await startSession(test.app, { token: tokens[0] });
    assert.equal(session.status, 200, JSON.stringify(session.body));
    assert.equal((await startSession(test.app, { token: tokens[1] })).status, 200);
  });

  it('a transaction that takes an idle connection the server has just ended runs on a fresh one, and no connection is lost to the pool', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const db = await openPostgres(database.settings);
    t.after(() => db.$client.end());
    await endIdleConnectionsUnread(db.$client, database.settings.url);

    const rows = await db.transaction(async (tx) => (await tx.execute<{ one: number }>(sql`SELECT 1 AS one`)).rows);
    assert.deepEqual(rows, [{ one: 1 }]);
    assert.equal(db.$client.idleCount, db.$client.totalCount, 'every connection is back in the pool');
  });

  it('a connection ended in the middle of a transaction fails that transaction, and the process goes on', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const db = await openPostgres(database.settings);
    t.after(() => db.$client.end());
    const transaction = db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      await terminateOtherConnections(database.settings.url);
      await tx.execute(sql`SELECT 1`);
    });
    await assert.rejects(transaction);
    assert.deepEqual((await db.$client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  });

  it('a request that waits for a connection longer than the connect timeout answers 503 storage_unavailable', async (t) => {
    const test = await createTestApp({ dialect: 'postgres', postgresPool: { poolMax: 1, connectTimeoutMs: 100 } });
    t.after(test.close);
    const { tokens } = await seedMiniStudies(test.services, 1);
    const busy = await (test.services.database.db.$client as pg.Pool).connect();
    try {
      const session = await startSession(test.app, { token: tokens[0] });
      assert.equal(session.status, 503);
      assert.equal(session.body.error?.code, 'storage_unavailable');
    } finally {
      busy.release();
    }
    assert.equal((await startSession(test.app, { token: tokens[0] })).status, 200);
  });
});

describe('a server that refuses to start on PostgreSQL', () => {
  it('closes its connections, which would otherwise keep the process alive until they idle out', async (t) => {
    const database = await createPostgresTestDatabase();
    t.after(database.drop);
    const files = serverFilesIn(tempDir());
    const seed = await openServerServices(files, { postgres: database.settings });
    await seedMiniStudies(seed, 1);
    await closeServices(seed);
    fs.rmSync(files.secretPath);
    await assert.rejects(openServerServices(files, { postgres: database.settings }), /token secret file .* is missing/);
    const admin = new pg.Client({ connectionString: database.settings.url });
    await admin.connect();
    try {
      // A closed connection leaves pg_stat_activity a moment after the client has gone; an open one stays for the idle timeout (30 s).
      const open = async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'wavepanel'")).rowCount;
      for (let tries = 0; tries < 50 && (await open()) !== 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await open(), 0);
    } finally {
      await admin.end();
    }
  });
});

describe('npx wavepanel on PostgreSQL', () => {
  const postgres = usePostgresTestDatabase();
  const wavepanel = (args: string[]) =>
    spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'wavepanel.mjs'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: postgres.settings.url, WAVEPANEL_SECRET_FILE: path.join(tempDir(), 'secret') },
      encoding: 'utf8',
    });

  it('migrate brings the database up to date and names it without a password', () => {
    const result = wavepanel(['migrate']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), `database ${describePostgresUrl(postgres.settings.url)} is up to date`);
  });

  it('the researcher commands work on it: user add writes the account there', async () => {
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'wavepanel.mjs'), 'user', 'add', '--username', 'ada', '--role', 'admin'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: postgres.settings.url, WAVEPANEL_SECRET_FILE: path.join(tempDir(), 'secret') },
      input: 'a long enough password\n',
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual((await postgres.db.$client.query('SELECT username, role FROM users')).rows, [{ username: 'ada', role: 'admin' }]);
  });

  it('migrate-to-postgres, which copies a SQLite file, refuses in one line instead of using a file nobody chose', () => {
    const result = wavepanel(['migrate-to-postgres', postgres.settings.url]);
    assert.equal(result.status, 1);
    assert.match(result.stderr.trim(), /^wavepanel migrate-to-postgres does not run with a PostgreSQL DATABASE_URL: it copies the SQLite database/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  it('serve starts on it, opens no SQLite file, and a respondent starts there', async () => {
    const dir = tempDir();
    const files = serverFilesIn(dir);
    const seed = await openServerServices(files, { postgres: postgres.settings });
    const { tokens } = await seedMiniStudies(seed, 1);
    await closeServices(seed);
    const server = await startServerProcess(files, { DATABASE_URL: postgres.settings.url });
    try {
      const res = await fetch(`${server.url}/api/respondent/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens[0], locale: 'nl', channel: 'web' }) });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(((await res.json()) as { waveCode: string }).waveCode, 'W0');
    } finally {
      await server.stop();
    }
    assert.equal(fs.existsSync(files.databasePath), false, 'no SQLite file was made');
  });
});
