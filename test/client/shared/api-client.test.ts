import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ApiError, NetworkError, requestJson } from '../../../client/shared/api-client.ts';

/** The one fetch wrapper every page uses, against a stand-in for fetch that records what it was given. */
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function answering(response: () => Response) {
  const sent: { path: string; init: RequestInit }[] = [];
  globalThis.fetch = async (path, init) => {
    sent.push({ path: String(path), init: init! });
    return response();
  };
  return sent;
}

test('an object goes as JSON and the JSON answer comes back', async () => {
  const sent = answering(() => Response.json({ id: 'eaa' }));
  assert.deepEqual(await requestJson('/api/studies', { body: { name: 'EAA' } }), { id: 'eaa' });
  assert.equal(sent[0]!.init.method, 'POST');
  assert.deepEqual(sent[0]!.init.headers, { 'content-type': 'application/json' });
  assert.equal(sent[0]!.init.body, '{"name":"EAA"}');
});

test('a Blob (a file, a recording) goes as it is, with its own type', async () => {
  const sent = answering(() => Response.json({ stale: false }));
  const audio = new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/webm' });
  await requestJson('/api/translate/en/eaa-t0/health.title/recording', { method: 'PUT', body: audio, headers: { 'x-csrf-token': 'c' } });
  assert.equal(sent[0]!.init.body, audio);
  assert.deepEqual(sent[0]!.init.headers, { 'content-type': 'audio/webm', 'x-csrf-token': 'c' });
});

test("a refusal is an ApiError with the server's code and details; an answer that is not JSON still is one", async () => {
  answering(() => Response.json({ error: { code: 'wave_closed', message: 'Closed.', details: { closedAt: 'x' } } }, { status: 409 }));
  await assert.rejects(requestJson('/api/respondent/sessions'), (error) => error instanceof ApiError && error.status === 409 && error.code === 'wave_closed' && error.details?.closedAt === 'x');
  answering(() => new Response('<html>Bad gateway</html>', { status: 502 }));
  await assert.rejects(requestJson('/api/studies'), (error) => error instanceof ApiError && error.code === 'internal_error');
});

test('no answer at all is a NetworkError, not an ApiError', async () => {
  globalThis.fetch = async () => {
    throw new TypeError('Failed to fetch');
  };
  await assert.rejects(requestJson('/api/studies'), (error) => error instanceof NetworkError && !(error instanceof ApiError));
});
