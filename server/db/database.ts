import { sql, type Placeholder } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { openDatabase, type Db } from './connection.ts';
import { openPostgres, type PgDb } from './postgres.ts';

/** The database `DATABASE_URL` chose, with its schema up to date: PostgreSQL for a postgres:// URL, the SQLite file otherwise. */
export type Database = { dialect: 'sqlite'; db: Db } | { dialect: 'postgres'; db: PgDb };

/** `existing`: the SQLite file must already hold a wavepanel database (nothing is created at a mistyped path). */
export async function openConfiguredDatabase(config: Config, { existing = false }: { existing?: boolean } = {}): Promise<Database> {
  if (config.postgres) return { dialect: 'postgres', db: await openPostgres(config.postgres) };
  return { dialect: 'sqlite', db: openDatabase(config.databasePath, { syncMode: config.syncMode, existing }) };
}

export async function closeDatabase(database: Database): Promise<void> {
  if (database.dialect === 'postgres') await database.db.$client.end();
  else database.db.$client.close();
}

/**
 * A repository's contract with every method answering a promise: what its PostgreSQL
 * implementation provides (the SQLite implementations are becoming asynchronous the same way).
 */
export type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

/** The implementation of a repository for the database's dialect; callers await what it answers. */
export function forDialect<S, P>(database: Database, implementations: { sqlite: (deps: { db: Db }) => S; postgres: (deps: { db: PgDb }) => P }): S | P {
  return database.dialect === 'postgres' ? implementations.postgres({ db: database.db }) : implementations.sqlite({ db: database.db });
}

/** A placeholder of the same name for each column, for a statement prepared once and bound with an object of those names. */
export function placeholders<K extends string>(names: readonly K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}
