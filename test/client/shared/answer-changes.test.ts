import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerChanges } from '../../../client/shared/answer-changes.ts';

const cases: [name: string, previous: Record<string, unknown>, current: Record<string, unknown>, changes: Record<string, unknown>][] = [
  ['nothing changed', { health: 7 }, { health: 7 }, {}],
  ['a new answer', { health: 7 }, { health: 7, gender: 'woman' }, { gender: 'woman' }],
  ['a changed answer', { health: 7 }, { health: 3 }, { health: 3 }],
  ['a cleared answer becomes null', { health: 7, gender: 'man' }, { health: 7 }, { gender: null }],
  ['a changed checkbox list', { grounds: ['age'] }, { grounds: ['age', 'religion'] }, { grounds: ['age', 'religion'] }],
  ['a matrix row changed', { self_reliance: { finances: 2 } }, { self_reliance: { finances: 3 } }, { self_reliance: { finances: 3 } }],
];
for (const [name, previous, current, changes] of cases) {
  test(`a page submission sends only what changed: ${name}`, () => assert.deepEqual(answerChanges(previous, current), changes));
}
