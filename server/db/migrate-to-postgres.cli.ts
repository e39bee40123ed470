import type { CommandContext } from '../command-line.ts';
import { describePostgresUrl, isPostgresUrl } from '../config.ts';
import { MigrationRefused, migrateToPostgres } from './migrate-to-postgres.ts';
import { openPostgres } from './postgres.ts';

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
  const target = await openPostgres({ url, poolMax: 2, idleTimeoutMs: 1000, connectTimeoutMs: 10_000 });
  try {
    const copied = await migrateToPostgres({ source: context.db, target });
    const width = Math.max(...copied.map((t) => t.table.length));
    for (const t of copied) process.stdout.write(`${t.table.padEnd(width)}  ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256}\n`);
    const rows = copied.reduce((sum, t) => sum + t.rows, 0);
    process.stdout.write(
      `copied ${rows} rows in ${copied.length} tables from ${context.config.databasePath} to ${describePostgresUrl(url)}; every table checked.\n` +
        `Next: set DATABASE_URL to the PostgreSQL URL, keep the secret and key files beside it as before, and start the servers.\n`,
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
