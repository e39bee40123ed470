import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../server/config.ts';
import { tempDir } from '../helpers/app.ts';

function wavepanel(args: string[]) {
  const dir = tempDir();
  return spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'wavepanel.mjs'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: path.join(dir, 'db.sqlite'), WAVEPANEL_SECRET_FILE: path.join(dir, 'secret') },
    encoding: 'utf8',
  });
}

describe('npx wavepanel', () => {
  it('without a command lists the commands', () => {
    const result = wavepanel([]);
    assert.equal(result.status, 0);
    for (const command of ['serve', 'migrate', 'user', 'tokens', 'letters', 'register', 'export', 'report', 'backup', 'i18n', 'surveys']) {
      assert.match(result.stderr, new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('an unknown command exits 2', () => {
    assert.equal(wavepanel(['frobnicate']).status, 2);
  });

  it('a refusal prints its message, not a stack trace, and exits 1', () => {
    const result = wavepanel(['export', '--study', 'nope', '--format', 'long']);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), 'Study nope does not exist.');
  });
});
