import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { createTestApp, databaseBytes, seedMiniStudies, storedText, tempDir } from '../helpers/app.ts';
import { closeServices, openServerServices, serverFilesIn, startServerProcess } from '../helpers/server-process.ts';
import { formatToken } from '../../server/tokens/token.ts';

/**
 * After a full respondent flow, neither the logs nor the database (the SQLite file with its WAL, or
 * every table on PostgreSQL) hold a raw token in any form a person would type it, an IP address
 * or the user agent.
 */

const userAgent = 'Mozilla/5.0 (Linux; Android 14; WavepanelTestPhone-7731) PrivacyProbe/9.9';
const forwardedFor = '203.0.113.77';

function tokenForms(token: string): string[] {
  const grouped = formatToken(token);
  return [token, grouped, token.toLowerCase(), grouped.toLowerCase(), grouped.replaceAll('-', ' '), token.slice(0, 15)];
}

const addresses = ['127.0.0.1', '::1', '::ffff:127.0.0.1', forwardedFor];

function assertClean(where: string, text: string, tokens: string[]): void {
  for (const token of tokens) for (const form of tokenForms(token)) assert.ok(!text.includes(form), `${where} contains the token as '${form}'`);
  for (const address of addresses) assert.ok(!text.includes(address), `${where} contains the address ${address}`);
  assert.ok(!text.includes('WavepanelTestPhone'), `${where} contains the user agent`);
  assert.ok(!text.includes('PrivacyProbe'), `${where} contains the user agent`);
}

describe('privacy of the respondent flow', () => {
  it('the logs and the database hold no token, address or user agent after start, resume, saves, completion and errors', async () => {
    const t = await createTestApp();
    try {
      const panel = await seedMiniStudies(t.services, 2);
      const headers = { 'user-agent': userAgent, 'x-forwarded-for': forwardedFor, 'x-real-ip': forwardedFor };
      const [token, other] = panel.tokens as [string, string];
      const remotes = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
      let step = 0;
      const send = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, extra: Record<string, string> = {}) =>
        t.app.inject({ method, url, headers: { ...headers, ...extra }, remoteAddress: remotes[step++ % remotes.length]!, ...(payload ? { payload } : {}) });

      await send('GET', `/t/${token}`);
      await send('GET', `/t/${formatToken(token)}?token=${token}`);
      const started = (await send('POST', '/api/respondent/sessions', { token: formatToken(token).toLowerCase(), locale: 'nl', channel: 'web' })).json();
      assert.ok(started.responseId);
      const save = (submissionId: string, body: Record<string, unknown>) =>
        send('POST', `/api/respondent/responses/${started.responseId}/submissions`, { submissionId, ...body }, { 'x-response-key': started.responseKey });
      assert.equal((await save('privacy-1', { pageNo: 1, answers: { consent: true } })).statusCode, 200);
      assert.equal((await send('POST', '/api/respondent/sessions', { token, locale: 'en', channel: 'kiosk' })).statusCode, 200, 'resume');
      assert.equal((await save('privacy-2', { pageNo: 2, answers: { health: 'bad' } })).statusCode, 400);
      assert.equal((await save('privacy-3', { pageNo: 2, answers: { health: 8, remarks: 'fine' }, complete: true })).statusCode, 200);
      assert.equal((await send('POST', '/api/respondent/sessions', { token, locale: 'nl', channel: 'web' })).statusCode, 409);
      assert.equal((await send('POST', '/api/respondent/sessions', { token: other.slice(0, -2), locale: 'nl', channel: 'web' })).statusCode, 404);
      await send('GET', `/api/surveys/mini/1?locale=nl&token=${other}`);

      assert.ok(t.logs().includes('"statusCode":200'), 'requests were logged');
      assertClean('the log', t.logs(), [token, other]);
      assert.ok(!t.logs().includes(started.responseKey), 'the log contains the response key');
      const stored = await storedText(t);
      assert.ok(stored.includes(t.services.hash('token', token)), 'the database is read: the token is stored as its keyed hash');
      assertClean('the database', stored, [token, other]);
    } finally {
      await t.close();
    }
  });

  it('the real server process writes no token, address or user agent to its output or its files', async () => {
    const dir = tempDir('wavepanel-privacy-');
    const files = serverFilesIn(dir);
    try {
      const seed = await openServerServices(files);
      const { tokens } = await seedMiniStudies(seed, 1);
      await closeServices(seed);
      const token = tokens[0]!;
      const server = await startServerProcess(files);
      try {
        const headers = { 'content-type': 'application/json', 'user-agent': userAgent, 'x-forwarded-for': forwardedFor };
        await fetch(`${server.url}/t/${formatToken(token)}`, { headers });
        const res = await fetch(`${server.url}/api/respondent/sessions`, { method: 'POST', headers, body: JSON.stringify({ token: formatToken(token), locale: 'nl', channel: 'web' }) });
        const session = (await res.json()) as { responseId: string; responseKey: string };
        assert.equal(res.status, 200);
        const done = await fetch(`${server.url}/api/respondent/responses/${session.responseId}/submissions`, {
          method: 'POST',
          headers: { ...headers, 'x-response-key': session.responseKey },
          body: JSON.stringify({ submissionId: 'privacy-proc-1', pageNo: 2, answers: { consent: true, health: 6 }, complete: true }),
        });
        assert.equal(done.status, 200);
      } finally {
        await server.stop();
      }
      assert.ok(server.output().includes('"statusCode":200'), 'requests were logged');
      // The lines naming the server's own listening address (and the first run's setup link on it) are not about a respondent.
      const output = server.output().split('\n').filter((line) => !line.includes('Server listening at') && !line.includes('/researcher/setup#code=')).join('\n');
      assertClean('the server output', output, [token]);
      assertClean('the database', databaseBytes(files.databasePath), [token]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
