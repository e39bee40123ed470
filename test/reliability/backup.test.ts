import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { projectRoot } from '../../server/config.ts';
import { seedMiniStudies, tempDir } from '../helpers/app.ts';
import { closeServices, openServerServices, serverEnv, serverFilesIn, startServerProcess } from '../helpers/server-process.ts';

/**
 * `npx wavepanel backup FILE` copies a live database under write load consistently, and a server
 * started on the copy (with the same secret file) serves the participants where they were.
 */

const run = promisify(execFile);

interface Saver {
  responseId: string;
  responseKey: string;
  n: number;
}

async function saveUntil(url: string, saver: Saver, stop: { done: boolean }): Promise<void> {
  while (!stop.done) {
    const n = saver.n + 1;
    const res = await fetch(`${url}/api/respondent/responses/${saver.responseId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-response-key': saver.responseKey },
      body: JSON.stringify({ submissionId: `backup-${saver.responseId.slice(0, 8)}-${n}`, pageNo: n % 1000, answers: { remarks: `r${n}` } }),
    });
    assert.equal(res.status, 200, await res.text());
    saver.n = n;
  }
}

describe('wavepanel backup', () => {
  it('copies a live database under write load consistently, and the copy starts and serves', async () => {
    const dir = tempDir('wavepanel-backup-');
    const files = serverFilesIn(dir);
    const backupFile = path.join(dir, 'copies', 'backup.sqlite');
    try {
      const seed = await openServerServices(files);
      const { tokens } = await seedMiniStudies(seed, 4);
      await closeServices(seed);
      // A long read from before the load (an export, say) keeps the main file at that snapshot:
      // everything since lives only in the WAL, so a copy of the file alone would miss it.
      const longRead = new Database(files.databasePath, { readonly: true });
      longRead.exec('BEGIN');
      longRead.prepare('SELECT count(*) FROM studies').get();
      const server = await startServerProcess(files);
      const savers: Saver[] = [];
      let ackedBeforeBackup: number[] = [];
      try {
        for (const token of tokens) {
          const res = await fetch(`${server.url}/api/respondent/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ token, locale: 'nl', channel: 'web' }),
          });
          const body = (await res.json()) as { responseId: string; responseKey: string };
          savers.push({ responseId: body.responseId, responseKey: body.responseKey, n: 0 });
        }
        const stop = { done: false };
        const load = savers.map((s) => saveUntil(server.url, s, stop));
        await new Promise((resolve) => setTimeout(resolve, 200));
        ackedBeforeBackup = savers.map((s) => s.n);
        const cli = await run(process.execPath, ['bin/wavepanel.mjs', 'backup', backupFile], { cwd: projectRoot, env: { ...process.env, ...serverEnv(files) } });
        stop.done = true;
        await Promise.all(load);
        assert.match(cli.stdout, /backup written to/);
        assert.ok(savers.every((s) => s.n > 0), 'the load was running');

        const again = await run(process.execPath, ['bin/wavepanel.mjs', 'backup', backupFile], { cwd: projectRoot, env: { ...process.env, ...serverEnv(files) } }).catch((e: { code: number; stderr: string }) => e);
        assert.equal((again as { code: number }).code, 1, 'an existing file is never overwritten');
      } finally {
        await server.stop();
        longRead.exec('COMMIT');
        longRead.close();
      }

      const copy = new Database(backupFile, { readonly: true });
      const inCopy = new Map<string, number>();
      try {
        assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
        const rows = copy.prepare('SELECT r.id, r.answers, (SELECT count(*) FROM submissions s WHERE s.response_id = r.id) AS n FROM responses r').all() as { id: string; answers: string; n: number }[];
        assert.equal(rows.length, tokens.length);
        for (const row of rows) {
          const answers = JSON.parse(row.answers) as { remarks?: string };
          if (row.n > 0) assert.equal(answers.remarks, `r${row.n}`, 'each response matches its submissions in the same snapshot');
          inCopy.set(row.id, row.n);
        }
      } finally {
        copy.close();
      }
      savers.forEach((s, i) => assert.ok(inCopy.get(s.responseId)! >= ackedBeforeBackup[i]!, 'the copy holds every page acknowledged before the backup began'));

      // Restore: a server on the copy, with the same secret file, resumes each participant where the copy left them.
      const restored = await startServerProcess({ databasePath: backupFile, secretPath: files.secretPath });
      try {
        for (const [i, token] of tokens.entries()) {
          const res = await fetch(`${restored.url}/api/respondent/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ token, locale: 'nl', channel: 'web' }),
          });
          assert.equal(res.status, 200);
          const body = (await res.json()) as { responseId: string; answers: { remarks?: string } };
          assert.equal(body.responseId, savers[i]!.responseId);
          const n = inCopy.get(body.responseId)!;
          assert.deepEqual(body.answers, n > 0 ? { remarks: `r${n}` } : {});
        }
        const survey = await fetch(`${restored.url}/api/surveys/mini/1?locale=en`);
        assert.equal(survey.status, 200);
      } finally {
        await restored.stop();
      }
      assert.ok(!fs.readdirSync(path.dirname(backupFile)).some((f) => f.includes('.partial-')), 'no temporary copy is left behind');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
