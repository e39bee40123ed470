import type { Config } from '../config.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { NotAWavepanelDatabase, openDatabase } from '../db/connection.ts';
import { backupDatabase } from './backup.service.ts';

/**
 * `wavepanel backup FILE`: a consistent copy of the database while the server keeps running,
 * recorded in the audit log. A database path that does not exist or does not hold a wavepanel
 * database is refused (a mistyped DATABASE_URL must not create an empty database and back it up).
 * The token secret (`WAVEPANEL_SECRET_FILE`) is not in the database and must be kept separately:
 * a restore needs both.
 */
export async function run(args: string[], config: Config): Promise<number> {
  const [target, ...rest] = args;
  if (!target || rest.length > 0 || target.startsWith('-')) {
    process.stderr.write('usage: wavepanel backup FILE\n');
    return 2;
  }
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(config.databasePath, { syncMode: config.syncMode, existing: true });
  } catch (error) {
    if (!(error instanceof NotAWavepanelDatabase)) throw error;
    process.stderr.write(`backup refused: ${error.message}\n`);
    return 1;
  }
  try {
    const { file, bytes } = backupDatabase({ source: db.$client, target });
    recordAudit({ db, now: () => new Date(), userId: null, action: 'backup', detail: { via: 'cli', bytes } });
    process.stdout.write(`backup written to ${file} (${bytes} bytes); keep the secret file ${config.secretPath} safe separately\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`backup failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    db.$client.close();
  }
}
