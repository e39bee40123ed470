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

/**
 * The server's goodbye on a connection it ended (an administrator's `pg_terminate_backend`, a
 * shutdown, a crash; SQLSTATE 57P01-57P03): to a statement sent after it, or to one it stopped and
 * rolled back.
 */
const endedByTheServer = (error: unknown) => /^57P0[123]$/.test(String((error as { code?: unknown }).code));

/**
 * The server may end a pooled connection while it sits idle (`pg_terminate_backend`, a restart,
 * PgBouncer's `server_idle_timeout`); pg drops it from the pool once its goodbye is read, but a
 * request that took the connection just before that would fail on it. So:
 * - `pool.query` (every statement outside a transaction goes through it) runs a statement again on
 *   another connection when it was the first on a connection taken from the idle ones and the
 *   server answered it with its goodbye: the statement did not run. A connection that ends without
 *   a goodbye (a network cut) is not retried: the statement may have run; the client retries (503).
 * - `pool.connect` (transactions) first checks a connection taken from the idle ones with an empty
 *   statement, one round trip, and takes another when the server has ended it: drizzle sends BEGIN
 *   outside its try, so a failed BEGIN would also never give the connection back to the pool.
 * The attempts end at a newly opened connection.
 */
function surviveEndedIdleConnections(pool: pg.Pool): void {
  const used = new WeakSet<pg.PoolClient>();
  pool.on('release', (_error, client) => used.add(client));
  const take = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  type QueryArguments = Parameters<pg.PoolClient['query']>;
  const queryOnce = async (args: QueryArguments): Promise<{ result: unknown } | { retry: true }> => {
    const client = await take();
    const wasIdle = used.has(client);
    let failure: Error | undefined;
    try {
      return { result: await (client.query as (...a: QueryArguments) => Promise<unknown>)(...args) };
    } catch (error) {
      failure = error as Error;
      if (wasIdle && endedByTheServer(error)) return { retry: true };
      throw error;
    } finally {
      // As pg's own pool.query: a connection whose statement failed is closed, not reused.
      client.release(failure);
    }
  };
  const query = async (...args: QueryArguments) => {
    for (;;) {
      const attempt = await queryOnce(args);
      if ('result' in attempt) return attempt.result;
    }
  };
  const connect = async () => {
    for (;;) {
      const client = await take();
      if (!used.has(client)) return client;
      try {
        await client.query('');
        return client;
      } catch (error) {
        client.release(error as Error);
        if (!endedByTheServer(error)) throw error;
      }
    }
  };
  pool.query = query as typeof pool.query;
  pool.connect = connect as typeof pool.connect;
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
  // A connection dropped while checked out (mid-transaction) fails its query, which answers 503,
  // and is then removed on release; its error event, with nobody listening, would end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  surviveEndedIdleConnections(pool);
  try {
    await migratePostgres(pool, options.migrationsDir);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const statementName = (name: string) => (settings.namedStatements ? name : '');
  return Object.assign(drizzle(pool, { schema }), { $statementName: statementName }) as PgDb;
}
