import type { CommandContext } from '../command-line.ts';
import { describePostgresUrl, isPostgresUrl } from '../config.ts';
import { MigrationRefused, migrateToPostgres } from './migrate-to-postgres.ts';
import { NotAWavepanelDatabase, type Db } from './connection.ts';
import { openPostgres, type PgDb } from './postgres.ts';

/**
 * `wavepanel migrate-to-postgres postgres://...`: copies the SQLite database `DATABASE_URL` names
 * into a new, empty PostgreSQL database and checks every table (count and SHA-256) before it
 * commits. The server must be stopped first, so that nothing is written to SQLite during the copy;
 * the secret and key files stay as they are and go with the installation. A password in the URL is
 * better given as PGPASSWORD (the URL is visible to other users in the process list).
 */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const [url, ...rest] = args;
  if (!url || rest.length > 0 || !isPostgresUrl(url)) {
    process.stderr.write('usage: wavepanel migrate-to-postgres postgres://user@host:5432/database\n');
    return 2;
  }
  let source: Db;
  try {
    const database = await context.database;
    // server/cli.ts refuses this command when DATABASE_URL already names PostgreSQL.
    if (database.dialect !== 'sqlite') throw new Error('DATABASE_URL must name the SQLite database to copy');
    source = database.db;
  } catch (error) {
    if (!(error instanceof NotAWavepanelDatabase)) throw error;
    process.stderr.write(`migrate-to-postgres refused: ${error.message}\n`);
    return 1;
  }
  let target: PgDb;
  try {
    target = await openPostgres({ url, poolMax: 2, idleTimeoutMs: 1000, connectTimeoutMs: 10_000 });
  } catch (error) {
    process.stderr.write(`migrate-to-postgres: cannot open ${describePostgresUrl(url)}: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const copied = await migrateToPostgres({ source, target });
    const width = Math.max(...copied.map((t) => t.table.length));
    for (const t of copied) process.stdout.write(`${t.table.padEnd(width)}  ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256}\n`);
    const rows = copied.reduce((sum, t) => sum + t.rows, 0);
    process.stdout.write(
      `copied ${rows} rows in ${copied.length} tables from ${context.config.databasePath} to ${describePostgresUrl(url)}; every table checked.\n` +
        `Next: set DATABASE_URL to the PostgreSQL URL and keep the secret and key files as they are. Then start the servers on it (docs/operations.md).\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof MigrationRefused)) throw error;
    process.stderr.write(`migrate-to-postgres refused: ${error.message}\n`);
    return 1;
  } finally {
    await target.$client.end();
  }
}
