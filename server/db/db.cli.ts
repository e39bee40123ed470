import type { Config } from '../config.ts';
import { openDatabase } from './connection.ts';

/** `wavepanel migrate`: brings the database file up to date (the server also does this at start). */
export async function run(_args: string[], config: Config): Promise<number> {
  openDatabase(config.databasePath, { syncMode: config.syncMode }).$client.close();
  process.stdout.write(`database ${config.databasePath} is up to date\n`);
  return 0;
}
