import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { closeDatabase, type Database } from '../../server/db/database.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { tempDir } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { createPostgresTestDatabase } from '../helpers/postgres.ts';

/**
 * A command that fails in the database says so in one line: drizzle's error carries the failed
 * query with its parameters (token hashes, pseudonyms), which must not reach a terminal or a log.
 */

/** Makes the database refuse every new participant, as a failing constraint would. */
async function refuseParticipants(database: Database): Promise<void> {
  if (database.dialect === 'sqlite') {
    database.db.$client.exec("CREATE TRIGGER refuse_participant BEFORE INSERT ON participants BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    return;
  }
  await database.db.$client.query("CREATE FUNCTION refuse_participant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $$");
  await database.db.$client.query('CREATE TRIGGER refuse_participant BEFORE INSERT ON participants FOR EACH ROW EXECUTE FUNCTION refuse_participant()');
}

for (const dialect of dialects) {
  describe(`npx wavepanel on ${dialect}, when the database refuses a write`, () => {
    const dir = tempDir();
    let url = path.join(dir, 'db.sqlite');
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      let database: Database;
      if (dialect === 'postgres') {
        const postgres = await createPostgresTestDatabase();
        drop = postgres.drop;
        url = postgres.settings.url;
        database = { dialect, db: await openPostgres(postgres.settings) };
      } else {
        database = { dialect, db: openDatabase(url) };
      }
      await studiesRepositoryFor(database).insertStudy({ id: 'refusing', name: 'Refusing', kind: 'panel', createdAt: new Date() });
      await refuseParticipants(database);
      await closeDatabase(database);
    });
    after(async () => {
      await drop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("prints the database's reason in one line, without the query or its parameters, and exits 1", () => {
      const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'wavepanel.mjs'), 'tokens', 'create', '--study', 'refusing', '--count', '2'], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: url, WAVEPANEL_SECRET_FILE: path.join(dir, 'secret') },
        encoding: 'utf8',
      });
      assert.equal(result.status, 1);
      assert.equal(result.stdout, '', 'no token was handed out');
      assert.match(result.stderr, /^wavepanel tokens: database error (SQLITE_CONSTRAINT_TRIGGER|23514): refused by the test\n$/);
    });
  });
}
