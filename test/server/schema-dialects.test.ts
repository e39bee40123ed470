import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { getTableName, is, type SQL } from 'drizzle-orm';
import { index as pgIndex, getTableConfig as pgTableConfig, integer as pgInteger, PgDialect, pgTable, PgTable, text as pgText } from 'drizzle-orm/pg-core';
import {
  getTableConfig as sqliteTableConfig,
  index as sqliteIndex,
  integer as sqliteInteger,
  SQLiteSyncDialect,
  SQLiteTable,
  sqliteTable,
  text as sqliteText,
} from 'drizzle-orm/sqlite-core';
import sqliteKitConfig from '../../drizzle.config.ts';
import pgKitConfig from '../../drizzle.pg.config.ts';
import { projectRoot } from '../../server/config.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { tempDir } from '../helpers/app.ts';

/** What a column holds, in words both dialects share; a type without a counterpart stays its own name, so it never matches. */
const kinds: Record<string, string> = {
  SQLiteText: 'text',
  PgText: 'text',
  SQLiteInteger: 'integer',
  PgInteger: 'integer',
  SQLiteBoolean: 'boolean',
  PgBoolean: 'boolean',
  SQLiteTimestamp: 'moment',
  PgTimestamp: 'moment',
  SQLiteBlobBuffer: 'bytes',
  // The one custom PostgreSQL type is `bytea` (schema.pg.ts).
  PgCustomColumn: 'bytes',
};

interface ColumnLike {
  name: string;
  columnType: string;
  notNull: boolean;
  primary: boolean;
  default: unknown;
  isUnique: boolean;
  enumValues?: string[] | undefined;
}

type TableConfig = ReturnType<typeof pgTableConfig> | ReturnType<typeof sqliteTableConfig>;

/** One table as a plain object that is the same for both dialects when the tables are. */
function describeTable(config: TableConfig, render: (where: SQL) => string) {
  const columns = (config.columns as ColumnLike[]).map((c) => ({
    name: c.name,
    kind: kinds[c.columnType] ?? c.columnType,
    notNull: c.notNull,
    primary: c.primary,
    default: c.default,
    unique: c.isUnique,
    enum: c.enumValues ?? null,
    generated: Boolean((c as { autoIncrement?: boolean }).autoIncrement ?? (c as { generatedIdentity?: unknown }).generatedIdentity),
  }));
  const indexes = config.indexes.map(({ config: index }) => ({
    name: index.name ?? '',
    columns: index.columns.map((c) => (c as { name: string }).name),
    unique: index.unique,
    where: index.where ? render(index.where) : null,
  }));
  const foreignKeys = config.foreignKeys.map((fk) => {
    const reference = fk.reference();
    return {
      name: fk.getName(),
      columns: reference.columns.map((c) => c.name),
      references: [getTableName(reference.foreignTable), reference.foreignColumns.map((c) => c.name)],
      onDelete: fk.onDelete ?? 'no action',
      onUpdate: fk.onUpdate ?? 'no action',
    };
  });
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: config.name,
    columns,
    indexes: byName(indexes),
    foreignKeys: byName(foreignKeys),
    primaryKeys: config.primaryKeys.map((pk) => ({ name: pk.getName(), columns: pk.columns.map((c) => c.name) })),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map((c) => c.name) })),
  };
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

function describeSqlite(schema: Record<string, unknown>) {
  const tables = Object.values(schema).filter((t): t is SQLiteTable => is(t, SQLiteTable));
  return tables.map((t) => describeTable(sqliteTableConfig(t), (where) => sqliteDialect.sqlToQuery(where).sql)).sort((a, b) => a.name.localeCompare(b.name));
}

function describePg(schema: Record<string, unknown>) {
  const tables = Object.values(schema).filter((t): t is PgTable => is(t, PgTable));
  return tables.map((t) => describeTable(pgTableConfig(t), (where) => pgDialect.sqlToQuery(where).sql)).sort((a, b) => a.name.localeCompare(b.name));
}

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables, columns, keys, constraints and indexes', () => {
    assert.deepEqual(describePg(pgSchema), describeSqlite(sqliteSchema));
  });

  it('differ when a column is added to one of them only, in that table', () => {
    const settingsWithExtra = pgTable('settings', { key: pgText('key').primaryKey(), value: pgText('value').notNull(), extra: pgInteger('extra') });
    const pg = describePg({ ...pgSchema, settings: settingsWithExtra });
    const sqlite = describeSqlite(sqliteSchema);
    assert.deepEqual(
      pg.filter((table, i) => !isDeepStrictEqual(table, sqlite[i])).map((table) => table.name),
      ['settings'],
    );
  });

  it('differ when a table has an index in one of them only', () => {
    const pgColumns = { id: pgInteger('id').primaryKey(), code: pgText('code').notNull() };
    const sqliteColumns = { id: sqliteInteger('id').primaryKey(), code: sqliteText('code').notNull() };
    const indexed = sqliteTable('t', sqliteColumns, (t) => [sqliteIndex('t_code').on(t.code)]);
    assert.deepEqual(describePg({ t: pgTable('t', pgColumns, (t) => [pgIndex('t_code').on(t.code)]) }), describeSqlite({ t: indexed }));
    assert.notDeepEqual(describePg({ t: pgTable('t', pgColumns) }), describeSqlite({ t: indexed }));
  });
});

const dialects = [
  { dialect: sqliteKitConfig.dialect, schema: sqliteKitConfig.schema as string, out: sqliteKitConfig.out as string },
  { dialect: pgKitConfig.dialect, schema: pgKitConfig.schema as string, out: pgKitConfig.out as string },
];

/**
 * The files drizzle-kit adds when it generates from `schema` into a copy of the checked-in
 * `migrations`. drizzle-kit prefixes `./` to an absolute --out and exits 0 when it then fails to
 * read the snapshots, so the folder is given relative to the project and its report is checked.
 */
function generatedMigrations(schema: string, migrations: string, dialect: string): string[] {
  const out = path.join(tempDir(), 'migrations');
  fs.cpSync(migrations, out, { recursive: true });
  const before = new Set(fs.readdirSync(out));
  const report = execFileSync(
    path.join(projectRoot, 'node_modules', '.bin', 'drizzle-kit'),
    ['generate', '--dialect', dialect, '--schema', schema, '--out', path.relative(projectRoot, out)],
    { cwd: projectRoot, stdio: 'pipe', encoding: 'utf8' },
  );
  assert.match(report, /No schema changes|Your SQL migration file/, `drizzle-kit did not compare: ${report}`);
  return fs.readdirSync(out).filter((name) => !before.has(name));
}

describe('the checked-in migrations', () => {
  for (const { dialect, schema, out } of dialects) {
    it(`match the ${dialect} schema (drizzle-kit generates nothing new)`, () => {
      assert.deepEqual(generatedMigrations(path.join(projectRoot, schema), path.join(projectRoot, out), dialect), [], `${schema} changed without \`npm run db:generate\``);
    });
  }

  it('do not match a schema that changed without a migration', () => {
    const { dialect, schema, out } = dialects[1]!;
    const dir = tempDir();
    // The changed copy finds drizzle-orm from its own folder.
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
    const changed = path.join(dir, 'schema.ts');
    const original = fs.readFileSync(path.join(projectRoot, schema), 'utf8');
    fs.writeFileSync(changed, original.replace("value: text('value').notNull(),", "value: text('value').notNull(),\n  changedAt: moment('changed_at'),"));
    assert.notEqual(fs.readFileSync(changed, 'utf8'), original);
    assert.equal(generatedMigrations(changed, path.join(projectRoot, out), dialect).length, 1);
  });
});
