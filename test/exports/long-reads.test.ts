import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { generateToken } from '../../server/tokens/token.ts';
import { createTestApp, newSubmissionId, startSession, TestClock, type TestApp } from '../helpers/app.ts';
import { generatePanel, generatedPanelDirs } from '../fixtures/exports/panel-generator.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * Long reads run in chunks that give the event loop back: a respondent's save sent once a large
 * export has begun is answered before the export ends. Both go over real sockets, so a save waits
 * for the event loop exactly as it would on a running server.
 */

let t: TestApp;
let researcher: Client;
let url: string;
let session: { responseId: string; responseKey: string };

before(async () => {
  // T0 of the generated panel is open in mid-January 2026.
  t = await createTestApp({ config: { ...generatedPanelDirs, logLevel: 'warn' }, clock: new TestClock(Date.parse('2026-01-15T09:00:00Z')) });
  await generatePanel(t.services.database, { participants: 3000, seed: 18 });
  const token = generateToken();
  await t.services.participants.insert({ studyId: 'eaa', pseudonym: 'LIVE', tokenHash: t.services.hash('token', token), createdAt: t.services.now() });
  await addUser(t.services, 'rita', 'researcher', ['eaa']);
  researcher = await signIn(t.app, 'rita');
  const started = await startSession(t.app, { token });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  session = started.body;
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(() => t.close());

/** POSTs a page of answers over HTTP; resolves with the status once the answer has arrived. */
async function save(): Promise<number> {
  const res = await fetch(`${url}/api/respondent/responses/${session.responseId}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-response-key': session.responseKey },
    body: JSON.stringify({ submissionId: newSubmissionId(), pageNo: 1, answers: {} }),
  });
  await res.arrayBuffer();
  return res.status;
}

test("a respondent's save is answered while a large wide export is still streaming", async () => {
  const events: string[] = [];
  let saved: Promise<number> | undefined;
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    http
      .get(`${url}/api/studies/eaa/exports/wide`, { headers: { cookie: researcher.cookie } }, (res) => {
        assert.equal(res.statusCode, 200);
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          saved ??= save().then((status) => {
            events.push('save answered');
            return status;
          });
        });
        res.on('end', () => {
          events.push('export ended');
          resolve();
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
  assert.equal(await saved, 200);
  assert.ok(bytes > 1_000_000, `a large export (${bytes} bytes)`);
  assert.deepEqual(events, ['save answered', 'export ended']);
});
