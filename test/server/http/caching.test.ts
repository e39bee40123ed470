import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding } from '../../../server/http/compression.ts';
import { letterPage } from '../../../server/routes/pages.ts';
import { generateToken } from '../../../server/tokens/token.ts';
import { listenTestApp, seedMiniStudies, startSession, type ListeningTestApp, type MiniPanel } from '../../helpers/app.ts';

/** A GET over real HTTP, as a browser sends it: the raw headers and bytes as they leave the server. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const browserEncodings = { 'accept-encoding': 'gzip, deflate, br, zstd' };

describe('caching and compression over real HTTP (the built client)', () => {
  let t: ListeningTestApp;
  let panel: MiniPanel;
  before(async () => {
    t = await listenTestApp();
    panel = await seedMiniStudies(t.services, 2);
  });
  after(() => t.close());

  it('a hashed asset goes out precompressed and cached for a year as immutable', async () => {
    const page = await get(`${t.url}/`, browserEncodings);
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(page.body.toString('utf8'))?.[1];
    assert.ok(script, 'the page names its hashed script');
    const asset = await get(`${t.url}${script}`, browserEncodings);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(asset.headers['content-encoding'], 'br');
    const plain = await get(`${t.url}${script}`);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable', 'also without compression');
  });

  it('the pages themselves are never cached, so a new release is picked up at once', async () => {
    for (const url of ['/', '/kiosk']) assert.equal((await get(`${t.url}${url}`)).headers['cache-control'], 'no-cache', url);
  });

  it("the letter's link opens in the letter's language with the survey code already on its way, and no font the phone may have itself", async () => {
    const page = (await get(`${t.url}/t/0000000000000000000000000?lang=ti`)).body.toString('utf8');
    assert.match(page, /<html lang="ti" dir="ltr">/);
    assert.match(page, /<link rel="modulepreload" crossorigin href="\/assets\/SurveyView-[^"]+\.js">/);
    assert.doesNotMatch(page, /as="font"/, "the Ge'ez font only where the phone has none (a preload would always download it)");
    const arabic = (await get(`${t.url}/t/0000000000000000000000000?lang=ar`)).body.toString('utf8');
    assert.match(arabic, /<html lang="ar" dir="rtl">/);
    const unknown = (await get(`${t.url}/t/0000000000000000000000000?lang=xx`)).body.toString('utf8');
    assert.match(unknown, /<html lang="nl" dir="ltr">/, 'an unknown language is ignored');
  });

  it("the letter's page preloads SurveyJS's strings in its own language only", async () => {
    const dictionaries = (page: string) => [...page.matchAll(/<link rel="modulepreload" crossorigin href="\/assets\/(arabic|turkish)-[^"]+\.js">/g)].map((match) => match[1]);
    assert.deepEqual(dictionaries((await get(`${t.url}/t/0000000000000000000000000?lang=ar`)).body.toString('utf8')), ['arabic']);
    assert.deepEqual(dictionaries((await get(`${t.url}/t/0000000000000000000000000?lang=tr`)).body.toString('utf8')), ['turkish']);
    for (const language of ['nl', 'en', 'ti']) {
      assert.deepEqual(dictionaries((await get(`${t.url}/t/0000000000000000000000000?lang=${language}`)).body.toString('utf8')), [], language);
    }
  });

  it("the letter's page goes out compressed, the first thing a phone downloads from the letter", async () => {
    const url = `${t.url}/t/0000000000000000000000000?lang=ti`;
    const plain = await get(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await get(url, browserEncodings);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(br.body).toString('utf8'), plain.body.toString('utf8'));
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    assert.equal(gunzipSync(gz.body).toString('utf8'), plain.body.toString('utf8'));
  });

  it("the letter's page carries its language's strings as data blocks, Dutch in the script already", async (context) => {
    // The project's own translations (the mini study's fixtures have no app strings).
    const demo = await listenTestApp({ surveys: 'demo' });
    context.after(() => demo.close());
    const block = (page: string, id: string) => new RegExp(`<script type="application/json" id="${id}" data-lang="(\\w+)">([^<]*)</script>`).exec(page);
    const tigrinya = (await get(`${demo.url}/t/0000000000000000000000000?lang=ti`)).body.toString('utf8');
    const app = block(tigrinya, 'app-strings');
    assert.equal(app?.[1], 'ti');
    assert.deepEqual(JSON.parse(app![2]!), demo.services.appCatalogs.read('ti', 'app')!.value);
    assert.equal(block(tigrinya, 'surveyjs-strings')?.[1], 'ti', "SurveyJS's Tigrinya strings, which survey-core lacks");
    assert.match(tigrinya, /<link rel="modulepreload" crossorigin href="\/assets\/ti-[^"]+\.js">/, 'country names in Tigrinya');
    const arabic = (await get(`${demo.url}/t/0000000000000000000000000?lang=ar`)).body.toString('utf8');
    assert.equal(block(arabic, 'app-strings')?.[1], 'ar');
    assert.equal(block(arabic, 'surveyjs-strings'), null);
    const dutch = (await get(`${demo.url}/t/0000000000000000000000000?lang=nl`)).body.toString('utf8');
    assert.equal(block(dutch, 'app-strings'), null);
    assert.equal(block((await get(`${demo.url}/t/0000000000000000000000000`)).body.toString('utf8'), 'app-strings'), null, 'no language, no strings');
  });

  /** The definition a letter's page has the browser download before Start is tapped, if any. */
  const preloadedDefinition = async (url: string) => {
    const href = /<link rel="preload" as="fetch" crossorigin href="([^"]+)">/.exec((await get(url)).body.toString('utf8'))?.[1];
    return href?.replaceAll('&amp;', '&');
  };

  it("a letter's page has the browser download the survey definition that Start will show, before the tap", async () => {
    const [fresh, resumed] = panel.tokens as [string, string];
    const preloaded = await preloadedDefinition(`${t.url}/t/${fresh}?lang=ar`);
    assert.ok(preloaded, 'a preload of the definition');
    const { body: session } = await startSession(t.app, { token: fresh, locale: 'ar' });
    assert.equal(preloaded, (session.survey as { url: string }).url, 'the one the session then gives');

    await startSession(t.app, { token: resumed, locale: 'tr' });
    const { body: again } = await startSession(t.app, { token: resumed, locale: 'ti' });
    assert.equal(again.locale, 'tr', 'a started response resumes in its own language');
    assert.equal(await preloadedDefinition(`${t.url}/t/${resumed}?lang=ti`), (again.survey as { urls: Record<string, string> }).urls.tr, 'so its page preloads that one');
  });

  it("a letter's page preloads no definition for an unknown code, nor without the letter's language", async () => {
    assert.equal(await preloadedDefinition(`${t.url}/t/${generateToken()}?lang=nl`), undefined);
    assert.equal(await preloadedDefinition(`${t.url}/t/${panel.tokens[0]}`), undefined);
  });

  it("a letter's page looking up an unknown code counts as a failed attempt, like a start: it tells a guesser nothing for free", async (context) => {
    const guarded = await listenTestApp({ config: { tokenAttemptLimit: 2 } });
    context.after(() => guarded.close());
    const { tokens } = await seedMiniStudies(guarded.services, 1);
    for (let i = 0; i < 2; i++) assert.equal((await get(`${guarded.url}/t/${generateToken()}?lang=nl`)).status, 200, 'the page itself still opens');
    assert.equal(await preloadedDefinition(`${guarded.url}/t/${tokens[0]}?lang=nl`), undefined, 'no look-up once the attempts are used up');
    assert.equal((await startSession(guarded.app, { token: tokens[0] })).status, 429, 'and starting waits too');
  });

  it('a string with "</script>" in it cannot close the data block', () => {
    const page = letterPage('<html lang="nl" dir="ltr"><head></head></html>', { scripts: [], styles: [] }, 'en', { app: { entry: { start: '</script><script>alert(1)</script> $& $\'' } } });
    assert.equal(page.match(/<\/script>/g)?.length, 1);
    const json = /<script type="application\/json"[^>]*>([^<]*)<\/script>/.exec(page)![1]!;
    assert.equal((JSON.parse(json) as { entry: { start: string } }).entry.start, '</script><script>alert(1)</script> $& $\'');
  });

  it('a survey definition under its content hash is immutable and compressed with brotli or gzip as the browser accepts', async () => {
    const { body: session } = await startSession(t.app, { studyId: 'mini-cross', locale: 'ar' });
    const urls = (session.survey as { urls: Record<string, string> }).urls;
    assert.deepEqual(Object.keys(urls).sort(), ['ar', 'en', 'nl', 'ti', 'tr'], 'an address for every language');
    for (const url of Object.values(urls)) assert.match(url, /[?&]h=[A-Za-z0-9_-]+/, `${url} carries its content hash`);

    const identity = await get(`${t.url}${urls.ar}`);
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.equal(identity.headers['cache-control'], 'public, max-age=31536000, immutable');
    const definition = JSON.parse(identity.body.toString('utf8')) as { locale: string };
    assert.equal(definition.locale, 'ar');

    const br = await get(`${t.url}${urls.ar}`, browserEncodings);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(brotliDecompressSync(br.body), identity.body);
    assert.ok(br.body.length < identity.body.length / 2, `${br.body.length} bytes of ${identity.body.length}`);

    const gz = await get(`${t.url}${urls.ar}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), identity.body);
  });
});

describe('choosing a compression from Accept-Encoding', () => {
  const cases: [string, string | undefined, 'br' | 'gzip' | null][] = [
    ['a browser that takes both gets brotli', 'gzip, deflate, br', 'br'],
    ['gzip only gets gzip', 'gzip', 'gzip'],
    ['brotli refused with q=0 falls back to gzip', 'br;q=0, gzip', 'gzip'],
    ['a wildcard takes brotli', '*', 'br'],
    ['no header gets the plain body', undefined, null],
    ['identity only gets the plain body', 'identity', null],
    ['case and spaces do not matter', ' GZIP ;q=0.5 ', 'gzip'],
  ];
  for (const [name, header, expected] of cases) it(name, () => assert.equal(chooseEncoding(header), expected));
});
