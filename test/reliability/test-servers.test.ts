import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../server/config.ts';
import { fixturesDir, tempDir } from '../helpers/app.ts';

/** Whether a process runs (a zombie, dead and not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits, up to ten seconds, for `pid` to be gone; whether it went. */
async function gone(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (!running(pid)) return true;
    await sleep(50);
  }
  return false;
}

describe('a server a test file started', () => {
  for (const end of ['fail', 'exit'] as const) {
    it(`is killed when the file ends without stopping it (${end === 'fail' ? 'its test failed' : 'it exited at once'})`, async () => {
      const dir = tempDir();
      try {
        const file = spawnSync(process.execPath, ['--import', 'tsx', path.join(fixturesDir, 'forgotten-server.ts')], {
          cwd: projectRoot,
          env: { ...process.env, FORGOTTEN_SERVER_DIR: dir, FORGOTTEN_SERVER_END: end },
          encoding: 'utf8',
          timeout: 120_000,
        });
        assert.notEqual(file.status, 0, 'the file failed');
        const pid = Number(/forgotten server (\d+) /.exec(file.stdout)?.[1]);
        assert.ok(pid > 0, file.stdout + file.stderr);
        const stillThere = !(await gone(pid));
        if (stillThere) process.kill(pid, 'SIGKILL');
        assert.equal(stillThere, false, 'the server outlived its test file');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
