import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { NewLetter } from '../participants/participant-admin.service.ts';
import { seal, unseal } from '../shared/sealed.ts';
import type { LetterSetRow } from './letter-sets.repository.ts';
import { letterSetsRepositoryFor } from './letter-sets.repository.pg.ts';

/**
 * A batch's letters (the raw tokens) kept so that a researcher who leaves the page, or a server
 * restart, loses nothing, and every server of an installation sees them: in the database, encrypted
 * with AES-256-GCM under a key kept in a file beside the token secret (never in the database),
 * until the researcher confirms that they are printed or saved, or the set expires (7 days by
 * default). Then the row is deleted (on SQLite its bytes overwritten, see letter-sets.repository.ts).
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

const info = (row: LetterSetRow): LetterSetInfo => ({
  id: row.id,
  studyId: row.studyId,
  count: row.count,
  kind: row.kind,
  batchId: row.batchId,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

export function createLetterStore({ database, key, now, ttlMs = defaultLetterTtlMs }: { database: Database; key: Buffer; now: () => Date; ttlMs?: number }) {
  const sets = letterSetsRepositoryFor(database);
  /** Destroys every set whose time is up; returns how many. */
  const sweep = (): Promise<number> => sets.deleteExpired(now());
  return {
    sweep,
    async put({ studyId, letters, kind, batchId = null, userId }: { studyId: string; letters: NewLetter[]; kind: LetterSetInfo['kind']; batchId?: number | null; userId: number | null }): Promise<LetterSetInfo> {
      await sweep();
      const id = randomBytes(18).toString('base64url');
      const at = now();
      const sealed = seal(key, id, JSON.stringify(letters));
      return info(await sets.insert({ id, studyId, kind, batchId, count: letters.length, sealed, createdBy: userId, createdAt: at, expiresAt: new Date(at.getTime() + ttlMs) }));
    },
    /** The letters of a set still kept; undefined once destroyed or expired. */
    async get(studyId: string, id: string): Promise<{ info: LetterSetInfo; letters: NewLetter[] } | undefined> {
      await sweep();
      const row = await sets.find(studyId, id);
      return row ? { info: info(row), letters: JSON.parse(unseal(key, id, row.sealed)) as NewLetter[] } : undefined;
    },
    async list(studyId: string): Promise<LetterSetInfo[]> {
      await sweep();
      return (await sets.listOf(studyId)).map(info);
    },
    /** Destroys a set (printed or saved); false when it was gone already. */
    destroy: (studyId: string, id: string): Promise<boolean> => sets.delete(studyId, id),
  };
}

export type LetterStore = ReturnType<typeof createLetterStore>;
