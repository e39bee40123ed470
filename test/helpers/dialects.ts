import path from 'node:path';
import { after, before } from 'node:test';
import type { SQL } from 'drizzle-orm';
import { openDatabase } from '../../server/db/connection.ts';
import type { Database } from '../../server/db/database.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { tempDir } from './app.ts';
import { usePostgresTestDatabase } from './postgres.ts';

/** Every dialect the storage layer runs on; storage tests run once for each. */
export const dialects = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof dialects)[number];

/**
 * Call in a `describe`: before its tests a fresh database of `dialect` with the migrations applied
 * (a temporary SQLite file, or a database of its own on the PostgreSQL test server); closed and
 * removed after them.
 */
export function useTestDatabase(dialect: Dialect): { readonly database: Database } {
  if (dialect === 'postgres') {
    const postgres = usePostgresTestDatabase();
    return {
      get database(): Database {
        return { dialect, db: postgres.db };
      },
    };
  }
  let database: Database | undefined;
  before(() => {
    database = { dialect, db: openDatabase(path.join(tempDir(), 'test.sqlite')) };
  });
  after(() => {
    if (database?.dialect === 'sqlite') database.db.$client.close();
  });
  return {
    get database(): Database {
      if (!database) throw new Error('the test database is made in before(): use it inside a test');
      return database;
    },
  };
}

/** An account to hang rows on that reference users (sessions, audit entries), on either dialect. */
export async function insertUser(database: Database, username: string): Promise<number> {
  const user = { username, passwordHash: 'x', role: 'researcher' as const, createdAt: new Date(0) };
  if (database.dialect === 'postgres') {
    const [row] = await database.db.insert(pgSchema.users).values(user).returning({ id: pgSchema.users.id });
    return row!.id;
  }
  return database.db.insert(sqliteSchema.users).values(user).returning({ id: sqliteSchema.users.id }).get().id;
}

/** The number a `SELECT count(*) AS n ...` query answers, on either dialect (for checks of what is stored). */
export async function countOf(database: Database, query: SQL): Promise<number> {
  const row = database.dialect === 'postgres' ? (await database.db.execute<{ n: string }>(query)).rows[0] : database.db.get<{ n: number }>(query);
  return Number(row?.n);
}
