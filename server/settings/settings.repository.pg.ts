import { eq } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { settings } from '../db/schema.pg.ts';
import { createSettingsRepository } from './settings.repository.ts';

/** The settings repository on PostgreSQL; the same contract as the SQLite one in settings.repository.ts. */
export function createSettingsPgRepository({ db }: { db: PgDb }) {
  return {
    async get<T>(key: string, fallback: T): Promise<T> {
      const [row] = await db.select().from(settings).where(eq(settings.key, key));
      return row ? (JSON.parse(row.value) as T) : fallback;
    },
    async set(key: string, value: unknown): Promise<void> {
      const text = JSON.stringify(value);
      await db.insert(settings).values({ key, value: text }).onConflictDoUpdate({ target: settings.key, set: { value: text } });
    },
  };
}

export const settingsRepositoryFor = (database: Database) => forDialect(database, { sqlite: createSettingsRepository, postgres: createSettingsPgRepository });
