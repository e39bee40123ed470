import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { AccountLink } from './account-links.repository.ts';
import { accountLinksRepositoryFor } from './account-links.repository.pg.ts';
import { insertUser, newAccountPasswordHash, newPasswordHash, type SignedInUser } from './auth.service.ts';
import { defaultCost, verifyPassword, type ScryptCost } from './password.ts';
import { sessionsRepositoryFor } from './sessions.repository.pg.ts';
import { usersRepositoryFor } from './users.repository.pg.ts';

/**
 * Accounts that last: the first admin of a fresh install (a one-time setup link printed on the
 * server's console), changing one's own password, and an admin's one-time reset link.
 * Codes are 128 random bits; only their SHA-256 is stored. A link works once, until it expires,
 * and a newer link of the same kind retires the older one.
 */

export const setupLinkLifetimeMs = 60 * 60 * 1000;
export const resetLinkLifetimeMs = 24 * 60 * 60 * 1000;

/** The page of the workspace that opens each kind of link; the code travels in the fragment, which browsers never send to a server or log. */
export function accountLinkUrl(origin: string, purpose: AccountLink['purpose'], code: string): string {
  return `${origin}/researcher/${purpose}#code=${code}`;
}

function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}

const invalidLink = () => new AppError('link_invalid', 'This link is not valid: it was used already, it has expired, or a newer link replaced it. Ask for a new one.');

async function newLink({ database, now, purpose, userId, lifetimeMs }: { database: Database; now: () => Date; purpose: AccountLink['purpose']; userId: number | null; lifetimeMs: number }) {
  const links = accountLinksRepositoryFor(database);
  const code = randomBytes(16).toString('base64url');
  const at = now();
  await links.retire(purpose, userId, at);
  const expiresAt = new Date(at.getTime() + lifetimeMs);
  await links.insert({ codeHash: codeHash(code), purpose, userId, createdAt: at, expiresAt });
  return { code, expiresAt };
}

async function validLink({ database, now, purpose, code }: { database: Database; now: () => Date; purpose: AccountLink['purpose']; code: string }): Promise<AccountLink> {
  const link = await accountLinksRepositoryFor(database).find(codeHash(code));
  if (!link || link.purpose !== purpose || link.usedAt || link.expiresAt.getTime() <= now().getTime()) throw invalidLink();
  return link;
}

/** True while the install has no account at all: only then can a setup link make the first admin. */
export async function setupNeeded({ database }: { database: Database }): Promise<boolean> {
  return (await usersRepositoryFor(database).count()) === 0;
}

/** A fresh setup link when there is no account yet (an earlier one stops working); undefined otherwise. */
export async function createSetupLink({ database, now }: { database: Database; now: () => Date }): Promise<{ code: string; expiresAt: Date } | undefined> {
  if (!(await setupNeeded({ database }))) return undefined;
  return newLink({ database, now, purpose: 'setup', userId: null, lifetimeMs: setupLinkLifetimeMs });
}

const setupDone = () => new AppError('setup_done', 'This installation has an account already: sign in, or ask an admin.');

export async function checkSetupCode({ database, now, code }: { database: Database; now: () => Date; code: string }): Promise<void> {
  if (!(await setupNeeded({ database }))) throw setupDone();
  await validLink({ database, now, purpose: 'setup', code });
}

/** Makes the first admin with a valid setup link; the link is used up even if two tabs try at once. Audited: `account_setup`. */
export async function completeSetup({
  database,
  now,
  code,
  username,
  password,
  cost = defaultCost,
}: {
  database: Database;
  now: () => Date;
  code: string;
  username: string;
  password: string;
  cost?: ScryptCost;
}): Promise<SignedInUser> {
  await checkSetupCode({ database, now, code });
  const passwordHash = await newAccountPasswordHash({ database, username, password, cost });
  if (!(await accountLinksRepositoryFor(database).use(codeHash(code), now()))) throw invalidLink();
  if (!(await setupNeeded({ database }))) throw setupDone();
  const user = await insertUser({ database, now, username, passwordHash, role: 'admin' });
  await recordAudit({ database, now, userId: user.id, action: 'account_setup' });
  return user;
}

/**
 * Changes the signed-in user's password after checking the current one; every other session of
 * theirs ends (a stolen session does not outlive the change), the one in use goes on. Audited:
 * `password_change`.
 */
export async function changePassword({
  database,
  now,
  userId,
  keepSessionIdHash,
  currentPassword,
  newPassword,
  cost = defaultCost,
}: {
  database: Database;
  now: () => Date;
  userId: number;
  keepSessionIdHash: string;
  currentPassword: string;
  newPassword: string;
  cost?: ScryptCost;
}): Promise<void> {
  const users = usersRepositoryFor(database);
  const user = await users.find(userId);
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError('password_wrong', 'The current password is wrong.');
  await users.setPasswordHash(userId, await newPasswordHash(newPassword, user.username, cost));
  await sessionsRepositoryFor(database).deleteOfUserExcept(userId, keepSessionIdHash);
  await recordAudit({ database, now, userId, action: 'password_change' });
}

/** An admin's reset link for another account, shown once; an earlier reset link of that account stops working. */
export async function createResetLink({ database, now, actor, userId }: { database: Database; now: () => Date; actor: Actor; userId: number }): Promise<{ code: string; expiresAt: Date; username: string }> {
  const user = await usersRepositoryFor(database).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  const link = await newLink({ database, now, purpose: 'reset', userId, lifetimeMs: resetLinkLifetimeMs });
  await recordAudit({ database, now, ...actor, action: 'password_reset_link', detail: { userId } });
  return { ...link, username: user.username };
}

/** The account a reset link is for, so the page can say whose password is being set. */
export async function resetLinkAccount({ database, now, code }: { database: Database; now: () => Date; code: string }): Promise<{ userId: number; username: string }> {
  const link = await validLink({ database, now, purpose: 'reset', code });
  const user = link.userId === null ? undefined : await usersRepositoryFor(database).find(link.userId);
  if (!user || user.disabledAt) throw invalidLink();
  return { userId: user.id, username: user.username };
}

/** Sets a new password with a reset link; every session of the account ends. Audited: `password_reset`, as the account's own act. */
export async function resetPassword({
  database,
  now,
  code,
  newPassword,
  cost = defaultCost,
}: {
  database: Database;
  now: () => Date;
  code: string;
  newPassword: string;
  cost?: ScryptCost;
}): Promise<{ userId: number; username: string }> {
  const account = await resetLinkAccount({ database, now, code });
  const passwordHash = await newPasswordHash(newPassword, account.username, cost);
  if (!(await accountLinksRepositoryFor(database).use(codeHash(code), now()))) throw invalidLink();
  await usersRepositoryFor(database).setPasswordHash(account.userId, passwordHash);
  await sessionsRepositoryFor(database).deleteOfUser(account.userId);
  await recordAudit({ database, now, userId: account.userId, action: 'password_reset' });
  return account;
}
