import Sqlite from 'better-sqlite3';
import { DrizzleQueryError } from 'drizzle-orm';
import pg from 'pg';

/**
 * The database driver's own error behind drizzle's wrapper, else the error itself: drizzle's
 * message and fields carry the failed query with its parameters (answers, token hashes,
 * pseudonyms), the driver's message does not.
 */
export function driverError(error: Error): Error {
  return error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
}

/**
 * One line for an operator about a failed database call (SQLite's result code or PostgreSQL's
 * SQLSTATE, and the driver's message; never the query, its parameters or PostgreSQL's `detail`,
 * which may hold a key's value); undefined for an error that did not come from the database.
 */
export function describeDatabaseError(error: unknown): string | undefined {
  if (!(error instanceof DrizzleQueryError || error instanceof pg.DatabaseError || error instanceof Sqlite.SqliteError)) return undefined;
  const failure = driverError(error);
  const code = (failure as { code?: unknown }).code;
  return typeof code === 'string' ? `database error ${code}: ${failure.message}` : `database error: ${failure.message}`;
}
