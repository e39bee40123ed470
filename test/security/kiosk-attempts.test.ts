import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { generateToken } from '../../server/tokens/token.ts';
import { createTestApp, type MiniPanel, queryRows, seedMiniStudies, type TestApp } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

/**
 * Kiosks are known devices: failed codes at an enrolled kiosk count for that tablet, so old
 * letters typed at one tablet never lock out the others or the site's address.
 */

const limit = 4;
const site = '192.0.2.50';

describe('enrolled kiosks', () => {
  let t: TestApp;
  let panel: MiniPanel;
  let kioskA: string;
  let kioskB: string;
  let kioskAId: number;

  before(async () => {
    t = await createTestApp({ config: { tokenAttemptLimit: limit, anonymousStartLimit: 3 } });
    panel = await seedMiniStudies(t.services, 40);
    await addUser(t.services, 'rita', 'researcher');
  });
  after(() => t.close());
  beforeEach(async () => {
    t.clock.advance(t.config.tokenAttemptWindowMs + 1);
    const rita = await signIn(t.app, 'rita');
    const enrol = (label: string) => rita.request('POST', '/api/kiosks', { label });
    const a = await enrol('Werkplein Noord, balie 1');
    assert.equal(a.statusCode, 201, a.body);
    assert.match(a.json().enrolmentPath, /^\/kiosk#enrol=[A-Za-z0-9_-]{43}$/);
    kioskA = a.json().key;
    kioskAId = a.json().id;
    kioskB = (await enrol('Werkplein Noord, balie 2')).json().key;
  });

  const start = (body: Record<string, unknown>, kioskKey?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/respondent/sessions',
      remoteAddress: site,
      headers: kioskKey ? { 'x-kiosk-key': kioskKey } : {},
      payload: { locale: 'nl', channel: kioskKey ? 'kiosk' : 'web', ...body },
    });

  it('enrolling a kiosk is written to the audit log without its key', async () => {
    const rows = await queryRows<{ detail: string }>(t.services, "SELECT detail FROM audit_log WHERE action = 'kiosk_enrol'");
    assert.ok(rows.length >= 2);
    assert.ok(!rows.some((r) => r.detail.includes(kioskA)));
  });

  it("unknown codes at one kiosk lock out neither the next respondent there, nor another kiosk, nor the site's other visitors", async () => {
    for (let i = 0; i < limit + 2; i++) assert.equal((await start({ token: generateToken() }, kioskA)).statusCode, 404);
    assert.equal((await start({ token: panel.tokens[0] }, kioskA)).statusCode, 200, 'the next respondent at the same kiosk');
    assert.equal((await start({ token: panel.tokens[1] }, kioskB)).statusCode, 200, 'another kiosk of the site');
    assert.equal((await start({ token: panel.tokens[2] })).statusCode, 200, "a phone on the site's address");
  });

  it('a kiosk that keeps failing is refused itself, and only itself', async () => {
    let failures = 0;
    while ((await start({ token: generateToken() }, kioskA)).statusCode === 404) failures++;
    assert.equal(failures, limit * 10);
    assert.equal((await start({ token: panel.tokens[3] }, kioskA)).statusCode, 429);
    assert.equal((await start({ token: panel.tokens[3] }, kioskB)).statusCode, 200);
    assert.equal((await start({ token: panel.tokens[4] })).statusCode, 200);
  });

  it('an unknown or revoked kiosk key counts as the address', async () => {
    const rita = await signIn(t.app, 'rita');
    assert.equal((await rita.request('DELETE', `/api/kiosks/${kioskAId}`)).statusCode, 204);
    const listed = (await rita.request('GET', '/api/kiosks')).json() as { id: number; revoked: boolean }[];
    assert.equal(listed.find((k) => k.id === kioskAId)?.revoked, true);
    for (let i = 0; i < limit; i++) assert.equal((await start({ token: generateToken() }, i % 2 ? kioskA : 'not-an-enrolled-key')).statusCode, 404);
    assert.equal((await start({ token: panel.tokens[5] })).statusCode, 429, 'the address used up its attempts');
  });

  it('successful starts do not count against a token: one respondent resumes many times in a window', async () => {
    for (let i = 0; i < limit * 3 + 5; i++) assert.equal((await start({ token: panel.tokens[6] })).statusCode, 200, `resume ${i + 1}`);
  });

  it('anonymous starts are limited per address, and refused starts make no response', async () => {
    const count = async () => (await queryRows<{ n: number }>(t.services, "SELECT CAST(count(*) AS integer) AS n FROM responses WHERE study_id = 'mini-cross'"))[0]!.n;
    const before = await count();
    for (let i = 0; i < 3; i++) assert.equal((await start({ studyId: 'mini-cross' })).statusCode, 200);
    const refused = await start({ studyId: 'mini-cross' });
    assert.equal(refused.statusCode, 429);
    assert.equal(await count(), before + 3);
    assert.equal((await start({ studyId: 'mini-cross' }, kioskB)).statusCode, 200, 'an enrolled kiosk serves many anonymous visitors');
  });
});
