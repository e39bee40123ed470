/*
 * The SQLite side of the storage layer (#18). Domain code reaches the database through repositories
 * (server/<domain>/*.repository.ts, server/letters/letter-store.ts): factories taking `{ db }` whose
 * methods answer promises. A second dialect implements the same methods (same names, arguments
 * and results) plus opening and migrating here. Every write that must be whole is ONE repository
 * method, so each dialect runs it as one transaction; on SQLite that is a synchronous
 * better-sqlite3 transaction inside the promise, because drizzle does not roll back an async
 * callback (drizzle #1472/#2275). SQLite-only details stay on this side: `forgetDeletedPages`
 * after a deletion (the withdrawal repository calls it) and the group commit of
 * server/responses/write-queue.ts. test/reliability/storage-rollback.test.ts is written to run on
 * every dialect. docs/operations.md lists which repositories already have their PostgreSQL twin.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectRoot, type SyncMode } from '../config.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  syncMode?: SyncMode;
  readonly?: boolean;
  /** The file must already hold a wavepanel database: nothing is created at a mistyped path. */
  existing?: boolean;
  migrationsDir?: string;
}

/** A database file that is missing, or is not a wavepanel database; the message says which. */
export class NotAWavepanelDatabase extends Error {}

/** Tables every wavepanel database has had since its first migration. */
const coreTables = ['__drizzle_migrations', 'studies', 'participants', 'responses'];

function checkWavepanelSchema(sqlite: Database.Database, file: string): void {
  let names: Set<string>;
  try {
    names = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  } catch {
    throw new NotAWavepanelDatabase(`${file} is not a database`);
  }
  const missing = coreTables.filter((t) => !names.has(t));
  if (missing.length > 0) throw new NotAWavepanelDatabase(`${file} is not a wavepanel database (no ${missing.join(', ')} table)`);
}

export const defaultMigrationsDir = path.join(projectRoot, 'migrations');

/**
 * Opens (and creates) the SQLite file in WAL mode and brings its schema up to date. A new file is
 * created readable by its owner only (0600); SQLite gives its WAL and shared-memory files the
 * same mode. `secure_delete` overwrites deleted content with zeros, so a withdrawn answer does not
 * linger in free pages of the file (see `forgetDeletedPages` for the WAL).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (options.existing && !fs.existsSync(file)) throw new NotAWavepanelDatabase(`there is no database at ${path.resolve(file)}; check DATABASE_URL`);
  if (file !== ':memory:' && !options.readonly) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, 0o600));
  }
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (options.existing) {
    try {
      checkWavepanelSchema(sqlite, path.resolve(file));
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma(`synchronous = ${options.syncMode === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Deleted rows are overwritten, not left in free pages (destroyed letters, withdrawn answers).
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  if (!options.readonly) migrateDatabase(db, options.migrationsDir ?? defaultMigrationsDir);
  return db;
}

/**
 * After deleting what must be gone (a withdrawal): copies the WAL into the database file, where
 * `secure_delete` has zeroed the deleted content, and truncates the WAL to nothing, so no older copy of
 * a page stays behind in it. A reader in another process holding an old snapshot can stop the
 * truncation; it then happens at the next withdrawal or checkpoint.
 */
export function forgetDeletedPages(db: Db): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * drizzle-kit rebuilds a table for some changes (create new, copy, DROP TABLE old). Inside the
 * migration transaction `PRAGMA foreign_keys=OFF` is ignored, so that DROP would cascade-delete
 * child rows (responses!). Foreign keys are therefore switched off on the connection around the
 * whole migration, and checked afterwards.
 */
export function migrateDatabase(db: Db, migrationsFolder: string = defaultMigrationsDir): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(`Migration left ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 5))}`);
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
