import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParticipantAdminRepository } from '../../server/participants/participant-admin.repository.ts';
import { participantAdminRepositoryFor } from '../../server/participants/participant-admin.repository.pg.ts';
import { createTestApp, seedMiniStudies } from '../helpers/app.ts';


/** A store for one test: a panel study with participants, reached through the async repositories only. */
interface RollbackStore {
  admin: ParticipantAdminRepository;
  studyId: string;
  close: () => Promise<void>;
}

/**
 * A write that fails halfway through a transactional repository method leaves nothing of itself
 * behind. Written against the asynchronous repositories, so that every dialect runs the same
 * checks: `open` gives a fresh store.
 */
export function storageRollbackTests(dialect: string, open: () => Promise<RollbackStore>): void {
  const snapshot = async ({ admin, studyId }: RollbackStore) => ({
    batches: await admin.batchesOf(studyId),
    participants: await admin.list({ studyId, offset: 0, limit: 1000 }),
  });

  test(`${dialect}: a batch whose second participant cannot be stored leaves no batch and no participant`, async () => {
    const store = await open();
    try {
      const before = await snapshot(store);
      const batch = { studyId: store.studyId, size: 2, language: 'nl', createdBy: null, createdAt: new Date('2026-03-01T09:00:00Z') };
      await assert.rejects(
        store.admin.insertBatch(batch, () => [
          { pseudonym: 'ROLLBACK-1', tokenHash: 'rollback-hash-1', language: 'nl' },
          // The same pseudonym again: the study's unique pseudonyms refuse this second row.
          { pseudonym: 'ROLLBACK-1', tokenHash: 'rollback-hash-2', language: 'nl' },
        ]),
      );
      assert.deepEqual(await snapshot(store), before);
    } finally {
      await store.close();
    }
  });

  test(`${dialect}: new codes for a batch that fail at the second participant leave the first one's code unchanged`, async () => {
    const store = await open();
    try {
      const at = new Date('2026-03-01T09:00:00Z');
      const { batch, participants } = await store.admin.insertBatch({ studyId: store.studyId, size: 2, language: 'nl', createdBy: null, createdAt: at }, () => [
        { pseudonym: 'CODES-1', tokenHash: 'codes-hash-1', language: 'nl' },
        { pseudonym: 'CODES-2', tokenHash: 'codes-hash-2', language: 'nl' },
      ]);
      let calls = 0;
      await assert.rejects(
        store.admin.replaceTokenHashesOfNotStarted(store.studyId, batch.id, () => {
          calls += 1;
          if (calls === 2) throw new Error('the second new code cannot be made');
          return 'codes-hash-new';
        }),
        /second new code/,
      );
      for (const p of participants) assert.equal((await store.admin.find(store.studyId, p.id))?.tokenHash, p.tokenHash, p.pseudonym);
    } finally {
      await store.close();
    }
  });
}

for (const [name, dialect] of [['SQLite', 'sqlite'], ['PostgreSQL', 'postgres']] as const) {
  storageRollbackTests(name, async () => {
    const t = await createTestApp({ dialect });
    const { studyId } = await seedMiniStudies(t.services);
    return { admin: participantAdminRepositoryFor(t.services.database), studyId, close: t.close };
  });
}
