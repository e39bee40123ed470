import { createHash } from 'node:crypto';
import { asc, getTableColumns, getTableName, is, sql, Table, type Column } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.ts';
import type { PgDb } from './postgres.ts';
import * as pgSchema from './schema.pg.ts';
import * as sqliteSchema from './schema.ts';

/** What was copied of one table, and the fingerprint both databases agreed on. */
export interface CopiedTable {
  table: string;
  rows: number;
  sha256: string;
}

export class MigrationRefused extends Error {}

/** Rows read and written per statement: far under PostgreSQL's 65,535 parameters for the widest table. */
const chunkRows = 500;

/** The tables a schema module exports, by name. */
function tablesOf<T extends Table>(schema: Record<string, unknown>): Map<string, T> {
  return new Map(
    Object.values(schema)
      .filter((value): value is T => is(value, Table))
      .map((table) => [getTableName(table), table]),
  );
}

/** The tables in an order where every table comes after the tables its foreign keys point to. */
function inDependencyOrder(tables: Map<string, SQLiteTable>): string[] {
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' -> ')}`);
    for (const key of sqliteTableConfig(tables.get(name)!).foreignKeys) visit(getTableName(key.reference().foreignTable), [...path, name]);
    ordered.push(name);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return ordered;
}

/** One value in a form both dialects' drivers give back alike: a moment as epoch milliseconds. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value ?? null;
}

/** A fingerprint of rows as the application reads them (column by column, in key order). */
class RowsFingerprint {
  private readonly hash = createHash('sha256');
  rows = 0;
  constructor(private readonly keys: string[]) {}
  add(rows: Record<string, unknown>[]): void {
    for (const row of rows) this.hash.update(`${JSON.stringify(this.keys.map((key) => comparable(row[key])))}\n`);
    this.rows += rows.length;
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

function primaryKeyColumns(columns: Column[], primaryKeys: { columns: Column[] }[]): Column[] {
  const own = columns.filter((column) => column.primary);
  return own.length > 0 ? own : (primaryKeys[0]?.columns ?? columns);
}

/**
 * Copies every table of the SQLite database into an empty PostgreSQL database of the same schema
 * version, in one PostgreSQL transaction: rows are written as the application reads them (ids
 * kept, identity sequences moved past them), then read back from PostgreSQL and compared with the
 * SQLite rows table by table, count and SHA-256 over every column. Any difference rolls the whole
 * copy back, so the target is either a complete, checked copy or left as it was.
 */
export async function migrateToPostgres({ source, target }: { source: Db; target: PgDb }): Promise<CopiedTable[]> {
  const sqliteTables = tablesOf<SQLiteTable>(sqliteSchema);
  const pgTables = tablesOf<PgTable>(pgSchema);
  const missing = [...sqliteTables.keys()].filter((name) => !pgTables.has(name));
  if (missing.length > 0) throw new Error(`the PostgreSQL schema lacks ${missing.join(', ')}`);

  return target.transaction(async (tx) => {
    for (const name of pgTables.keys()) {
      const { rows } = await tx.execute<{ n: string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`);
      if (Number(rows[0]!.n) > 0) throw new MigrationRefused(`the PostgreSQL database is not empty (table ${name} has rows); migrate into a new, empty database`);
    }
    const copied: CopiedTable[] = [];
    for (const name of inDependencyOrder(sqliteTables)) {
      const from = sqliteTables.get(name)!;
      const to = pgTables.get(name)!;
      const fromConfig = sqliteTableConfig(from);
      const toConfig = pgTableConfig(to);
      const columnKeys = Object.keys(getTableColumns(from)).sort();
      const fromOrder = primaryKeyColumns(fromConfig.columns, fromConfig.primaryKeys).map((column) => asc(column));
      const toOrder = primaryKeyColumns(toConfig.columns, toConfig.primaryKeys).map((column) => asc(column));

      const written = new RowsFingerprint(columnKeys);
      for (let offset = 0; ; offset += chunkRows) {
        const rows = source.select().from(from).orderBy(...fromOrder).limit(chunkRows).offset(offset).all() as Record<string, unknown>[];
        if (rows.length === 0) break;
        await tx.insert(to).values(rows as never);
        written.add(rows);
      }
      const identity = toConfig.columns.find((column) => (column as { generatedIdentity?: unknown }).generatedIdentity);
      if (identity && written.rows > 0) {
        await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${name}, ${identity.name}), (SELECT max(${sql.identifier(identity.name)}) FROM ${sql.identifier(name)}))`);
      }

      const readBack = new RowsFingerprint(columnKeys);
      for (let offset = 0; ; offset += chunkRows) {
        const rows = (await tx.select().from(to).orderBy(...toOrder).limit(chunkRows).offset(offset)) as Record<string, unknown>[];
        if (rows.length === 0) break;
        readBack.add(rows);
      }
      const sha256 = written.digest();
      const check = readBack.digest();
      if (readBack.rows !== written.rows || check !== sha256) {
        throw new Error(`table ${name} differs after the copy: ${written.rows} rows (sha256 ${sha256}) written, ${readBack.rows} (sha256 ${check}) read back; nothing was kept`);
      }
      copied.push({ table: name, rows: written.rows, sha256 });
    }
    return copied;
  });
}
