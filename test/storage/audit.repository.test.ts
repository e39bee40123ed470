import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditRepositoryFor } from '../../server/audit/audit.repository.pg.ts';
import { dialects, insertUser, useTestDatabase } from '../helpers/dialects.ts';

const start = new Date('2026-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

for (const dialect of dialects) {
  describe(`the audit repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('lists entries newest first with the username, filtered by study, action, account, command line and period, and pages back by id', async () => {
      const audit = auditRepositoryFor(test.database);
      const ada = await insertUser(test.database, 'ada');
      const entry = (minutes: number, userId: number | null, action: string, studyId: string | null) => audit.insert({ at: at(minutes), userId, action, studyId, detail: JSON.stringify({ minutes }) });
      await entry(0, ada, 'sign_in', null);
      await entry(1, ada, 'export', 'town');
      await entry(2, null, 'export', 'town');
      await entry(3, ada, 'wave_open', 'city');
      const list = (filter: Parameters<typeof audit.list>[0]) => audit.list(filter).then((rows) => rows.map((r) => r.detail.minutes));
      const all = await audit.list({ limit: 10 });
      assert.deepEqual(
        all.map((r) => [r.detail.minutes, r.username, r.action, r.studyId]),
        [
          [3, 'ada', 'wave_open', 'city'],
          [2, null, 'export', 'town'],
          [1, 'ada', 'export', 'town'],
          [0, 'ada', 'sign_in', null],
        ],
      );
      assert.deepEqual(all[0]!.at, at(3));
      assert.deepEqual(await list({ studyId: 'town', limit: 10 }), [2, 1]);
      assert.deepEqual(await list({ action: 'export', userId: ada, limit: 10 }), [1]);
      assert.deepEqual(await list({ userId: null, limit: 10 }), [2]);
      assert.deepEqual(await list({ from: at(1), to: at(3), limit: 10 }), [2, 1]);
      assert.deepEqual(await list({ limit: 2 }), [3, 2]);
      assert.deepEqual(await list({ before: all[1]!.id, limit: 10 }), [1, 0]);
    });
  });
}
