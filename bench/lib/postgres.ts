import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
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

/** The names the benchmarks' servers give their connections to PostgreSQL (wavepanel's, server/db/postgres.ts). */
export const bareApplicationName = 'bench-bare';
export const wavepanelApplicationName = 'wavepanel';

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const ticksPerSecond = 100;

function processCpuMicros(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
}

/**
 * The CPU time (user + system, µs) used since the first call by the PostgreSQL processes serving
 * the connections named `applicationName` on the database of `url`, read from /proc: undefined
 * unless PostgreSQL runs on this machine. Counted process by process, so that a connection a pool
 * closes takes only its time since the last call along (not counted); PostgreSQL's background
 * processes (WAL writer, checkpointer) are left out.
 */
export function backendCpu(url: string, applicationName: string): { read: () => Promise<number | undefined>; close: () => Promise<void> } {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-observer' });
  const connected = client.connect();
  let seen = new Map<number, number>();
  let total = 0;
  return {
    read: async () => {
      await connected;
      const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [applicationName]);
      const now = new Map<number, number>();
      for (const { pid } of rows) {
        const used = processCpuMicros(pid);
        if (used === undefined) return undefined;
        now.set(pid, used);
        total += used - (seen.get(pid) ?? 0);
      }
      seen = now;
      return total;
    },
    close: () => client.end(),
  };
}
