import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { dumpPostgres, restorePostgres, RestoreRefused } from '../../server/backup/postgres-backup.ts';
import { migrateToPostgres } from '../../server/db/migrate-to-postgres.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import { createTestApp, seedMiniStudies, sqliteOf, tempDir, type TestApp } from '../helpers/app.ts';
import { createPostgresTestDatabase } from '../helpers/postgres.ts';

describe('PostgreSQL backup and restore (pg_dump, pg_restore)', () => {
  let t: TestApp;
  const dir = tempDir();
  const file = path.join(dir, 'wavepanel.pgdump');
  let source: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let dumped: { bytes: number };
  before(async () => {
    t = await createTestApp({ dialect: 'sqlite' });
    await seedMiniStudies(t.services, 4);
    source = await createPostgresTestDatabase();
    const db = await openPostgres(source.settings);
    await migrateToPostgres({ source: sqliteOf(t.services), target: db });
    await db.$client.end();
    dumped = await dumpPostgres({ url: source.settings.url, target: file });
  });
  after(async () => {
    await t.close();
    await source.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a dump restored into a new database holds the same rows, and new rows get new ids there', async () => {
    assert.ok(dumped.bytes > 0);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const copy = await createPostgresTestDatabase();
    try {
      await restorePostgres({ url: copy.settings.url, source: file });
      const db = await openPostgres(copy.settings);
      try {
        const participants = await db.select().from(pgSchema.participants).orderBy(pgSchema.participants.id);
        assert.deepEqual(participants.map((p) => p.pseudonym), ['P1', 'P2', 'P3', 'P4']);
        const [next] = await db.insert(pgSchema.participants).values({ studyId: 'mini-panel', pseudonym: 'P5', tokenHash: 'h5', createdAt: new Date() }).returning();
        assert.equal(next!.id, participants.at(-1)!.id + 1);
      } finally {
        await db.$client.end();
      }
    } finally {
      await copy.drop();
    }
  });

  it('never overwrites a file, and refuses to restore into a database that holds tables', async () => {
    await assert.rejects(dumpPostgres({ url: source.settings.url, target: file }), /already exists/);
    const db = await openPostgres(source.settings);
    try {
      const before = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM participants`);
      await assert.rejects(restorePostgres({ url: source.settings.url, source: file }), RestoreRefused);
      assert.deepEqual((await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM participants`)).rows, before.rows);
    } finally {
      await db.$client.end();
    }
  });
});
