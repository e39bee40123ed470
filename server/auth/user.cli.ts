import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { AppError } from '../errors.ts';
import { accountLinkUrl, createResetLink } from './accounts.service.ts';
import { addStudyMember, createUser } from './auth.service.ts';
import type { Role } from './users.repository.ts';
import { usersRepositoryFor } from './users.repository.pg.ts';

/** Reads one line without echoing it (a TTY), or the first line of stdin (a pipe). */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  const muted = { write: () => true } as unknown as NodeJS.WritableStream;
  process.stderr.write(prompt);
  const rl = readline.createInterface({ input, output: muted, terminal: true });
  const line = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return line;
}

const usage = `usage: wavepanel user add --username U --role admin|researcher|translator [--study S]
       wavepanel user reset-link --username U --origin https://panel.example.nl
`;

/**
 * `wavepanel user add --username U --role admin|researcher|translator [--study S ...]`: the password is read
 * from a hidden prompt or from stdin, never from an argument (arguments end up in shell history
 * and process lists).
 * `wavepanel user reset-link --username U --origin URL`: a one-time link (24 hours) with which U
 * sets a new password, for an operator when no admin can sign in.
 */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const { now } = context;
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { username: { type: 'string' }, role: { type: 'string' }, study: { type: 'string', multiple: true }, origin: { type: 'string' } },
  });
  const role = values.role;
  const resetLink = sub === 'reset-link' && values.username && values.origin;
  if (!resetLink && (sub !== 'add' || !values.username || (role !== 'admin' && role !== 'researcher' && role !== 'translator'))) {
    process.stderr.write(usage);
    return 2;
  }
  const actor = commandLine;
  const database = await context.database;
  try {
    if (resetLink) {
      const user = await usersRepositoryFor(database).findByUsername(values.username!);
      if (!user) throw new AppError('not_found', `There is no account ${values.username}.`);
      const link = await createResetLink({ database, now, actor, userId: user.id });
      process.stdout.write(`One-time link for ${user.username} to set a new password (until ${link.expiresAt.toISOString()}):\n${accountLinkUrl(values.origin!.replace(/\/$/, ''), 'reset', link.code)}\n`);
      return 0;
    }
    const password = await readPassword(`Password for ${values.username}: `);
    const user = await createUser({ database, now, actor, username: values.username!, password, role: role as Role });
    for (const studyId of values.study ?? []) await addStudyMember({ database, now, actor, studyId, userId: user.id });
    process.stdout.write(`Created ${user.role} ${user.username}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.details?.reason === 'username_taken') {
      throw new AppError('conflict', `${error.message} To give ${values.username} a new password: wavepanel user reset-link --username ${values.username} --origin <site>`);
    }
    throw error;
  }
}
