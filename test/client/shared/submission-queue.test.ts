import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { ApiError, NetworkError } from '../../../client/shared/api-client.ts';
import { SubmissionQueue, memoryStore, waitingForConnection, type QueueState, type Submission, type SubmissionResult } from '../../../client/shared/submission-queue.ts';

// The queue listens for the browser's `online` event; in Node an EventTarget stands in for window.
const fakeWindow = new EventTarget();
Object.assign(globalThis, { window: fakeWindow });

const page = (pageNo: number, extra: Partial<Submission> = {}) => ({
  responseId: 'r1',
  responseKey: 'k1',
  pageNo,
  answers: { [`q${pageNo}`]: pageNo },
  locale: 'nl' as const,
  ...extra,
});

/** A server stand-in: answers each call with the next scripted outcome, records what it got. */
function scriptedServer(outcomes: (SubmissionResult | Error)[]) {
  const received: Submission[] = [];
  return {
    received,
    send: async (item: Submission) => {
      received.push(structuredClone(item));
      const outcome = outcomes.shift() ?? { status: 'in_progress', pageNo: item.pageNo };
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

let states: QueueState[];
beforeEach(() => {
  states = [];
});

test('pages are sent in order, each once', async () => {
  const server = scriptedServer([]);
  const queue = new SubmissionQueue({ store: memoryStore(), send: server.send, onChange: (s) => states.push(s) });
  queue.enqueue(page(1));
  queue.enqueue(page(2));
  queue.enqueue(page(3));
  await settle();
  assert.deepEqual(server.received.map((item) => item.pageNo), [1, 2, 3]);
  assert.equal(new Set(server.received.map((item) => item.submissionId)).size, 3);
  assert.equal(queue.state.pending, 0);
  queue.dispose();
});

test('without a connection the pages wait, and on `online` they are sent with the same submission ids', async () => {
  const store = memoryStore();
  const server = scriptedServer([new NetworkError('offline'), new NetworkError('offline')]);
  const queue = new SubmissionQueue({ store, send: server.send, retryMs: 60_000 });
  queue.enqueue(page(1));
  await settle();
  queue.enqueue(page(2));
  await settle();
  assert.equal(queue.state.waiting, true);
  assert.equal(store.load().length, 2, 'both pages wait on the device');
  fakeWindow.dispatchEvent(new Event('online'));
  await settle();
  const firstTry = server.received[0]!.submissionId;
  const sentAfterReconnect = server.received.slice(2);
  assert.deepEqual(sentAfterReconnect.map((item) => item.pageNo), [1, 2]);
  assert.equal(sentAfterReconnect[0]!.submissionId, firstTry, 'a retry reuses the submission id');
  assert.equal(store.load().length, 0);
  assert.equal(queue.state.waiting, false);
  queue.dispose();
});

test('a server error (5xx) keeps the page and retries on the timer', async () => {
  const server = scriptedServer([new ApiError(503, 'storage_unavailable')]);
  const queue = new SubmissionQueue({ store: memoryStore(), send: server.send, retryMs: 20 });
  queue.enqueue(page(1));
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(server.received.length, 2);
  assert.equal(server.received[0]!.submissionId, server.received[1]!.submissionId);
  assert.equal(queue.state.pending, 0);
  queue.dispose();
});

test('a submission the server already holds (409 submission_conflict) is dropped and the next one sent', async () => {
  const server = scriptedServer([new ApiError(409, 'submission_conflict')]);
  const queue = new SubmissionQueue({ store: memoryStore(), send: server.send });
  queue.enqueue(page(1));
  queue.enqueue(page(2));
  await settle();
  assert.deepEqual(server.received.map((item) => item.pageNo), [1, 2]);
  assert.equal(queue.state.error, undefined);
  queue.dispose();
});

test('any other refusal (4xx) is shown to the respondent and not retried', async () => {
  const server = scriptedServer([new ApiError(422, 'required_missing', { questions: ['consent'] })]);
  const queue = new SubmissionQueue({ store: memoryStore(), send: server.send, retryMs: 10 });
  queue.enqueue(page(9, { complete: true }));
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.equal(server.received.length, 1);
  assert.equal(queue.state.error?.code, 'required_missing');
  assert.deepEqual(queue.state.completed, []);
  queue.dispose();
});

test('the queue reports completion once the server accepted the completing submission', async () => {
  const server = scriptedServer([{ status: 'completed', pageNo: 9 }]);
  const queue = new SubmissionQueue({ store: memoryStore(), send: server.send, onChange: (s) => states.push(s) });
  queue.enqueue(page(9, { complete: true }));
  await settle();
  assert.equal(server.received[0]!.complete, true);
  assert.deepEqual(queue.state.completed, ['r1'], 'the completed response is named');
  assert.ok(states.some((state) => state.completed.length === 1));
  queue.dispose();
});

test('answers count as waiting for a connection only while some are unsent and the last attempt failed', () => {
  const cases: [Pick<QueueState, 'pending' | 'waiting'>, boolean][] = [
    [{ pending: 0, waiting: false }, false],
    [{ pending: 1, waiting: false }, false], // on its way
    [{ pending: 2, waiting: true }, true],
    [{ pending: 0, waiting: true }, false],
  ];
  for (const [state, expected] of cases) assert.equal(waitingForConnection({ ...state, completed: [] }), expected, JSON.stringify(state));
});
