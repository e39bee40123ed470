import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newResponseId } from '../../../server/responses/response-id.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('response ids', () => {
  const cases = [
    { startedAt: new Date('2026-11-25T12:00:00.000Z'), prefix: '01a21293-b600' },
    { startedAt: new Date('1970-01-01T00:00:00.001Z'), prefix: '00000000-0001' },
    { startedAt: new Date('2100-01-01T00:00:00.000Z'), prefix: '03bb2cc3-d800' },
  ];
  for (const { startedAt, prefix } of cases) {
    it(`are UUIDs of version 7 that start with the start time in milliseconds (${startedAt.toISOString()})`, () => {
      const id = newResponseId(startedAt);
      assert.match(id, uuidV7);
      assert.equal(id.slice(0, 13), prefix);
    });
  }

  it('sort in the order the responses were started, a millisecond apart or more', () => {
    const start = Date.parse('2026-11-25T12:00:00Z');
    const ids = Array.from({ length: 50 }, (_, i) => newResponseId(new Date(start + i * 997)));
    assert.deepEqual([...ids].sort(), ids);
  });

  it('differ for responses started in the same millisecond (74 random bits each)', () => {
    const startedAt = new Date();
    const ids = new Set(Array.from({ length: 10_000 }, () => newResponseId(startedAt)));
    assert.equal(ids.size, 10_000);
  });
});
