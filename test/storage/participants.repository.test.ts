import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { participantsRepositoryFor } from '../../server/participants/participants.repository.pg.ts';
import { registerRepositoryFor } from '../../server/register/register.repository.pg.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

const start = new Date('2026-03-01T09:00:00.000Z');

for (const dialect of dialects) {
  describe(`the participants and register repositories on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const participant = (studyId: string, pseudonym: string) =>
      participantsRepositoryFor(test.database).insert({ studyId, pseudonym, tokenHash: `hash-${studyId}-${pseudonym}`, createdAt: start });

    it('finds an active participant by token hash, and knows whether any is stored', async () => {
      const participants = participantsRepositoryFor(test.database);
      assert.equal(await participants.hasAny(), false);
      await studiesRepositoryFor(test.database).insertStudy({ id: 'p', name: 'P', kind: 'panel', createdAt: start });
      const p1 = await participant('p', 'P1');
      assert.deepEqual(p1, { id: p1.id, studyId: 'p', pseudonym: 'P1', tokenHash: 'hash-p-P1', language: 'nl', status: 'active', batchId: null, createdAt: start, withdrawnAt: null });
      assert.equal(await participants.hasAny(), true);
      assert.deepEqual(await participants.findActiveByTokenHash('hash-p-P1'), p1);
      assert.equal(await participants.findActiveByTokenHash('hash-none'), undefined);
      await assert.rejects(async () => participant('p', 'P1'), 'one pseudonym per study');
    });

    it('answers token look-ups sent at once each with its own participant, or none', async () => {
      const participants = participantsRepositoryFor(test.database);
      await studiesRepositoryFor(test.database).insertStudy({ id: 'at-once', name: 'At once', kind: 'panel', createdAt: start });
      const stored = [];
      for (let i = 0; i < 5; i++) stored.push(await participant('at-once', `P${i}`));
      const hashes = [...stored.map((p) => p.tokenHash), 'hash-none', stored[2]!.tokenHash];
      assert.deepEqual(await Promise.all(hashes.map((hash) => participants.findActiveByTokenHash(hash))), [...stored, undefined, stored[2]]);
    });

    it('saves register rows, replacing a participant\'s earlier values, and counts who has data', async () => {
      await studiesRepositoryFor(test.database).insertStudy({ id: 'r', name: 'R', kind: 'panel', createdAt: start });
      const [a, b, c] = [await participant('r', 'A'), await participant('r', 'B'), await participant('r', 'C')];
      const register = registerRepositoryFor(test.database);
      assert.deepEqual([...(await register.participantsOf('r')).entries()], [['A', { id: a.id, status: 'active' }], ['B', { id: b.id, status: 'active' }], ['C', { id: c.id, status: 'active' }]]);
      const row = (participantId: number, age_band: string) => ({ line: 2, pseudonym: '', participantId, values: { age_band } });
      await register.saveAll([row(a.id, '18-26'), row(b.id, '27-40')], start);
      await register.saveAll([row(a.id, '41-65')], start);
      assert.equal(await register.countWithData([a.id, b.id, c.id]), 2);
      assert.equal(await register.countWithData([]), 0);
    });

    it('counts who has data among more participants than one statement takes parameters (65,535 on PostgreSQL)', async () => {
      await studiesRepositoryFor(test.database).insertStudy({ id: 'big', name: 'Big', kind: 'panel', createdAt: start });
      const [a, b] = [await participant('big', 'A'), await participant('big', 'B')];
      const register = registerRepositoryFor(test.database);
      await register.saveAll([a.id, b.id].map((participantId) => ({ line: 2, pseudonym: '', participantId, values: {} })), start);
      const unknown = Array.from({ length: 70_000 }, (_, i) => 1_000_000 + i);
      assert.equal(await register.countWithData([...unknown, a.id, b.id]), 2);
    });

    it('a row that fails rolls every row of the import back', async () => {
      await studiesRepositoryFor(test.database).insertStudy({ id: 'x', name: 'X', kind: 'panel', createdAt: start });
      const good = await participant('x', 'G');
      const register = registerRepositoryFor(test.database);
      const rows = [good.id, 999_999].map((participantId) => ({ line: 2, pseudonym: '', participantId, values: { age_band: '18-26' } }));
      await assert.rejects(async () => register.saveAll(rows, start), 'the second row names no participant');
      assert.equal(await register.countWithData([good.id]), 0);
    });
  });
}
