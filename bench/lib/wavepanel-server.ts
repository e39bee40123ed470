/**
 * wavepanel as `npm start` builds it (real surveys, demo seed, every plugin, the request log on
 * stdout), with `count` anonymous responses of the cross-sectional study `eaa-cross` started
 * beforehand through the respondent service, so that every request of the benchmark completes a
 * different response. Started by `startServerProcess`:
 * `wavepanel-server.ts <normal|full> <log level> <count> [<bulk>]`; reports `[responseId, responseKey][]`.
 * With `bulk`, the demo panel gets that many more synthetic participants (who answered every wave)
 * and a researcher `bench-researcher` (password `benchResearcher.password`) may export it.
 * The data lives in a fresh SQLite file, or in the PostgreSQL database of `DATABASE_URL` when the
 * parent sets it (with `WAVEPANEL_SECRET_FILE`, so that several processes on one database share
 * the token secret as an installation's servers do).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { demoPanelId, seedDemo } from '../../server/demo/seed.ts';
import { waveCodes, writeSyntheticPanelInto, type WaveCode } from '../../server/demo/synthetic-panel.ts';
import { insertUser, newAccountPasswordHash } from '../../server/auth/auth.service.ts';
import { usersRepositoryFor } from '../../server/auth/users.repository.pg.ts';
import { openResponse, responseTarget } from '../../server/responses/responses.service.ts';
import { benchResearcher, benchSurvey } from './body.ts';
import { reportReady } from './server-process.ts';

const [sync = 'normal', logLevel = 'info', countArg = '1000', bulkArg = '0'] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-'));
const config = loadConfig(process.env, {
  databasePath: path.join(dir, 'wavepanel.sqlite'),
  ...(process.env.WAVEPANEL_SECRET_FILE ? {} : { secretPath: path.join(dir, 'wavepanel.secret') }),
  syncMode: sync === 'full' ? 'full' : 'normal',
  logLevel,
  host: '127.0.0.1',
  port: 0,
});
const app = await buildApp({ config });
const { services } = app;
await seedDemo(services);
const bulk = Number(bulkArg);
if (bulk > 0) {
  const waves = (await services.studies.wavesOf(demoPanelId)).filter((w): w is typeof w & { code: WaveCode } => (waveCodes as readonly string[]).includes(w.code));
  await writeSyntheticPanelInto(services.database, { studyId: demoPanelId, waves, participants: bulk, seed: 18, response: { T1: 1, T2: 1 }, pseudonym: (n) => `BULK-${n + 1}`, createdAt: waves[0]!.opensAt });
  const passwordHash = await newAccountPasswordHash({ database: services.database, username: benchResearcher.username, password: benchResearcher.password });
  const researcher = await insertUser({ database: services.database, now: services.now, username: benchResearcher.username, passwordHash, role: 'researcher' });
  await usersRepositoryFor(services.database).addMember(demoPanelId, researcher.id);
}

/**
 * Started a batch at a time, each batch together (so group-committed on SQLite), so that on
 * PostgreSQL no start waits longer for a pooled connection than the pool allows; handed to the
 * parent and not kept, so that this heap stays as small as in use.
 */
async function startResponses(count: number, batch = 1000): Promise<[string, string][]> {
  const request = { studyId: benchSurvey.studyId, locale: 'nl', channel: 'web' } as const;
  const target = await responseTarget(services, request, undefined);
  const sessions = [];
  for (let started = 0; started < count; started += batch) {
    sessions.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - started) }, () => openResponse(services, request, target)))));
  }
  return sessions.map((session): [string, string] => {
    if (session.survey.id !== benchSurvey.surveyId || session.survey.version !== benchSurvey.version) {
      throw new Error(`the demo study ${benchSurvey.studyId} runs ${session.survey.id}@${session.survey.version}, not ${benchSurvey.surveyId}@${benchSurvey.version}`);
    }
    return [session.responseId, session.responseKey];
  });
}

const address = await app.listen({ host: config.host, port: config.port });
reportReady(Number(new URL(address).port), await startResponses(Number(countArg)), async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
