import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { NotAWavepanelDatabase } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { backupDatabase } from './backup.service.ts';

/**
 * `wavepanel backup FILE`: a consistent copy of the database (the SQLite file, or PostgreSQL with `pg_dump`) while the servers keep running,
 * recorded in the audit log. A database path that does not exist or does not hold a wavepanel
 * database is refused (a mistyped DATABASE_URL must not create an empty database and back it up;
 * `server/cli.ts` opens it as an existing one). The token secret (`WAVEPANEL_SECRET_FILE`) is not
 * in the database and must be kept separately: a restore needs both.
 */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const [target, ...rest] = args;
  if (!target || rest.length > 0 || target.startsWith('-')) {
    process.stderr.write('usage: wavepanel backup FILE\n');
    return 2;
  }
  let database: Database;
  try {
    database = await context.database;
  } catch (error) {
    if (!(error instanceof NotAWavepanelDatabase)) throw error;
    process.stderr.write(`backup refused: ${error.message}\n`);
    return 1;
  }
  try {
    const { file, bytes } = await backupDatabase({ database, postgresUrl: context.config.postgres?.url, now: context.now, actor: commandLine, target });
    process.stdout.write(`backup written to ${file} (${bytes} bytes); keep the secret file ${context.config.secretPath} safe separately\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`backup failed: ${(error as Error).message}\n`);
    return 1;
  }
}
