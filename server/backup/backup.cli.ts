import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { backupDatabase } from './backup.service.ts';

/**
 * `wavepanel backup FILE`: a consistent copy of the database while the server keeps running.
 * The token secret (`WAVEPANEL_SECRET_FILE`) is not in the database and must be kept separately:
 * a restore needs both.
 */
export async function run(args: string[], config: Config): Promise<number> {
  const [target, ...rest] = args;
  if (!target || rest.length > 0 || target.startsWith('-')) {
    process.stderr.write('usage: wavepanel backup FILE\n');
    return 2;
  }
  const db = openDatabase(config.databasePath, { syncMode: config.syncMode });
  try {
    const { file, bytes } = backupDatabase({ source: db.$client, target });
    process.stdout.write(`backup written to ${file} (${bytes} bytes); keep the secret file ${config.secretPath} safe separately\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`backup failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    db.$client.close();
  }
}
