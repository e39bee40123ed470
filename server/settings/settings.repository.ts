import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { settings } from '../db/schema.ts';

/** Settings admins change in the workspace, as JSON values by key. */
export function createSettingsRepository({ db }: { db: Db }) {
  return {
    get<T>(key: string, fallback: T): T {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? (JSON.parse(row.value) as T) : fallback;
    },
    set(key: string, value: unknown): void {
      const text = JSON.stringify(value);
      db.insert(settings).values({ key, value: text }).onConflictDoUpdate({ target: settings.key, set: { value: text } }).run();
    },
  };
}
