/**
 * The server for `bench/load.ts`: wavepanel as `npm start` builds it (real surveys, the demo
 * seed, every plugin, the request log to the file the parent names), plus `count` participants
 * of the demo panel `eaa` with fresh tokens, which it reports to the parent (the benchmark plays
 * them). Started by `startServerProcess`: `server.ts <normal|full> <count>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { demoPanelId, seedDemo } from '../../server/demo/seed.ts';
import { participantAdminRepositoryFor } from '../../server/participants/participant-admin.repository.pg.ts';
import { generateToken } from '../../server/tokens/token.ts';
import { reportReady } from '../lib/server-process.ts';

const [sync = 'normal', countArg = '500'] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-load-'));
const config = loadConfig(process.env, {
  databasePath: path.join(dir, 'wavepanel.sqlite'),
  secretPath: path.join(dir, 'wavepanel.secret'),
  syncMode: sync === 'full' ? 'full' : 'normal',
  logLevel: 'info',
  host: '127.0.0.1',
  port: 0,
});
const app = await buildApp({ config });
const { services } = app;
await seedDemo(services);

const tokens = Array.from({ length: Number(countArg) }, () => generateToken());
await participantAdminRepositoryFor(services.database).insertBatch({ studyId: demoPanelId, size: tokens.length, language: null, createdBy: null, createdAt: services.now() }, () =>
  tokens.map((token, i) => ({ pseudonym: `LOAD-${i + 1}`, tokenHash: services.hash('token', token), language: 'nl' })),
);

const address = await app.listen({ host: config.host, port: config.port });
reportReady(Number(new URL(address).port), tokens, async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
