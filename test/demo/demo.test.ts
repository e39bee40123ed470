import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeDemo, ensureDemoAdmin, seedDemo } from '../../server/demo/seed.ts';
import { formatToken } from '../../server/tokens/token.ts';
import { createTestApp, queryRows, startSession, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';

for (const dialect of dialects) describe(`the demo (${dialect})`, () => {
  let t: TestApp;
  before(async () => (t = await createTestApp({ surveys: 'demo', dialect })));
  after(() => t.close());

  it('has the EAA panel with T0 open now and T1 and T2 later, and the anonymous one-off study', async () => {
    assert.equal((await t.services.studies.findStudy('eaa'))?.kind, 'panel');
    assert.equal((await t.services.studies.findStudy('eaa-cross'))?.kind, 'cross');
    const waves = await t.services.studies.wavesOf('eaa');
    assert.deepEqual(waves.map((w) => [w.code, w.surveyId]), [['T0', 'eaa-t0'], ['T1', 'eaa-t1'], ['T2', 'eaa-t2']]);
    const now = t.services.now().getTime();
    assert.ok(waves[0]!.opensAt.getTime() <= now && now < waves[0]!.closesAt.getTime());
    assert.ok(waves[1]!.opensAt.getTime() > now);
  });

  const count = async (table: string) => (await queryRows<{ n: number }>(t.services, `SELECT CAST(count(*) AS integer) AS n FROM ${table}`))[0]!.n;

  it('has synthetic respondents with register data and answers in T0, T1 and T2 (none with a name or token)', async () => {
    const perWave = await queryRows<{ code: string; n: number }>(
      t.services,
      "SELECT w.code, CAST(count(*) AS integer) AS n FROM responses r JOIN waves w ON w.id = r.wave_id WHERE r.study_id = 'eaa' AND r.completed_at IS NOT NULL GROUP BY w.code ORDER BY w.code",
    );
    assert.deepEqual(perWave.map((w) => w.code), ['T0', 'T1', 'T2']);
    assert.ok(perWave.every((w) => w.n > 300), JSON.stringify(perWave));
    assert.equal(await count('register_data'), 500);
    const pseudonyms = await queryRows<{ pseudonym: string }>(t.services, "SELECT pseudonym FROM participants WHERE study_id = 'eaa' AND id IN (SELECT participant_id FROM responses)");
    assert.ok(pseudonyms.every((p) => /^EAA-S\d{3}$/.test(p.pseudonym)), 'only the synthetic participants have answered');
  });

  it('prints 20 tokens that each open T0, the same ones at every start, with links in each participant\'s letter language', async () => {
    const counts = () => Promise.all(['participants', 'responses', 'register_data'].map(count));
    const before = await counts();
    const { tokens, created } = await seedDemo(t.services);
    assert.equal(created, false, 'seeding again changes nothing');
    assert.deepEqual(await counts(), before, 'and adds nothing');
    assert.equal(tokens.length, 20);
    const text = describeDemo(tokens, 'http://127.0.0.1:3000');
    assert.ok(text.includes(formatToken(tokens[0]!)));
    const printedLinks = text.split('\n').map((line) => line.split(' ').at(-1));
    for (const token of tokens) {
      const [{ language }] = (await queryRows<{ language: string }>(t.services, 'SELECT language FROM participants WHERE token_hash = ?', [t.services.hash('token', token)])) as [{ language: string }];
      assert.ok(printedLinks.includes(`http://127.0.0.1:3000/t/${token}?lang=${language}`), `the link opens in ${language}, the participant's letter language`);
    }
    assert.ok(['nl', 'ar', 'ti'].every((language) => text.includes(`?lang=${language}`)), 'in more than one language');
    for (const token of tokens.slice(0, 3)) {
      const session = await startSession(t.app, { token: formatToken(token) });
      assert.equal(session.body.waveCode, 'T0');
      assert.deepEqual([session.body.pageNo, session.body.answers], [0, {}], 'a fresh token: nothing answered yet');
      assert.equal((session.body.survey as { id: string }).id, 'eaa-t0');
    }
  });

  it('the one-off survey starts without a token', async () => {
    const session = await startSession(t.app, { studyId: 'eaa-cross', locale: 'ti' });
    assert.equal(session.status, 200);
    assert.equal((session.body.survey as { id: string }).id, 'eaa-cross');
  });

  it('a demo admin can sign in with the printed password', async () => {
    const admin = await ensureDemoAdmin(t.services);
    assert.deepEqual(await ensureDemoAdmin(t.services), admin, 'the same account at every start');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: admin.password } });
    assert.equal(res.statusCode, 200);
  });
});
