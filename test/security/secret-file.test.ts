import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { seedMiniStudies, tempDir } from '../helpers/app.ts';
import { closeServices, openServerServices, serverFilesOfTestDialect, startServerProcess } from '../helpers/server-process.ts';

/** What start-up refuses about the token secret file, on the run's dialect. */

describe('start-up without the secret file', () => {
  it('a database holding tokens with its secret file missing does not start, and says why', async (t) => {
    const dir = tempDir();
    const files = await serverFilesOfTestDialect(dir);
    t.after(files.drop);
    const seed = await openServerServices(files);
    await seedMiniStudies(seed, 2);
    await closeServices(seed);
    fs.rmSync(files.secretPath);
    const outcome = await startServerProcess(files, {}, 60_000).then(
      async (server) => {
        await server.stop();
        return 'the server started';
      },
      (error: Error) => error.message,
    );
    assert.match(outcome, /token secret file .*server\.secret is missing, but the database holds participant tokens/);
    assert.ok(!fs.existsSync(files.secretPath), 'no new secret was made');
  });

  it('a database without tokens starts and makes its secret', async (t) => {
    const files = await serverFilesOfTestDialect(tempDir());
    t.after(files.drop);
    const server = await startServerProcess(files, {}, 60_000);
    await server.stop();
    assert.ok(fs.existsSync(files.secretPath));
  });
});
