import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * Backup and restore of a PostgreSQL database with PostgreSQL's own tools, in their custom format
 * (compressed, one consistent snapshot, restorable table by table). `pg_dump` and `pg_restore` come
 * with the PostgreSQL client package (Debian: postgresql-client); their major version must be at
 * least the server's. A password in the URL goes to them in the environment (PGPASSWORD), never
 * on their command line, where other users could read it.
 */

export class PostgresToolMissing extends Error {}
export class RestoreRefused extends Error {}

function run(tool: string, args: string[], url: string): Promise<void> {
  const withoutPassword = new URL(url);
  const password = decodeURIComponent(withoutPassword.password);
  withoutPassword.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${withoutPassword.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new PostgresToolMissing(`${tool} is not installed; install the PostgreSQL client tools (Debian: postgresql-client)`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** `pg_dump --format=custom` of the database at `url` into `target`, written under a temporary name and renamed when complete; never overwrites. */
export async function dumpPostgres({ url, target }: { url: string; target: string }): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], url);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { file, bytes: fs.statSync(file).size };
}

/**
 * Restores a `dumpPostgres` file into the database at `url`, which must be empty (a new database):
 * everything in one transaction, so a failed restore leaves it empty.
 */
export async function restorePostgres({ url, source }: { url: string; source: string }): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`${source} does not exist`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle')");
    if (Number(rows[0]!.n) > 0) throw new RestoreRefused('the database is not empty: restore into a new, empty database (createdb), then point DATABASE_URL at it');
  } finally {
    await client.end();
  }
  await run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', source], url);
}
