import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import { createTestApp, queryRows, tempDir } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

/** A researcher rewrites a study's letter texts in the workspace; letters and translators follow. */

const day = 24 * 60 * 60 * 1000;
const intro = 'Wij vragen u tien minuten over uw buurt. Meedoen is vrijwillig en anoniem.';

async function setUp() {
  const studiesDir = path.join(tempDir(), 'studies');
  const t = await createTestApp({ config: { studiesDir, publicUrl: 'https://panel.example.nl' } });
  await addUser(t.services, 'ada', 'admin');
  const ada = await signIn(t.app, 'ada');
  const created = await ada.request('POST', '/api/studies/from-definition', {
    definition: { id: 'town', kind: 'panel', title: 'Buurtpanel', purpose: 'Hoe het gaat in de buurt.', waves: [{ code: 'W0', survey: 'mini' }] },
  });
  assert.equal(created.statusCode, 201, created.body);
  await addUser(t.services, 'rita', 'researcher', ['town']);
  const opens = new Date(t.clock.now().getTime() - day);
  await scheduleWave({ ...t.services, wave: { studyId: 'town', code: 'W0', surveyId: 'mini', surveyVersion: 1, opensAt: opens, closesAt: new Date(opens.getTime() + 60 * day) } });
  return { t, ada, rita: await signIn(t.app, 'rita'), studiesDir };
}

test("a study without letter texts of its own shows what the letter says instead: the platform's texts, its title and purpose", async () => {
  const { t, rita } = await setUp();
  try {
    const res = await rita.request('GET', '/api/studies/town/letter-texts');
    assert.equal(res.statusCode, 200, res.body);
    const { own, fallback } = res.json() as { own: Record<string, string>; fallback: Record<string, string> };
    assert.deepEqual(own, {});
    assert.equal(fallback.title, 'Buurtpanel');
    assert.equal(fallback.intro, 'Hoe het gaat in de buurt.');
    assert.match(fallback.scan!, /\{\{site\}\}/, "the platform's own text, with its placeholder");
  } finally {
    await t.close();
  }
});

test('a member rewrites the introduction: the definition file keeps it, the next letters say it, and it is audited', async () => {
  const { t, rita, studiesDir } = await setUp();
  try {
    const saved = await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { intro, greeting: 'Beste bewoner,' } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json().own, { greeting: 'Beste bewoner,', intro });
    const file = JSON.parse(fs.readFileSync(path.join(studiesDir, 'town', 'study.json'), 'utf8')) as { letter: unknown; title: string };
    assert.deepEqual([file.title, file.letter], ['Buurtpanel', { greeting: 'Beste bewoner,', intro }]);

    const batch = await rita.request('POST', '/api/studies/town/batches', { count: 1, language: 'nl' });
    assert.equal(batch.statusCode, 201, batch.body);
    const letters = (await rita.request('GET', (batch.json() as { lettersUrl: string }).lettersUrl)).body;
    assert.ok(letters.includes(intro), 'the letter has the new introduction');
    assert.ok(letters.includes('Beste bewoner,'));

    const audit = (await queryRows(t.services, `SELECT study_id AS "studyId", detail FROM audit_log WHERE action = 'letter_texts_change'`)) as { studyId: string; detail: string }[];
    assert.deepEqual(audit.map((a) => [a.studyId, JSON.parse(a.detail)]), [['town', { changed: ['greeting', 'intro'] }]]);
  } finally {
    await t.close();
  }
});

test('an emptied text returns to the fallback, and the letter says the purpose again', async () => {
  const { t, rita, studiesDir } = await setUp();
  try {
    await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { intro } });
    const emptied = await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { intro: '' } });
    assert.equal(emptied.statusCode, 200, emptied.body);
    assert.deepEqual(emptied.json().own, {});
    assert.equal('letter' in JSON.parse(fs.readFileSync(path.join(studiesDir, 'town', 'study.json'), 'utf8')), false);
  } finally {
    await t.close();
  }
});

test('a changed Dutch text is out of date for the translators in every other language', async () => {
  const { t, ada, rita } = await setUp();
  try {
    await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { intro } });
    const translated = await ada.request('PUT', '/api/translate/ar/study-town/letter.intro', { text: 'نطلب منك عشر دقائق عن حيّك.' });
    assert.equal(translated.statusCode, 200, translated.body);
    await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { intro: `${intro} Het duurt ongeveer tien minuten.` } });
    const file = (await ada.request('GET', '/api/translate/ar/study-town')).json() as { strings: { key: string; source: string; stale: boolean }[] };
    const entry = file.strings.find((s) => s.key === 'letter.intro');
    assert.deepEqual([entry?.source, entry?.stale], [`${intro} Het duurt ongeveer tien minuten.`, true]);
  } finally {
    await t.close();
  }
});

test('a text with control or invisible characters is refused and nothing changes', async () => {
  const { t, rita, studiesDir } = await setUp();
  try {
    const before = fs.readFileSync(path.join(studiesDir, 'town', 'study.json'), 'utf8');
    for (const text of ['Beste\u0000bewoner', 'Beste \u202Ebewoner', '   ']) {
      const res = await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { greeting: text } });
      assert.equal(res.statusCode, 400, JSON.stringify(text));
    }
    assert.equal((await rita.request('PUT', '/api/studies/town/letter-texts', { texts: { signature: 'x' } })).statusCode, 400, 'an unknown text');
    assert.equal(fs.readFileSync(path.join(studiesDir, 'town', 'study.json'), 'utf8'), before);
  } finally {
    await t.close();
  }
});
