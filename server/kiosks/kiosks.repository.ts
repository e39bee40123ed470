import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { kiosks } from '../db/schema.ts';

export type Kiosk = typeof kiosks.$inferSelect;

export function createKiosksRepository({ db }: { db: Db }) {
  return {
    async insert(kiosk: typeof kiosks.$inferInsert): Promise<Kiosk> {
      return db.insert(kiosks).values(kiosk).returning().get();
    },
    async findActiveByKeyHash(keyHash: string): Promise<Kiosk | undefined> {
      return db.select().from(kiosks).where(and(eq(kiosks.keyHash, keyHash), isNull(kiosks.revokedAt))).get();
    },
    async list(): Promise<Kiosk[]> {
      return db.select().from(kiosks).orderBy(asc(kiosks.id)).all();
    },
    async revoke(id: number, at: Date): Promise<boolean> {
      return db.update(kiosks).set({ revokedAt: at }).where(and(eq(kiosks.id, id), isNull(kiosks.revokedAt))).run().changes > 0;
    },
  };
}
