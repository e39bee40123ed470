import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { dumpPostgres } from './postgres-backup.ts';

export interface BackupResult {
  file: string;
  bytes: number;
}

/**
 * A consistent copy of the live database, recorded in the audit log: on PostgreSQL a `pg_dump`
 * of the database at `postgresUrl` (server/backup/postgres-backup.ts), on SQLite the file's copy
 * below. An existing file is never overwritten.
 */
export async function backupDatabase({ database, postgresUrl, now, actor, target }: { database: Database; postgresUrl?: string; now: () => Date; actor: Actor; target: string }): Promise<BackupResult> {
  const result = database.dialect === 'postgres' ? await dumpPostgres({ url: postgresUrl!, target }) : copySqlite(database.db, target);
  await recordAudit({ database, now, ...actor, action: 'backup', detail: { bytes: result.bytes } });
  return result;
}

/**
 * A consistent copy of a live SQLite database: `VACUUM INTO` reads one snapshot (a single read
 * transaction, which in WAL mode never blocks the server's writes, nor restarts when they come),
 * and writes it compacted to a new file. The copy is written beside the target under a temporary
 * name, checked with `PRAGMA integrity_check`, and only then renamed into place, so a half-written
 * copy never carries the target's name.
 */
function copySqlite(db: Db, target: string): BackupResult {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  try {
    db.$client.prepare('VACUUM INTO ?').run(partial);
    const copy = new SqliteDatabase(partial);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { file, bytes: fs.statSync(file).size };
}
