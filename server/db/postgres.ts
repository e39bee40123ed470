import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { projectRoot, type PostgresConfig } from '../config.ts';
import * as schema from './schema.pg.ts';

export type PgDb = NodePgDatabase<typeof schema> & {
  $client: pg.Pool;
  /**
   * The name a hot query is prepared under (drizzle's `prepare`, pg's query `name`): `name` with
   * named statements on (`PostgresConfig.namedStatements`), else '', the protocol's unnamed statement.
   * Names are unique in the process: one name, one query text.
   */
  $statementName: (name: string) => string;
};

export const pgMigrationsDir = path.join(projectRoot, 'migrations', 'pg');

/** Any number the installation agrees on; every wavepanel process migrating this database takes this lock. */
const migrationLock = 0x77617665;

/**
 * Applies the migrations in `migrationsFolder` that the database lacks, bookkept in drizzle's own
 * table (`drizzle.__drizzle_migrations`, as drizzle's node-postgres migrator and drizzle-kit keep
 * it). Everything happens in one transaction under a transaction-level advisory lock: a second
 * process starting at the same moment waits, then finds the migrations applied. drizzle's migrator
 * itself cannot be used for this: it reads what is applied before opening its own transaction, so
 * the lock would have to be a session lock, which PgBouncer in transaction mode hands to another
 * client's connection (and then never releases).
 */
export async function migratePostgres(pool: pg.Pool, migrationsFolder: string = pgMigrationsDir): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await client.query('CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)');
    const applied = await client.query<{ created_at: string }>('SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1');
    const last = Number(applied.rows[0]?.created_at ?? -Infinity);
    for (const migration of migrations.filter((m) => m.folderMillis > last)) {
      for (const statement of migration.sql) if (statement.trim()) await client.query(statement);
      await client.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [migration.hash, migration.folderMillis]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  migrationsDir?: string;
}

/**
 * A pool of connections to the PostgreSQL database in `settings.url`, with the schema brought up to
 * date. Nothing is set per session (no SET, LISTEN or session advisory lock), so the pool works
 * behind PgBouncer in transaction mode; queries go as parameterised statements (the extended
 * protocol), which PgBouncer passes in that mode, unnamed unless `namedStatements` is set (PgBouncer
 * 1.21 or later with `max_prepared_statements` passes those too).
 */
export async function openPostgres(settings: PostgresConfig, options: PostgresOptions = {}): Promise<PgDb> {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolMax,
    idleTimeoutMillis: settings.idleTimeoutMs,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: 'wavepanel',
  });
  // An idle connection the server dropped (a restart, a failover) is removed from the pool by pg;
  // without a listener its error event would end the process. The next query opens a new one.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool, options.migrationsDir);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const statementName = (name: string) => (settings.namedStatements ? name : '');
  return Object.assign(drizzle(pool, { schema }), { $statementName: statementName }) as PgDb;
}
