import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readStrings } from '../../server/i18n/catalog.ts';
import { regenerateSources } from '../../server/i18n/i18n.service.ts';
import { followSavedTranslations } from '../../server/i18n/saved-translations.ts';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import { createTestApp, day, fixturesDir, queryRows, runStatement, startSession, tempDir, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * Two servers on one database, each with its own copy of the shipped `locales/` folder (issue
 * #18): what a translator saves in the workspace on one (a translation, a review, a recording) is
 * kept in the database, and the other serves it without a restart (its workspace at once, its
 * respondents from its next look); a study made on one has its texts to translate on the other.
 */

/** The i18n fixture's folders of one server, as on its own machine. */
function ownFolders(name: string) {
  const root = tempDir(`wavepanel-${name}-`);
  cpSync(path.join(fixturesDir, 'i18n'), root, { recursive: true });
  const dirs = { surveysDir: path.join(root, 'surveys'), localesDir: path.join(root, 'locales'), studiesDir: path.join(root, 'studies') };
  regenerateSources(dirs);
  return dirs;
}

interface WorkspaceString {
  key: string;
  source: string;
  context?: { where: string; meaning: string };
  text?: string;
  state: string;
  stale: boolean;
  recording?: { url: string; stale: boolean };
}

const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(64, 1)]);
const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64, 2)]);

for (const dialect of dialects) {
  describe(`translations and recordings saved on one of two servers on one ${dialect} database`, () => {
    let one: TestApp;
    let two: TestApp;
    let admin: Client;
    let translatorOnOne: Client;
    let translatorOnTwo: Client;

    before(async () => {
      one = await createTestApp({ dialect, config: ownFolders('one') });
      two = await createTestApp({ alongside: one, config: ownFolders('two') });
      await addUser(one.services, 'ada', 'admin');
      const id = await addUser(one.services, 'rana', 'translator');
      admin = await signIn(one.app, 'ada');
      assert.equal((await admin.request('PUT', `/api/users/${id}/languages`, { languages: [{ lang: 'en', reviewer: true }] })).statusCode, 204);
      translatorOnOne = await signIn(one.app, 'rana');
      translatorOnTwo = await signIn(two.app, 'rana');
    });
    after(async () => {
      await two?.close();
      await one?.close();
    });

    const stringOn = async (translator: Client, key: string) =>
      ((await translator.request('GET', '/api/translate/en/mini-i18n')).json() as { strings: WorkspaceString[] }).strings.find((s) => s.key === key);
    const definitionOn = async (server: TestApp) => (await server.app.inject({ method: 'GET', url: '/api/surveys/mini-i18n/1?locale=en' })).body;

    it('a translation saved on one server is served to respondents by the other from its next look, and shown in its workspace at once', async () => {
      const saved = await translatorOnOne.request('PUT', '/api/translate/en/mini-i18n/q1.title', { text: 'How are you today?' });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(await stringOn(translatorOnTwo, 'q1.title'), { ...(await stringOn(translatorOnOne, 'q1.title')), text: 'How are you today?', state: 'translated' });
      assert.match(await definitionOn(one), /How are you today\?/);
      await two.services.translations.saved.refresh();
      assert.match(await definitionOn(two), /How are you today\?/);
      assert.equal(readStrings(one.config.localesDir, 'en', 'mini-i18n')['q1.title'], 'How are you today?', "the saving machine's folder stays a complete copy");
      assert.equal(readStrings(two.config.localesDir, 'en', 'mini-i18n')['q1.title'], 'Are you doing well?', "the other machine's files are what shipped");
    });

    it("a review on the other server builds on the first one's translation, and the first server's next look serves it", async () => {
      const reviewed = await translatorOnTwo.request('POST', '/api/translate/en/mini-i18n/q1.choices.no/review');
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const stop = followSavedTranslations(one.services.translations.saved, { intervalMs: 100, log: { info: () => {}, warn: () => {} } });
      try {
        while (one.services.translations.saved.revision({ lang: 'en', namespace: 'mini-i18n' }) < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        stop();
      }
      assert.deepEqual([(await stringOn(translatorOnOne, 'q1.title'))?.text, (await stringOn(translatorOnOne, 'q1.choices.no'))?.state], ['How are you today?', 'reviewed']);
    });

    it("a translation removed on one server shows in Dutch on the other, though the other's file has it", async () => {
      assert.equal((await translatorOnOne.request('PUT', '/api/translate/en/mini-i18n/q1.choices.no', { text: ' ' })).statusCode, 200);
      await two.services.translations.saved.refresh();
      const served = JSON.parse(await definitionOn(two)) as { pages: { elements: { choices: { value: string; text: string }[] }[] }[] };
      assert.equal(served.pages[0]!.elements[0]!.choices.find((c) => c.value === 'no')!.text, 'Nee');
      assert.equal((await stringOn(translatorOnTwo, 'q1.choices.no'))?.state, 'missing');
    });

    it("the app's own strings saved on one server are what the other's respondents load", async () => {
      const saved = await translatorOnOne.request('PUT', '/api/translate/en/app/start.title', { text: 'Welcome!' });
      assert.equal(saved.statusCode, 200, saved.body);
      await two.services.translations.saved.refresh();
      const catalog = (await two.app.inject({ method: 'GET', url: '/api/i18n/en/app' })).json() as { start: { title: string } };
      assert.equal(catalog.start.title, 'Welcome!');
    });

    it('a recording saved on one server is played by the other, from the database', async () => {
      const saved = await translatorOnOne.request('PUT', '/api/translate/en/mini-i18n/q1.title/recording', ogg, { 'content-type': 'audio/ogg' });
      assert.equal(saved.statusCode, 200, saved.body);
      await two.services.translations.saved.refresh();
      const list = (await two.app.inject({ method: 'GET', url: '/api/recordings/mini-i18n/en' })).json() as { recordings: Record<string, string> };
      const played = await two.app.inject({ method: 'GET', url: list.recordings['q1.title']! });
      assert.deepEqual([played.statusCode, played.headers['content-type'], played.rawPayload.equals(ogg)], [200, 'audio/ogg', true]);
      assert.equal(existsSync(path.join(two.config.localesDir, 'en', 'audio')), false, 'the other machine has no file of it');
      assert.ok(existsSync(path.join(one.config.localesDir, 'en', 'audio', 'mini-i18n', path.basename(list.recordings['q1.title']!))), "the saving machine's folder stays a complete copy");
      assert.deepEqual((await stringOn(translatorOnTwo, 'q1.title'))?.recording, { url: list.recordings['q1.title'], stale: false });
    });

    it('a recording the database refuses is stored nowhere', async () => {
      const before = await queryRows(one.services, 'SELECT * FROM translation_revisions ORDER BY namespace');
      await runStatement(one.services, 'ALTER TABLE saved_recordings RENAME TO saved_recordings_away');
      try {
        const refused = await translatorOnOne.request('PUT', '/api/translate/en/mini-i18n/q1.choices.yes/recording', mp3, { 'content-type': 'audio/mpeg' });
        assert.equal(refused.statusCode, 500);
      } finally {
        await runStatement(one.services, 'ALTER TABLE saved_recordings_away RENAME TO saved_recordings');
      }
      assert.deepEqual(await queryRows(one.services, 'SELECT * FROM translation_revisions ORDER BY namespace'), before);
      assert.deepEqual(readdirSync(path.join(one.config.localesDir, 'en', 'audio', 'mini-i18n')).length, 1, 'only the first recording has a file');
      assert.equal((await stringOn(translatorOnOne, 'q1.choices.yes'))?.recording, undefined);
    });

    it("a study made in the workspace on one server has its texts in the other's list for translators", async () => {
      const created = await admin.request('POST', '/api/studies/from-definition', { definition: { id: 'town', kind: 'cross', title: 'Buurtpanel', purpose: 'Hoe het gaat in de buurt.' } });
      assert.equal(created.statusCode, 201, created.body);
      const workspace = (await translatorOnTwo.request('GET', '/api/translate')).json() as { files: string[] };
      assert.ok(workspace.files.includes('study-town'), workspace.files.join(', '));
      const file = (await translatorOnTwo.request('GET', '/api/translate/en/study-town')).json() as { strings: WorkspaceString[] };
      assert.deepEqual(file.strings.map((s) => [s.key, s.state]), [['title', 'missing'], ['purpose', 'missing']]);
      const saved = await translatorOnTwo.request('PUT', '/api/translate/en/study-town/title', { text: 'Neighbourhood panel' });
      assert.equal(saved.statusCode, 200, saved.body);
      const opensAt = new Date(one.clock.now().getTime() - day);
      await scheduleWave({ ...one.services, wave: { studyId: 'town', code: 'W0', surveyId: 'mini-i18n', surveyVersion: 1, opensAt, closesAt: new Date(opensAt.getTime() + 30 * day) } });
      await one.services.translations.saved.refresh();
      const session = await startSession(one.app, { studyId: 'town', locale: 'en' });
      assert.equal(session.status, 200, JSON.stringify(session.body));
      const title = session.body.title as Record<string, string>;
      assert.deepEqual([title.en, title.nl], ['Neighbourhood panel', 'Buurtpanel'], "the first server's respondents read the title translated on the other");
    });

    it("a copy made on one server of a study translated on the other takes the translations along, for every server", async () => {
      const copied = await admin.request('POST', '/api/studies/town/copy', { id: 'town-2027', title: 'Buurtpanel 2027' });
      assert.equal(copied.statusCode, 201, copied.body);
      const file = (await translatorOnTwo.request('GET', '/api/translate/en/study-town-2027')).json() as { strings: WorkspaceString[] };
      assert.deepEqual(file.strings.find((s) => s.key === 'title'), { key: 'title', source: 'Buurtpanel 2027', context: file.strings[0]!.context, text: 'Neighbourhood panel', state: 'translated', stale: true });
    });

    it('a save the database refuses changes neither the database nor the files', async () => {
      const file = path.join(one.config.localesDir, 'en', 'mini-i18n.json');
      const before = [await queryRows(one.services, 'SELECT * FROM translation_revisions ORDER BY namespace'), readFileSync(file, 'utf8')];
      await runStatement(one.services, 'ALTER TABLE saved_translations RENAME TO saved_translations_away');
      try {
        const refused = await translatorOnOne.request('PUT', '/api/translate/en/mini-i18n/q1.title', { text: 'Half written?' });
        assert.equal(refused.statusCode, 500);
      } finally {
        await runStatement(one.services, 'ALTER TABLE saved_translations_away RENAME TO saved_translations');
      }
      assert.deepEqual([await queryRows(one.services, 'SELECT * FROM translation_revisions ORDER BY namespace'), readFileSync(file, 'utf8')], before);
      assert.equal((await stringOn(translatorOnOne, 'q1.title'))?.text, 'How are you today?');
    });
  });
}
