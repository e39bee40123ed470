import type { Config } from '../config.ts';
import { openDatabase, type Db } from './connection.ts';
import { openPostgres, type PgDb } from './postgres.ts';

/** The database `DATABASE_URL` chose, with its schema up to date: PostgreSQL for a postgres:// URL, the SQLite file otherwise. */
export type Database = { dialect: 'sqlite'; db: Db } | { dialect: 'postgres'; db: PgDb };

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.postgres) return { dialect: 'postgres', db: await openPostgres(config.postgres) };
  return { dialect: 'sqlite', db: openDatabase(config.databasePath, { syncMode: config.syncMode }) };
}

export async function closeDatabase(database: Database): Promise<void> {
  if (database.dialect === 'postgres') await database.db.$client.end();
  else database.db.$client.close();
}
