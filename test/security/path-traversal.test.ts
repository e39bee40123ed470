import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, tempDir, type TestApp } from '../helpers/app.ts';

/**
 * Path tricks in the static, survey and locale routes never reach a file outside what is meant to
 * be served. Requests go over a real socket, so that `..` and encoded variants arrive unnormalised.
 */

const secretText = 'TOP-SECRET-FILE-CONTENT';

function get(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('path traversal', () => {
  let t: TestApp;
  let port: number;
  let outside: string;

  before(async () => {
    outside = tempDir('wavepanel-outside-');
    const clientDir = path.join(outside, 'site', 'client');
    fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(clientDir, 'assets', 'app-1234.js'), 'console.log("asset");');
    fs.writeFileSync(path.join(clientDir, 'respondent.html'), '<!doctype html><title>respondent</title>');
    fs.writeFileSync(path.join(outside, 'site', 'secret.txt'), secretText);
    fs.writeFileSync(path.join(outside, 'secret.txt'), secretText);
    fs.writeFileSync(path.join(clientDir, 'assets', 'x.html'), secretText);
    t = await createTestApp({ config: { clientDir } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  after(async () => {
    await t.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('serves what it should (the control case)', async () => {
    assert.equal((await get(port, '/assets/app-1234.js')).status, 200);
    assert.equal((await get(port, '/')).status, 200);
  });

  const staticTricks = [
    '/assets/../../secret.txt',
    '/assets/../../../secret.txt',
    '/../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/%2E%2E/%2E%2E/%2E%2E/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%2F..%2F..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/%252e%252e/%252e%252e/secret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/..\\..\\secret.txt',
    '/assets/....//....//secret.txt',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt',
    '/assets/app-1234.js%00/../../secret.txt',
    '/assets/x.html',
    '/assets/../respondent.html/../../secret.txt',
    '//secret.txt',
    `/${encodeURIComponent(path.join(fs.realpathSync('/tmp'), 'x'))}`,
  ];
  for (const trick of staticTricks) {
    it(`the static route refuses ${trick}`, async () => {
      const res = await get(port, trick);
      assert.ok(!res.body.includes(secretText), 'the secret file leaked');
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    });
  }

  const apiTricks = [
    '/api/surveys/..%2f..%2fpackage.json/1',
    '/api/surveys/..%2F..%2Fsurveys%2Fmini/1',
    '/api/surveys/%2e%2e/1',
    '/api/surveys/mini/..%2f1',
    '/api/surveys/mini/1/../../../package.json',
    '/api/surveys/mini/1?locale=..%2f..%2fsecret',
    '/api/surveys/mini/1?locale=..%2Fen',
    '/api/surveys/mini/1?locale=en%2f..%2f..%2fmini',
    '/api/surveys/mini/1?locale=en%00',
    '/api/surveys/mini/1?locale=/etc/passwd',
  ];
  for (const trick of apiTricks) {
    it(`the survey route refuses ${trick} in the one error shape`, async () => {
      const res = await get(port, trick);
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      assert.ok(!res.body.includes(secretText));
      assert.equal(typeof (JSON.parse(res.body) as { error: { code: string } }).error.code, 'string');
    });
  }
});
