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
  migrationsDir?: string;
}

export const defaultMigrationsDir = path.join(projectRoot, 'migrations');

/** Opens (and creates) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  sqlite.pragma('journal_mode = WAL');
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
