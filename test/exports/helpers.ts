import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { projectRoot, type Config } from '../../server/config.ts';
import { openDatabase, type Db } from '../../server/db/connection.ts';
import { closeDatabase, type Database } from '../../server/db/database.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { loadStudyDefinitions, type StudyDefinitions } from '../../server/studies/study-registry.ts';
import { loadSurveyRegistry } from '../../server/surveys/registry.ts';
import { defaultTestDialect, queryRows } from '../helpers/app.ts';
import { createPostgresTestDatabase } from '../helpers/postgres.ts';

/** A fresh database file in its own temporary folder, removed by `cleanup`. */
export function tempDatabase(): { db: Db; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-exports-'));
  const db = openDatabase(path.join(dir, 'test.sqlite'));
  return {
    db,
    dir,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  database: Database;
  /** A temporary folder of the test's own, for the files it writes. */
  dir: string;
  /** Where the database is, as configuration for a command run on it (`commandContext`). */
  config: Pick<Config, 'databasePath' | 'postgres'>;
  close: () => Promise<void>;
}

/**
 * A fresh database of the test run's dialect (`WAVEPANEL_TEST_DIALECT`) with the migrations
 * applied: a temporary SQLite file, or a database of its own on the PostgreSQL test server;
 * `close` removes it and the folder.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (defaultTestDialect === 'sqlite') {
    const { db, dir, cleanup } = tempDatabase();
    return { database: { dialect: 'sqlite', db }, dir, config: { databasePath: path.join(dir, 'test.sqlite'), postgres: null }, close: async () => cleanup() };
  }
  const postgres = await createPostgresTestDatabase();
  const database: Database = { dialect: 'postgres', db: await openPostgres(postgres.settings) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-exports-'));
  return {
    database,
    dir,
    config: { databasePath: path.join(dir, 'unused.sqlite'), postgres: postgres.settings },
    close: async () => {
      await closeDatabase(database);
      await postgres.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The export rows of the audit log, oldest first, on either dialect. */
export function exportAudits(database: Database): Promise<{ userId: number | null; studyId: string | null; detail: string }[]> {
  return queryRows({ database }, 'SELECT user_id AS "userId", study_id AS "studyId", detail FROM audit_log WHERE action = ? ORDER BY id', ['export']);
}

/** The SQLite file as the `database` the read side reads and the audit log is kept in. */
export function onSqlite(db: Db): { database: Database } {
  return { database: { dialect: 'sqlite', db } };
}

/** A Writable that keeps what is written, for looking at an export as text. */
export function collector(): { out: Writable; text: () => string; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

let bundled: StudyDefinitions | undefined;

/** The study definitions that ship in `studies/` (EAA and the others), read once. */
export function bundledDefinitions(): StudyDefinitions {
  bundled ??= loadStudyDefinitions(path.join(projectRoot, 'studies'), loadSurveyRegistry(path.join(projectRoot, 'surveys'), path.join(projectRoot, 'locales')));
  return bundled;
}
