import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { kiosks } from '../db/schema.ts';

export type Kiosk = typeof kiosks.$inferSelect;

export function createKiosksRepository({ db }: { db: Db }) {
  return {
    insert(kiosk: typeof kiosks.$inferInsert): Kiosk {
      return db.insert(kiosks).values(kiosk).returning().get();
    },
    findActiveByKeyHash(keyHash: string): Kiosk | undefined {
      return db.select().from(kiosks).where(and(eq(kiosks.keyHash, keyHash), isNull(kiosks.revokedAt))).get();
    },
    list(): Kiosk[] {
      return db.select().from(kiosks).orderBy(asc(kiosks.id)).all();
    },
    revoke(id: number, at: Date): boolean {
      return db.update(kiosks).set({ revokedAt: at }).where(and(eq(kiosks.id, id), isNull(kiosks.revokedAt))).run().changes > 0;
    },
  };
}
