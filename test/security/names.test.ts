import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, queryRows, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/** Names are text a person reads: normalised (NFC), and refused with characters that make no sense in a name. */

describe('study names', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await createTestApp();
    await addUser(t.services, 'ada', 'admin');
    admin = await signIn(t.app, 'ada');
  });
  after(() => t.close());

  const create = (id: string, name: string) => admin.request('POST', '/api/studies', { id, name, kind: 'cross' });

  const refused: [string, string][] = [
    ['a NUL character', 'Studie\u0000'],
    ['a line break', 'Studie\nHOST'],
    ['a lone surrogate', 'Studie \ud800'],
    ['a right-to-left override', 'Studie \u202egnp.exe'],
    ['a bidi isolate', 'Studie \u2066x\u2069'],
    ['a zero-width space', 'Stu\u200bdie'],
    ['only a space', ' '],
  ];
  for (const [what, name] of refused) {
    it(`refuses a study name with ${what}`, async () => {
      const res = await create('refused-study', name);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'validation_failed');
      assert.deepEqual(await queryRows(t.services, "SELECT id FROM studies WHERE id = 'refused-study'"), []);
    });
  }

  it('stores a name typed in decomposed form as its composed (NFC) form, and keeps Arabic and Ge\'ez text', async () => {
    const decomposed = 'Be\u0301ta-studie عربي ትግርኛ';
    assert.equal((await create('nfc-study', decomposed)).statusCode, 201);
    const [row] = await queryRows<{ name: string }>(t.services, "SELECT name FROM studies WHERE id = 'nfc-study'");
    assert.equal(row!.name, decomposed.normalize('NFC'));
    assert.notEqual(row!.name, decomposed);
  });
});
