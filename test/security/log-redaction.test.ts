import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from '../../server/http/logging.ts';
import { formatToken, generateToken } from '../../server/tokens/token.ts';
import { createTestApp } from '../helpers/app.ts';

/** The 17 unusual places a token turned up in a URL during the attack, and a few more ways to type it. */
function unusualUrls(token: string): string[] {
  const grouped = formatToken(token);
  const lower = grouped.toLowerCase();
  return [
    `/${token}`,
    `/t${token}`,
    `/T/${token}`,
    `/kiosk/${token}`,
    `/kiosk?code=${token}`,
    `/?code=${grouped}`,
    `/respondent.html?t=${lower}`,
    `/t/${grouped}/extra`,
    `/t//${token}`,
    `/${grouped.replaceAll('-', '%2D')}`,
    `/${grouped.replaceAll('-', '%252D')}`,
    `/${lower.replaceAll('-', '%20')}`,
    `/api/respondent/sessions/${token}`,
    `/api/surveys/mini/1?locale=nl&x=${token}`,
    `/api/surveys?${token}`,
    `/start;token=${lower}`,
    `/t%2F${grouped}`,
  ];
}

function tokenForms(token: string): string[] {
  const grouped = formatToken(token);
  return [token, token.toLowerCase(), grouped, grouped.toLowerCase(), grouped.replaceAll('-', ' '), token.slice(0, 16), token.slice(-16)];
}

describe('the request log redacts anything token-shaped anywhere in a URL', () => {
  it('no unusual path puts a token into the request log', async () => {
    const t = await createTestApp();
    try {
      const token = generateToken();
      const urls = unusualUrls(token);
      assert.equal(urls.length, 17);
      for (const url of urls) await t.app.inject({ method: 'GET', url });
      const logs = t.logs();
      assert.equal((logs.match(/"msg":"request completed"/g) ?? []).length, 17, 'every request is logged');
      const decodedLogs = decodeURIComponent(decodeURIComponent(logs.replaceAll('%25', '%')));
      for (const form of tokenForms(token)) {
        assert.ok(!logs.includes(form) && !decodedLogs.includes(form), `the log holds the token as ${form}`);
      }
    } finally {
      await t.close();
    }
  });

  it('keeps ordinary paths readable', () => {
    for (const url of ['/api/respondent/sessions', '/api/studies/eaa/exports/codebook-csv?layout=wide', '/researcher.html', '/api/surveys/eaa-t0/2?locale=ti']) {
      assert.equal(redactUrl(url), url);
    }
  });
});
