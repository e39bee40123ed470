import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { dutchT, loadLanguage } from '../../../client/shared/i18n.ts';

/** The respondent app's strings: nested keys, `{{name}}` placeholders, Dutch where a language lacks a string, and the last loaded strings offline. */

const served: Record<string, unknown> = {
  entry: { start: 'Begin', heading: '' },
  errors: { codes: { wave_not_open: 'Opens on {{date}}.' } },
};
const realFetch = globalThis.fetch;
let online = true;
globalThis.fetch = (async (url: string) => {
  if (!online) throw new TypeError('offline');
  return url === '/api/i18n/en/app' ? new Response(JSON.stringify(served)) : new Response('{}', { status: 404 });
}) as typeof fetch;
after(() => {
  globalThis.fetch = realFetch;
});

test('a string comes from the loaded language, a missing or empty one in Dutch, an unknown key as itself', async () => {
  const t = await loadLanguage('en');
  const nl = dutchT();
  const cases: [name: string, key: string, values: Record<string, unknown> | undefined, expected: string][] = [
    ['translated', 'entry.start', undefined, 'Begin'],
    ['missing: Dutch', 'survey.loading', undefined, nl('survey.loading')],
    ['empty: Dutch', 'entry.heading', undefined, nl('entry.heading')],
    ['placeholder filled', 'errors.codes.wave_not_open', { date: '3 May' }, 'Opens on 3 May.'],
    ['placeholder without a value disappears', 'errors.codes.wave_not_open', {}, 'Opens on .'],
    ['a part of the tree is not a string', 'entry', undefined, 'entry'],
    ['unknown key', 'nothing.here', undefined, 'nothing.here'],
  ];
  for (const [name, key, values, expected] of cases) assert.equal(t(key, values), expected, name);
  assert.notEqual(nl('survey.loading'), 'survey.loading', 'Dutch is bundled');
});

test('offline, a language keeps the strings it had; one never loaded shows Dutch', async () => {
  await loadLanguage('en');
  online = false;
  assert.equal((await loadLanguage('en'))('entry.start'), 'Begin');
  assert.equal((await loadLanguage('tr'))('survey.loading'), dutchT()('survey.loading'));
  online = true;
});
