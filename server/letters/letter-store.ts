import { randomBytes } from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { letterSets } from '../db/schema.ts';
import type { NewLetter } from '../participants/participant-admin.service.ts';
import { seal, unseal } from '../shared/sealed.ts';

/**
 * A batch's letters (the raw tokens) kept so that a researcher who leaves the page, or a server
 * restart, loses nothing: encrypted with AES-256-GCM under a key kept in a file beside the token
 * secret (never in the database), until the researcher confirms that they are printed or saved,
 * or the set expires (7 days by default). Then the row is deleted; the connection runs with
 * `secure_delete`, so its bytes are overwritten in the file, not left in a free page.
 */

export const defaultLetterTtlMs = 7 * 24 * 60 * 60 * 1000;

export interface LetterSetInfo {
  id: string;
  studyId: string;
  count: number;
  /** What made it: a new batch, a reissued token, or new codes for those of a batch who did not start. */
  kind: 'batch' | 'reissue' | 'restart';
  batchId: number | null;
  createdAt: Date;
  expiresAt: Date;
}

export function createLetterStore({ db, key, now, ttlMs = defaultLetterTtlMs }: { db: Db; key: Buffer; now: () => Date; ttlMs?: number }) {
  const info = (row: typeof letterSets.$inferSelect): LetterSetInfo => ({
    id: row.id,
    studyId: row.studyId,
    count: row.count,
    kind: row.kind,
    batchId: row.batchId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  });
  /** Writes the overwritten pages into the file and empties the write-ahead log, which still held the old ones. */
  const flush = (changes: number): number => {
    if (changes > 0) db.$client.pragma('wal_checkpoint(TRUNCATE)');
    return changes;
  };
  /** Destroys every set whose time is up; returns how many. */
  const sweep = (): number => flush(db.delete(letterSets).where(lte(letterSets.expiresAt, now())).run().changes);
  return {
    sweep,
    put({ studyId, letters, kind, batchId = null, userId }: { studyId: string; letters: NewLetter[]; kind: LetterSetInfo['kind']; batchId?: number | null; userId: number | null }): LetterSetInfo {
      sweep();
      const id = randomBytes(18).toString('base64url');
      const at = now();
      const row = db
        .insert(letterSets)
        .values({ id, studyId, kind, batchId, count: letters.length, sealed: seal(key, id, JSON.stringify(letters)), createdBy: userId, createdAt: at, expiresAt: new Date(at.getTime() + ttlMs) })
        .returning()
        .get();
      return info(row);
    },
    /** The letters of a set still kept; undefined once destroyed or expired. */
    get(studyId: string, id: string): { info: LetterSetInfo; letters: NewLetter[] } | undefined {
      sweep();
      const row = db.select().from(letterSets).where(and(eq(letterSets.id, id), eq(letterSets.studyId, studyId))).get();
      return row ? { info: info(row), letters: JSON.parse(unseal(key, id, row.sealed)) as NewLetter[] } : undefined;
    },
    list(studyId: string): LetterSetInfo[] {
      sweep();
      return db.select().from(letterSets).where(eq(letterSets.studyId, studyId)).orderBy(letterSets.createdAt).all().map(info);
    },
    /** Destroys a set (printed or saved); false when it was gone already. */
    destroy(studyId: string, id: string): boolean {
      return flush(db.delete(letterSets).where(and(eq(letterSets.id, id), eq(letterSets.studyId, studyId))).run().changes) > 0;
    },
  };
}

export type LetterStore = ReturnType<typeof createLetterStore>;
