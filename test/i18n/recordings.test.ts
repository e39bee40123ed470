import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { i18nReport, regenerateSources } from '../../server/i18n/i18n.service.ts';
import { detectAudio, readRecordings } from '../../server/i18n/recordings.ts';
import { createTestApp, fixturesDir, tempDir, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/** Recorded audio per question and choice: format checks, storage with the Dutch text's hash, delivery. */

const header = (bytes: number[], length = 64) => Buffer.concat([Buffer.from(bytes), Buffer.alloc(length)]);
const webm = header([0x1a, 0x45, 0xdf, 0xa3]);
const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(64)]);
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(64)]);
const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64)]);

test('a recording is told apart by its first bytes, never by its name or declared type', () => {
  const cases: [string, Buffer, string | undefined][] = [
    ['WebM (Chrome and Firefox MediaRecorder)', webm, 'audio/webm'],
    ['Ogg Opus', ogg, 'audio/ogg'],
    ['MP4/AAC (iOS Safari)', mp4, 'audio/mp4'],
    ['MP3 with an ID3 tag', mp3, 'audio/mpeg'],
    ['MP3 frame', header([0xff, 0xfb, 0x90]), 'audio/mpeg'],
    ['PNG image', header([0x89, 0x50, 0x4e, 0x47]), undefined],
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>'), undefined],
    ['PDF', Buffer.from('%PDF-1.7 ...'), undefined],
    ['nothing', Buffer.alloc(0), undefined],
  ];
  for (const [name, bytes, type] of cases) assert.equal(detectAudio(bytes)?.type, type, name);
});

async function setup(t: TestContext): Promise<{ app: TestApp; dirs: { surveysDir: string; localesDir: string }; translator: Client }> {
  const root = tempDir('wavepanel-recordings-');
  cpSync(path.join(fixturesDir, 'i18n'), root, { recursive: true });
  const dirs = { surveysDir: path.join(root, 'surveys'), localesDir: path.join(root, 'locales') };
  regenerateSources(dirs);
  const app = await createTestApp({ config: dirs });
  t.after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
  await addUser(app.services, 'ada', 'admin');
  const id = await addUser(app.services, 'tesfay', 'translator');
  await (await signIn(app.app, 'ada')).request('PUT', `/api/users/${id}/languages`, { languages: [{ lang: 'ti', reviewer: false }] });
  return { app, dirs, translator: await signIn(app.app, 'tesfay') };
}

const put = (client: Client, url: string, bytes: Buffer, type: string) => client.request('PUT', url, bytes, { 'content-type': type });

test('a translator stores a recording of a question and of a choice; respondents get the list, and the bytes only from their own URL', async (t) => {
  const { app, dirs, translator } = await setup(t);
  assert.equal((await put(translator, '/api/translate/ti/mini-i18n/q1.title/recording', ogg, 'audio/ogg')).statusCode, 200);
  assert.equal((await put(translator, '/api/translate/ti/mini-i18n/q1.choices.yes/recording', mp4, 'audio/mp4')).statusCode, 200);
  const list = (await app.app.inject({ method: 'GET', url: '/api/recordings/mini-i18n/ti' })).json() as { recordings: Record<string, string> };
  assert.deepEqual(Object.keys(list.recordings).sort(), ['q1.choices.yes', 'q1.title']);
  const file = await app.app.inject({ method: 'GET', url: list.recordings['q1.title']! });
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'audio/ogg');
  assert.match(String(file.headers['cache-control']), /immutable/);
  assert.deepEqual(file.rawPayload, ogg);
  assert.deepEqual((await app.app.inject({ method: 'GET', url: '/api/recordings/mini-i18n/ar' })).json(), { recordings: {} });
  assert.equal(readRecordings(dirs, 'ti', 'mini-i18n')['q1.choices.yes']!.type, 'audio/mp4');
});

test('a file that is not audio, one too large, or one for a language not given is refused and nothing is stored', async (t) => {
  const { dirs, translator } = await setup(t);
  const png = header([0x89, 0x50, 0x4e, 0x47]);
  const notAudio = await put(translator, '/api/translate/ti/mini-i18n/q1.title/recording', png, 'audio/webm');
  assert.equal(notAudio.statusCode, 415);
  assert.equal(notAudio.json().error.code, 'unsupported_media_type');
  const large = await put(translator, '/api/translate/ti/mini-i18n/q1.title/recording', Buffer.concat([webm, Buffer.alloc(3 * 1024 * 1024)]), 'audio/webm');
  assert.equal(large.statusCode, 413);
  assert.equal((await put(translator, '/api/translate/ar/mini-i18n/q1.title/recording', webm, 'audio/webm')).statusCode, 403);
  assert.equal((await put(translator, '/api/translate/ti/app/start.title/recording', webm, 'audio/webm')).statusCode, 404, 'app strings are not spoken');
  assert.deepEqual(readRecordings(dirs, 'ti', 'mini-i18n'), {});
});

test('a recording whose Dutch text changed is stale in the i18n report and in the workspace', async (t) => {
  const { dirs, translator } = await setup(t);
  assert.equal((await put(translator, '/api/translate/ti/mini-i18n/q1.title/recording', webm, 'audio/webm')).statusCode, 200);
  let ti = i18nReport(dirs, ['ti']).find((r) => r.namespace === 'mini-i18n')!;
  assert.deepEqual([ti.recordings, ti.staleRecordings], [1, []]);
  const definition = JSON.parse(readFileSync(path.join(dirs.surveysDir, 'mini-i18n', '1.json'), 'utf8')) as { pages: { elements: { title: string }[] }[] };
  definition.pages[0]!.elements[0]!.title = 'Gaat het echt goed?';
  mkdirSync(path.join(dirs.surveysDir, 'mini-i18n'), { recursive: true });
  writeFileSync(path.join(dirs.surveysDir, 'mini-i18n', '2.json'), JSON.stringify(definition));
  ti = i18nReport(dirs, ['ti']).find((r) => r.namespace === 'mini-i18n')!;
  assert.deepEqual(ti.staleRecordings, ['q1.title']);
  const file = (await translator.request('GET', '/api/translate/ti/mini-i18n')).json() as { strings: { key: string; recording?: { stale: boolean } }[] };
  assert.equal(file.strings.find((s) => s.key === 'q1.title')!.recording!.stale, true);
});
