import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, getTableName, is, sql } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { migrateToPostgres, MigrationRefused } from '../../server/db/migrate-to-postgres.ts';
import type { PostgresConfig } from '../../server/config.ts';
import { openPostgres, type PgDb } from '../../server/db/postgres.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { createTestApp, seedMiniStudies, sqliteOf, startSession, submitAnswers, tempDir, type TestApp } from '../helpers/app.ts';
import { insertUser } from '../helpers/dialects.ts';
import { createPostgresTestDatabase } from '../helpers/postgres.ts';
import { closeServices, openServerServices, serverEnv, serverFilesIn, wavepanel } from '../helpers/server-process.ts';

const sqliteTables = Object.values(sqliteSchema as Record<string, unknown>).filter((value): value is SQLiteTable => is(value, SQLiteTable));

function sqliteCounts(t: TestApp): Record<string, number> {
  return Object.fromEntries(sqliteTables.map((table) => [getTableName(table), sqliteOf(t.services).select({ n: count() }).from(table).get()!.n]));
}

async function pgCounts(db: PgDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of sqliteTables) {
    const name = getTableName(table);
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`);
    counts[name] = Number(rows[0]!.n);
  }
  return counts;
}

/** A SQLite installation in use: studies, waves, participants, a completed and a half-done response, an account, a saved translation and recording. */
async function installationInUse(): Promise<TestApp> {
  const t = await createTestApp({ dialect: 'sqlite' });
  const { tokens } = await seedMiniStudies(t.services, 3);
  const done = (await startSession(t.app, { token: tokens[0] })).body;
  await submitAnswers(t.app, done, { pageNo: 1, answers: { consent: true } });
  await submitAnswers(t.app, done, { pageNo: 2, answers: { consent: true, remarks: 'tot ziens' }, complete: true });
  const halfway = (await startSession(t.app, { token: tokens[1] })).body;
  await submitAnswers(t.app, halfway, { pageNo: 1, answers: { consent: true } });
  await insertUser({ dialect: 'sqlite', db: sqliteOf(t.services) }, 'ada');
  const file = { lang: 'ti', namespace: 'mini' };
  const savedAt = t.clock.now();
  await t.services.translations.saved.saveTranslations(file, [{ key: 'consent.title', text: 'ፍቓድ', state: 'translated', source: 'a1b2c3d4e5f6a7b8', savedAt }]);
  await t.services.translations.saved.saveRecording({ ...file, savedAt, key: 'consent.title', file: 'AAAAAAAAAAAAAAAAAAAAAA.ogg', type: 'audio/ogg', source: 'a1b2c3d4e5f6a7b8', audio: Buffer.from([0x4f, 0x67, 0x67, 0x53, 0, 0xff, 0x80]) });
  return t;
}

/** Runs `work` on a new, migrated and empty PostgreSQL database, dropped afterwards. */
async function withEmptyPostgres(work: (target: { db: PgDb; settings: PostgresConfig }) => Promise<void>): Promise<void> {
  const database = await createPostgresTestDatabase();
  const db = await openPostgres(database.settings);
  try {
    await work({ db, settings: database.settings });
  } finally {
    await db.$client.end();
    await database.drop();
  }
}

describe('migrate-to-postgres', () => {
  let t: TestApp;
  before(async () => {
    t = await installationInUse();
  });
  after(async () => t.close());

  it('copies every table with its row count, and the copy reads back the same, column by column', async () => {
    await withEmptyPostgres(async (target) => {
      const copied = await migrateToPostgres({ source: sqliteOf(t.services), target: target.db });
      const counts = sqliteCounts(t);
      assert.deepEqual(await pgCounts(target.db), counts);
      assert.deepEqual(Object.fromEntries(copied.map((c) => [c.table, c.rows])), counts);
      for (const table of ['studies', 'waves', 'participants', 'responses', 'submissions', 'users']) assert.ok(counts[table]! > 0, `${table} has rows to copy`);
      const [completed] = await target.db.select().from(pgSchema.responses).where(sql`${pgSchema.responses.completedAt} IS NOT NULL`);
      const original = sqliteOf(t.services).select().from(sqliteSchema.responses).where(sql`completed_at IS NOT NULL`).get();
      assert.deepEqual(completed, original);
    });
  });

  it('moves the identity sequences past the copied ids, so the next row gets a new id', async () => {
    await withEmptyPostgres(async (target) => {
      await migrateToPostgres({ source: sqliteOf(t.services), target: target.db });
      const highest = Math.max(...sqliteOf(t.services).select({ id: sqliteSchema.participants.id }).from(sqliteSchema.participants).all().map((p) => p.id));
      const [next] = await target.db
        .insert(pgSchema.participants)
        .values({ studyId: 'mini-panel', pseudonym: 'P-new', tokenHash: 'new-hash', createdAt: new Date() })
        .returning({ id: pgSchema.participants.id });
      assert.equal(next!.id, highest + 1);
    });
  });

  it('refuses a database that already holds rows, and changes nothing in it', async () => {
    await withEmptyPostgres(async (target) => {
      await migrateToPostgres({ source: sqliteOf(t.services), target: target.db });
      const before = await pgCounts(target.db);
      await assert.rejects(migrateToPostgres({ source: sqliteOf(t.services), target: target.db }), MigrationRefused);
      assert.deepEqual(await pgCounts(target.db), before);
    });
  });

  it('keeps nothing when a table reads back different from what was written', async () => {
    await withEmptyPostgres(async (target) => {
      // A trigger that alters what is stored stands in for any difference between the copies.
      await target.db.execute(sql.raw(`CREATE FUNCTION tamper() RETURNS trigger AS $$ BEGIN NEW.pseudonym := NEW.pseudonym || '!'; RETURN NEW; END $$ LANGUAGE plpgsql`));
      await target.db.execute(sql.raw('CREATE TRIGGER tamper BEFORE INSERT ON participants FOR EACH ROW EXECUTE FUNCTION tamper()'));
      await assert.rejects(migrateToPostgres({ source: sqliteOf(t.services), target: target.db }), /table participants differs after the copy/);
      const counts = await pgCounts(target.db);
      assert.deepEqual(Object.values(counts).filter((n) => n > 0), [], 'no table keeps a row');
    });
  });

  it('runs as `wavepanel migrate-to-postgres URL` on the SQLite file DATABASE_URL names', async () => {
    const files = serverFilesIn(tempDir());
    const services = await openServerServices(files);
    await seedMiniStudies(services, 2);
    await closeServices(services);
    await withEmptyPostgres(async (target) => {
      const result = await wavepanel(['migrate-to-postgres', target.settings.url], serverEnv(files));
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /participants\s+2 rows\s+sha256 [0-9a-f]{64}/);
      assert.match(result.stdout, /every table checked/);
      assert.equal((await pgCounts(target.db)).participants, 2);
    });
  });

  it('refuses a mistyped SQLite path or a PostgreSQL database it cannot open, with a message and no stack trace', async () => {
    const files = serverFilesIn(tempDir());
    const missing = await wavepanel(['migrate-to-postgres', 'postgres://postgres@127.0.0.1:5432/postgres'], serverEnv(files));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^migrate-to-postgres refused: there is no database at .*server\.sqlite/);
    await closeServices(await openServerServices(files));
    const unreachable = await wavepanel(['migrate-to-postgres', 'postgres://postgres@127.0.0.1:5432/wavepanel_no_such_database'], serverEnv(files));
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /^migrate-to-postgres: cannot open postgres:\/\/127\.0\.0\.1:5432\/wavepanel_no_such_database: .*does not exist\n$/);
  });
});
