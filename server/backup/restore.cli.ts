import type { CommandContext } from '../command-line.ts';
import { describePostgresUrl } from '../config.ts';
import { PostgresToolMissing, restorePostgres, RestoreRefused } from './postgres-backup.ts';

/**
 * `wavepanel restore FILE`: restores a `wavepanel backup` of a PostgreSQL installation into the new,
 * empty database DATABASE_URL names (one transaction: all or nothing). A SQLite installation is
 * restored by stopping the server and putting the backup file in the database file's place
 * (docs/operations.md).
 */
export async function run(args: string[], { config }: CommandContext): Promise<number> {
  const [source, ...rest] = args;
  if (!source || rest.length > 0 || source.startsWith('-')) {
    process.stderr.write('usage: wavepanel restore FILE   (DATABASE_URL: the new, empty PostgreSQL database)\n');
    return 2;
  }
  if (!config.postgres) {
    process.stderr.write(`restore is for PostgreSQL; for SQLite, stop the server and copy the backup file to ${config.databasePath}\n`);
    return 2;
  }
  try {
    await restorePostgres({ url: config.postgres.url, source });
  } catch (error) {
    if (!(error instanceof RestoreRefused || error instanceof PostgresToolMissing)) throw error;
    process.stderr.write(`restore refused: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(`restored ${source} into ${describePostgresUrl(config.postgres.url)}; keep using the secret and key files of the installation it came from\n`);
  return 0;
}
