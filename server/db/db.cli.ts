import type { CommandContext } from '../command-line.ts';
import { describePostgresUrl } from '../config.ts';
import { closeDatabase, openConfiguredDatabase } from './database.ts';

/** `wavepanel migrate`: brings the database (SQLite file or PostgreSQL) up to date; the server also does this at start. */
export async function run(_args: string[], { config }: CommandContext): Promise<number> {
  await closeDatabase(await openConfiguredDatabase(config));
  process.stdout.write(`database ${config.postgres ? describePostgresUrl(config.postgres.url) : config.databasePath} is up to date\n`);
  return 0;
}
