import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';

export interface BackupResult {
  file: string;
  bytes: number;
}

/**
 * A consistent copy of a live database: `VACUUM INTO` reads one snapshot (a single read
 * transaction, which in WAL mode never blocks the server's writes, nor restarts when they come),
 * and writes it compacted to a new file. The copy is written beside the target under a temporary
 * name, checked with `PRAGMA integrity_check`, and only then renamed into place, so a half-written
 * copy never carries the target's name. An existing file is never overwritten. The copy is
 * recorded in the audit log.
 */
export async function backupDatabase({ db, now, actor, target }: { db: Db; now: () => Date; actor: Actor; target: string }): Promise<BackupResult> {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  try {
    db.$client.prepare('VACUUM INTO ?').run(partial);
    const copy = new Database(partial);
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
  const bytes = fs.statSync(file).size;
  await recordAudit({ database: { dialect: 'sqlite', db }, now, ...actor, action: 'backup', detail: { bytes } });
  return { file, bytes };
}
