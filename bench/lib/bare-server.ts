/**
 * The baselines: a bare Fastify app (no plugins, no logger) with a no-op route and a route that
 * inserts the received JSON body into better-sqlite3 (WAL, `synchronous` NORMAL or FULL, one
 * transaction per request, a prepared statement). Started by `startServerProcess`:
 * `bare-server.ts <normal|full>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { reportReady } from './server-process.ts';

const sync = process.argv[2] === 'full' ? 'FULL' : 'NORMAL';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-bare-'));
const sqlite = new Database(path.join(dir, 'bare.sqlite'));
sqlite.pragma('journal_mode = WAL');
sqlite.pragma(`synchronous = ${sync}`);
sqlite.exec('CREATE TABLE bodies (id INTEGER PRIMARY KEY, body TEXT NOT NULL, received_at INTEGER NOT NULL)');
const insert = sqlite.prepare('INSERT INTO bodies (body, received_at) VALUES (?, ?)');

const app = Fastify({ logger: false });
app.post('/noop', async () => ({ ok: true }));
app.post('/insert', async (request) => {
  insert.run(JSON.stringify(request.body), Date.now());
  return { ok: true };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
reportReady(Number(new URL(address).port), null, async () => {
  await app.close();
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
