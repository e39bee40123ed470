import { commandContext, type CommandContext } from './command-line.ts';
import { ConfigError, loadConfig } from './config.ts';
import { describeDatabaseError } from './db/driver-error.ts';
import { AppError } from './errors.ts';
import { MissingSecret } from './tokens/token-hash.ts';

/**
 * `npx wavepanel <command> [args]`. Each command lives beside the domain module it belongs to and
 * exports `run(args, context): Promise<number>` (the exit code); the context (`command-line.ts`)
 * builds the database and services once, and this closes them.
 */
type CommandModule = { run: (args: string[], context: CommandContext) => Promise<number> };

/** `sqliteOnly`: why the command refuses a PostgreSQL `DATABASE_URL`; every other command works on either. */
const commands: Record<string, { describe: string; load: () => Promise<CommandModule>; sqliteOnly?: string; existingDatabase?: boolean }> = {
  serve: { describe: 'start the server (add --demo to seed the demo studies)', load: () => import('./index.ts') },
  migrate: { describe: 'apply database migrations', load: () => import('./db/db.cli.ts') },
  'migrate-to-postgres': {
    describe: 'migrate-to-postgres URL: copy the SQLite database into a new, empty PostgreSQL database, every table checked',
    load: () => import('./db/migrate-to-postgres.cli.ts'),
    existingDatabase: true,
    sqliteOnly: 'it copies the SQLite database DATABASE_URL names into the PostgreSQL database given as its argument',
  },
  user: { describe: 'user add --username U --role admin|researcher (password from prompt or stdin); user reset-link --username U --origin URL', load: () => import('./auth/user.cli.ts') },
  tokens: { describe: 'tokens create --study S --count N [--language L]: new participants, tokens to stdout once', load: () => import('./participants/tokens.cli.ts') },
  letters: { describe: 'letters --study S --tokens FILE: print-ready letters (HTML) from tokens create output', load: () => import('./letters/letters.cli.ts') },
  register: { describe: 'register import FILE --study S: municipality register data, all rows or none', load: () => import('./register/register.cli.ts') },
  i18n: { describe: 'translation report (--check for CI), XLIFF export/import', load: () => import('./i18n/i18n.cli.ts') },
  surveys: { describe: 'surveys check: breaking and safe changes between versions; surveys publish FILE --survey ID [--allow-breaking] [--dry-run]', load: () => import('./surveys/surveys.cli.ts') },
  backup: { describe: 'backup FILE: a consistent copy of the live database (pg_dump on PostgreSQL; keep the secret file separately)', load: () => import('./backup/backup.cli.ts'), existingDatabase: true },
  restore: { describe: 'restore FILE: a PostgreSQL backup into the new, empty database DATABASE_URL names', load: () => import('./backup/restore.cli.ts') },
  export: { describe: 'export --study S --format long|wide|codebook|codebook-csv|sps|r|sav [--out FILE] [--excel-nl]', load: () => import('./exports/exports.cli.ts') },
  report: { describe: 'report --study S [--format md|json]: the suppressed panel report', load: () => import('./reports/reports.cli.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)} ${c.describe}`);
  return `usage: wavepanel <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(usage());
    return name ? 2 : 0;
  }
  const module = await command.load();
  let context: ReturnType<typeof commandContext> | undefined;
  try {
    const config = loadConfig();
    if (config.postgres && command.sqliteOnly) throw new ConfigError(`wavepanel ${name} does not run with a PostgreSQL DATABASE_URL: ${command.sqliteOnly}.`);
    context = commandContext(config, { existingDatabase: command.existingDatabase });
    return await module.run(args, context);
  } catch (error) {
    // A refusal the operator can act on (bad setting, bad study id, bad file): its message, not a stack trace.
    if (error instanceof AppError || error instanceof ConfigError || error instanceof MissingSecret) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // What the database said, in one line: drizzle's own error would print the query's parameters.
    const databaseError = describeDatabaseError(error);
    if (databaseError) {
      process.stderr.write(`wavepanel ${name}: ${databaseError}\n`);
      return 1;
    }
    throw error;
  } finally {
    await context?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
