import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL server the benchmarks may create and drop databases on (`BENCH_PG_URL`, a URL whose user may create databases). */
export const benchPostgresUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An empty database of its own for one benchmark run (`wavepanel_bench_*`); `drop` removes it and ends its connections. */
export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `wavepanel_bench_${Date.now()}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(benchPostgresUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
