import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { resetPassword } from '../../server/auth/accounts.service.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { queryRows, runStatement, seedMiniStudies, tempDir } from '../helpers/app.ts';
import { closeServices, openServerServices, serverEnv, serverFilesOfTestDialect, wavepanel } from '../helpers/server-process.ts';

test('user add reads the password from stdin, never from an argument, and writes the new account to the audit log', async () => {
  const dir = tempDir();
  const files = await serverFilesOfTestDialect(dir);
  try {
    const env = serverEnv(files);
    const refused = await wavepanel(['user', 'add', '--username', 'ada', '--role', 'admin', '--password', 'given on the command line'], env);
    assert.notEqual(refused.code, 0);
    const made = await wavepanel(['user', 'add', '--username', 'ada', '--role', 'admin'], env, 'a long enough password\n');
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Created admin ada/);
    const services = await openServerServices(files);
    try {
      const rows = await queryRows<{ username: string; role: string; password_hash: string }>(services, 'SELECT username, role, password_hash FROM users');
      assert.deepEqual(rows.map((r) => [r.username, r.role]), [['ada', 'admin']]);
      assert.match(rows[0]!.password_hash, /^scrypt\$17\$8\$1\$/);
      assert.equal(await verifyPassword('a long enough password', rows[0]!.password_hash), true);
      const audit = await queryRows<{ userId: number | null; detail: string }>(services, `SELECT user_id AS "userId", detail FROM audit_log WHERE action = 'user_create'`);
      assert.deepEqual(audit.map((a) => [a.userId, JSON.parse(a.detail)]), [[null, { userId: 1, role: 'admin', via: 'cli' }]]);
    } finally {
      await closeServices(services);
    }
  } finally {
    await files.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('tokens create prints new tokens once and letters renders them; a reissued token is refused', async () => {
  const dir = tempDir();
  const files = await serverFilesOfTestDialect(dir);
  try {
    const env = serverEnv(files);
    const services = await openServerServices(files);
    await seedMiniStudies(services, 1);
    await closeServices(services);
    const made = await wavepanel(['tokens', 'create', '--study', 'mini-panel', '--count', '3', '--language', 'ar', '--origin', 'https://panel.example'], env);
    assert.equal(made.code, 0, made.stderr);
    const lines = made.stdout.trim().split('\r\n');
    assert.equal(lines[0], 'pseudonym,language,token,link');
    assert.equal(lines.length, 4);
    const tokensFile = path.join(dir, 'tokens.csv');
    fs.writeFileSync(tokensFile, made.stdout);
    const letters = await wavepanel(['letters', '--study', 'mini-panel', '--tokens', tokensFile, '--origin', 'https://panel.example'], env);
    assert.equal(letters.code, 0, letters.stderr);
    assert.equal(letters.stdout.match(/<article class="letter"/g)?.length, 3);
    assert.match(letters.stdout, /lang="ar" dir="rtl"/);

    const check = await openServerServices(files);
    try {
      const stored = JSON.stringify(await queryRows(check, 'SELECT * FROM participants'));
      for (const line of lines.slice(1)) assert.ok(!stored.includes(line.split(',')[2]!.replace(/-/g, '')), 'no raw token stored');
      await runStatement(check, "UPDATE participants SET token_hash = ? WHERE pseudonym = 'MINI-PANEL-0001'", ['replaced']);
      const audit = await queryRows(check, 'SELECT user_id, action FROM audit_log ORDER BY id');
      assert.deepEqual(audit, [
        { user_id: null, action: 'token_batch' },
        { user_id: null, action: 'letters_served' },
      ]);
    } finally {
      await closeServices(check);
    }
    const stale = await wavepanel(['letters', '--study', 'mini-panel', '--tokens', tokensFile], env);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /line 2: not a current token/);
    assert.equal(stale.stdout, '');
  } finally {
    await files.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('user add for a taken name points to reset-link, which prints a one-time link that sets a new password once', async () => {
  const dir = tempDir();
  const files = await serverFilesOfTestDialect(dir);
  try {
    const env = serverEnv(files);
    assert.equal((await wavepanel(['user', 'add', '--username', 'ada', '--role', 'admin'], env, 'a long enough password\n')).code, 0);
    const taken = await wavepanel(['user', 'add', '--username', 'ada', '--role', 'admin'], env, 'another long password\n');
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /taken\. To give ada a new password: wavepanel user reset-link --username ada/);
    const weak = await wavepanel(['user', 'add', '--username', 'bob', '--role', 'researcher'], env, 'password1234\n');
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /leaked passwords/);
    const made = await wavepanel(['user', 'reset-link', '--username', 'ada', '--origin', 'https://panel.example.nl/'], env);
    assert.equal(made.code, 0, made.stderr);
    const code = /https:\/\/panel\.example\.nl\/researcher\/reset#code=([A-Za-z0-9_-]{22})/.exec(made.stdout)?.[1];
    assert.ok(code, made.stdout);
    const services = await openServerServices(files);
    try {
      await resetPassword({ database: services.database, now: services.now, code, newPassword: 'fiets paraplu onweer kaneel', cost: { log2N: 10, r: 8, p: 1 } });
      await assert.rejects(resetPassword({ database: services.database, now: services.now, code, newPassword: 'fiets paraplu onweer kaneel' }), /not valid/);
      const [row] = await queryRows<{ password_hash: string }>(services, "SELECT password_hash FROM users WHERE username = 'ada'");
      assert.equal(await verifyPassword('fiets paraplu onweer kaneel', row!.password_hash), true);
    } finally {
      await closeServices(services);
    }
  } finally {
    await files.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
