import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { participantAdminRepositoryFor } from '../../server/participants/participant-admin.repository.pg.ts';
import { registerRepositoryFor } from '../../server/register/register.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';
import { insertResponse, panelWithWave } from '../helpers/study-rows.ts';

const start = new Date('2026-03-01T09:00:00.000Z');

for (const dialect of dialects) {
  describe(`the participant administration repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const batchOf = (studyId: string, pseudonyms: string[]) =>
      participantAdminRepositoryFor(test.database).insertBatch({ studyId, size: pseudonyms.length, language: 'nl', createdBy: null, createdAt: start }, () =>
        pseudonyms.map((pseudonym) => ({ pseudonym, tokenHash: `hash-${studyId}-${pseudonym}`, language: 'nl' })),
      );

    it('stores a batch with its participants, giving the members the pseudonyms already taken', async () => {
      await panelWithWave(test.database, 'b');
      const admin = participantAdminRepositoryFor(test.database);
      const first = await batchOf('b', ['B-1', 'B-2']);
      let seen: string[] = [];
      const second = await admin.insertBatch({ studyId: 'b', size: 1, language: null, createdBy: null, createdAt: start }, (taken) => {
        seen = taken;
        return [{ pseudonym: 'B-3', tokenHash: 'hash-b-B-3', language: 'ar' }];
      });
      assert.deepEqual(seen.sort(), ['B-1', 'B-2']);
      assert.deepEqual(second.participants.map((p) => [p.pseudonym, p.language, p.batchId, p.studyId]), [['B-3', 'ar', second.batch.id, 'b']]);
      assert.deepEqual((await admin.batchesOf('b')).map((b) => b.id), [second.batch.id, first.batch.id]);
    });

    it('lists a page of participants by pseudonym, searching any part case-insensitively and % literally, with the total', async () => {
      await panelWithWave(test.database, 'l');
      const admin = participantAdminRepositoryFor(test.database);
      const { participants } = await batchOf('l', ['L-0003', 'L-0001', 'L-0002', 'X%1']);
      await registerRepositoryFor(test.database).saveAll([{ line: 2, pseudonym: 'L-0002', participantId: participants[2]!.id, values: {} }], start);
      const page = await admin.list({ studyId: 'l', offset: 1, limit: 2 });
      assert.equal(page.total, 4);
      assert.deepEqual(page.rows.map((r) => [r.pseudonym, r.hasRegisterData]), [['L-0002', true], ['L-0003', false]]);
      assert.deepEqual((await admin.list({ studyId: 'l', search: 'l-000', offset: 0, limit: 10 })).rows.map((r) => r.pseudonym), ['L-0001', 'L-0002', 'L-0003']);
      assert.deepEqual((await admin.list({ studyId: 'l', search: '%', offset: 0, limit: 10 })).rows.map((r) => r.pseudonym), ['X%1']);
      assert.equal((await admin.list({ studyId: 'l', status: 'withdrawn', offset: 0, limit: 10 })).total, 0);
    });

    it('gives new codes only to the active participants of a batch who have not started', async () => {
      const waveId = await panelWithWave(test.database, 'c');
      const admin = participantAdminRepositoryFor(test.database);
      const { batch, participants } = await batchOf('c', ['C-1', 'C-2', 'C-3']);
      await insertResponse(test.database, { id: 'c-started', studyId: 'c', waveId, participantId: participants[0]!.id });
      await admin.withdraw(participants[2]!.id, start);
      const changed = await admin.replaceTokenHashesOfNotStarted('c', batch.id, (id) => `new-${id}`);
      assert.deepEqual(changed.map((p) => p.pseudonym), ['C-2']);
      assert.equal((await admin.find('c', participants[1]!.id))?.tokenHash, `new-${participants[1]!.id}`);
      assert.equal((await admin.find('c', participants[0]!.id))?.tokenHash, 'hash-c-C-1');
      await admin.replaceTokenHash(participants[0]!.id, 'replaced');
      assert.equal((await admin.find('c', participants[0]!.id))?.tokenHash, 'replaced');
      assert.equal(await admin.find('other', participants[0]!.id), undefined);
    });

    it('withdraws an active participant once: their responses and register data are deleted, the pseudonym stays', async () => {
      const waveId = await panelWithWave(test.database, 'w');
      const admin = participantAdminRepositoryFor(test.database);
      const [leaving, staying] = (await batchOf('w', ['W-1', 'W-2'])).participants;
      await insertResponse(test.database, { id: 'w-leaving', studyId: 'w', waveId, participantId: leaving!.id });
      await insertResponse(test.database, { id: 'w-staying', studyId: 'w', waveId, participantId: staying!.id });
      await registerRepositoryFor(test.database).saveAll([{ line: 2, pseudonym: 'W-1', participantId: leaving!.id, values: {} }], start);
      assert.deepEqual(await admin.withdraw(leaving!.id, start), { responsesDeleted: 1 });
      assert.equal(await admin.withdraw(leaving!.id, start), undefined, 'a second withdrawal finds them withdrawn');
      const after = await admin.find('w', leaving!.id);
      assert.deepEqual([after?.pseudonym, after?.status, after?.withdrawnAt], ['W-1', 'withdrawn', start]);
      assert.equal(await registerRepositoryFor(test.database).countWithData([leaving!.id]), 0);
      assert.deepEqual(await admin.withdraw(staying!.id, start), { responsesDeleted: 1 }, "the other participant's response was still there");
    });
  });
}
