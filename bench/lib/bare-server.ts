/**
 * The baselines: a bare Fastify app (no plugins, no logger) with a no-op route and a route that
 * inserts the received JSON body into a database, one transaction per request: better-sqlite3 (WAL,
 * `synchronous` NORMAL or FULL, a prepared statement), or, when the environment names a PostgreSQL
 * database as wavepanel's does (`DATABASE_URL`, `WAVEPANEL_PG_POOL_MAX`, default 10), PostgreSQL
 * through a pg pool of that size (a parameterised statement, as wavepanel's queries go). The URL
 * comes in the environment, not the arguments, as it may hold a password.
 * Started by `startServerProcess`: `bare-server.ts <normal|full>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../server/config.ts';
import { bareApplicationName } from './postgres.ts';
import { reportReady } from './server-process.ts';

interface BodyStore {
  insert: (body: string, receivedAt: number) => Promise<unknown> | unknown;
  close: () => Promise<void>;
}

function sqliteStore(sync: 'NORMAL' | 'FULL'): BodyStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-bare-'));
  const sqlite = new Database(path.join(dir, 'bare.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${sync}`);
  sqlite.exec('CREATE TABLE bodies (id INTEGER PRIMARY KEY, body TEXT NOT NULL, received_at INTEGER NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO bodies (body, received_at) VALUES (?, ?)');
  return {
    insert: (body, receivedAt) => insert.run(body, receivedAt),
    close: async () => {
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresStore(url: string, poolSize: number): Promise<BodyStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: bareApplicationName });
  await pool.query('CREATE TABLE IF NOT EXISTS bare_bodies (id bigserial PRIMARY KEY, body text NOT NULL, received_at bigint NOT NULL)');
  return {
    insert: (body, receivedAt) => pool.query('INSERT INTO bare_bodies (body, received_at) VALUES ($1, $2)', [body, receivedAt]),
    close: () => pool.end(),
  };
}

const postgres = loadConfig(process.env).postgres;
const store = postgres ? await postgresStore(postgres.url, postgres.poolMax) : sqliteStore(process.argv[2] === 'full' ? 'FULL' : 'NORMAL');

const app = Fastify({ logger: false });
app.post('/noop', async () => ({ ok: true }));
app.post('/insert', async (request) => {
  await store.insert(JSON.stringify(request.body), Date.now());
  return { ok: true };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
reportReady(Number(new URL(address).port), null, async () => {
  await app.close();
  await store.close();
});
