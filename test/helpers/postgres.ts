import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import pg from 'pg';
import type { PostgresConfig } from '../../server/config.ts';
import { openPostgres, type PgDb } from '../../server/db/postgres.ts';

/**
 * The PostgreSQL server the tests use: `PG_TEST_URL` (a URL whose user may create databases), or
 * the local one `.ci/run` makes sure of. Each test file gets a database of its own on it.
 */
export const postgresTestUrl = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const prefix = 'wavepanel_test_';
/** A test database older than this was left by a run that was killed; the next run drops it. */
const staleAfterMs = 60 * 60 * 1000;

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`The PostgreSQL tests need a server at ${postgresTestUrl} (set PG_TEST_URL, or run .ci/run): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops what killed runs left: old databases whose test process is gone (a live one may still be using its database). */
async function dropStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
  for (const { datname } of rows) {
    const [createdAt, pid] = datname.slice(prefix.length).split('_').map(Number);
    if (Date.now() - createdAt! > staleAfterMs && !processAlive(pid!)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

/** Settings for a database of its own, made empty on the test server; `drop` removes it (and ends its connections). */
export async function createPostgresTestDatabase(): Promise<{ settings: PostgresConfig; drop: () => Promise<void> }> {
  const name = `${prefix}${Date.now()}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await asAdmin(async (client) => {
    await dropStaleDatabases(client);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(postgresTestUrl);
  url.pathname = `/${name}`;
  return {
    settings: { url: url.toString(), poolMax: 4, idleTimeoutMs: 1000, connectTimeoutMs: 10_000 },
    drop: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export interface PostgresTestDatabase {
  /** The connection settings of this file's database. */
  readonly settings: PostgresConfig;
  /** A pool on it with the migrations applied (opened before the first test, ended after the last). */
  readonly db: PgDb;
}

/**
 * Call in a `describe` (or at the top of a test file): before its tests a fresh, uniquely named
 * database is created and migrated; after them it is dropped.
 */
export function usePostgresTestDatabase(): PostgresTestDatabase {
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>> | undefined;
  let db: PgDb | undefined;
  before(async () => {
    database = await createPostgresTestDatabase();
    db = await openPostgres(database.settings);
  });
  after(async () => {
    await db?.$client.end();
    await database?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the PostgreSQL test database is made in before(): use it inside a test');
    return value;
  };
  return {
    get settings() {
      return ready(database).settings;
    },
    get db() {
      return ready(db);
    },
  };
}
