import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type MiniPanel, queryRows, seedMiniStudies, type TestApp } from '../helpers/app.ts';
import { formatToken, generateToken } from '../../server/tokens/token.ts';

/**
 * Guessing tokens does not pay: unknown and malformed tokens get the same answer after the same
 * work, guessing is throttled per address and per token, and a kiosk site where 30 people start
 * from one address is not.
 */

const limit = 10;

describe('token guessing', () => {
  let t: TestApp;
  let panel: MiniPanel;

  const start = (token: string, remoteAddress = '127.0.0.1'): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'POST', url: '/api/respondent/sessions', remoteAddress, payload: { token, locale: 'nl', channel: 'kiosk' } });

  beforeEach(async () => {
    t = await createTestApp({ config: { tokenAttemptLimit: limit } });
    panel = await seedMiniStudies(t.services, 35);
  });
  afterEach(() => t.close());

  it('unknown, malformed and mistyped tokens get byte-for-byte the same answer', async () => {
    const unknown = generateToken();
    const mistyped = unknown.slice(0, -1) + (unknown.endsWith('A') ? 'B' : 'A');
    const answers = [];
    for (const token of [formatToken(unknown), mistyped, 'not-a-token', 'x', '0'.repeat(80), panel.tokens[0]!.slice(1)]) {
      const res = await start(token, `10.0.0.${answers.length + 1}`);
      answers.push({ status: res.statusCode, body: res.body, type: res.headers['content-type'], length: res.headers['content-length'] });
    }
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    assert.equal(answers[0]!.status, 404);
    assert.equal(JSON.parse(answers[0]!.body).error.code, 'token_invalid');
  });

  it('a malformed token costs the server the same keyed hash and the same lookup as an unknown one', async () => {
    const work = { hashes: 0, lookups: 0 };
    const { hash, participants } = t.services;
    const lookup = participants.findActiveByTokenHash.bind(participants);
    t.services.hash = (purpose, value) => {
      if (purpose === 'token') work.hashes++;
      return hash(purpose, value);
    };
    participants.findActiveByTokenHash = (tokenHash) => {
      work.lookups++;
      return lookup(tokenHash);
    };
    const measure = async (token: string) => {
      work.hashes = 0;
      work.lookups = 0;
      assert.equal((await start(token, `10.1.0.${token.length % 200}`)).statusCode, 404);
      return { ...work };
    };
    const unknown = await measure(generateToken());
    assert.deepEqual(unknown, { hashes: 1, lookups: 1 });
    assert.deepEqual(await measure('not-a-token'), unknown);
    assert.deepEqual(await measure(generateToken().slice(0, -1) + '0'), unknown);
    assert.deepEqual(await measure('Z'.repeat(80)), unknown);
  });

  it(`after ${limit} failed attempts from one address, that address is refused with 429, even for a right token`, async () => {
    for (let i = 0; i < limit; i++) assert.equal((await start(generateToken())).statusCode, 404);
    const blocked = await start(generateToken());
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, 'rate_limited');
    assert.equal((await start(panel.tokens[0]!)).statusCode, 429);
    assert.equal((await start(panel.tokens[0]!, '127.0.0.9')).statusCode, 200, 'another address is not affected');
  });

  it('guessing one token from many addresses is refused once that token was tried too often', async () => {
    const target = panel.tokens[1]!;
    const guess = target.slice(0, -1) + (target.endsWith('A') ? 'B' : 'A');
    let refusedAt = -1;
    for (let i = 0; i < limit * 4 && refusedAt < 0; i++) {
      const res = await start(guess, `10.2.${Math.floor(i / 200)}.${i % 200}`);
      if (res.statusCode === 429) refusedAt = i;
      else assert.equal(res.statusCode, 404);
    }
    assert.equal(refusedAt, limit * 3, 'the per-token limit is three times the per-address one');
  });

  it('30 respondents starting and resuming at one kiosk address are not throttled, a few typos included', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await start(generateToken())).statusCode, 404, 'typo');
    for (const token of panel.tokens.slice(0, 30)) {
      const res = await start(token);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await start(formatToken(token).toLowerCase())).statusCode, 200, 'resume');
    }
    const [rows] = await queryRows<{ n: number }>(t.services, 'SELECT CAST(count(*) AS integer) AS n FROM responses');
    assert.equal(rows!.n, 30);
    // The same address is still throttled when it starts guessing.
    let guesses = 0;
    while ((await start(generateToken())).statusCode === 404) guesses++;
    assert.equal(guesses, limit - 3);
  });
});
