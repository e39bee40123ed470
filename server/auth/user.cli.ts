import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { addStudyMember, createUser } from './auth.service.ts';

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

/**
 * `wavepanel user add --username U --role admin|researcher|translator [--study S ...]`: the password is read
 * from a hidden prompt or from stdin, never from an argument (arguments end up in shell history
 * and process lists).
 */
export async function run(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    process.stderr.write('usage: wavepanel user add --username U --role admin|researcher|translator [--study S]\n');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, role: { type: 'string' }, study: { type: 'string', multiple: true } } });
  const role = values.role;
  if (!values.username || (role !== 'admin' && role !== 'researcher' && role !== 'translator')) {
    process.stderr.write('usage: wavepanel user add --username U --role admin|researcher|translator [--study S]\n');
    return 2;
  }
  const password = await readPassword(`Password for ${values.username}: `);
  const db = openDatabase(config.databasePath, { syncMode: config.syncMode });
  try {
    const user = await createUser({ db, now: () => new Date(), username: values.username, password, role });
    for (const studyId of values.study ?? []) addStudyMember({ db, studyId, userId: user.id });
    process.stdout.write(`Created ${user.role} ${user.username}.\n`);
    return 0;
  } finally {
    db.$client.close();
  }
}
