import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { createAccountLinksRepository, type AccountLink } from './account-links.repository.ts';
import { insertUser, newAccountPasswordHash, newPasswordHash, type SignedInUser } from './auth.service.ts';
import { defaultCost, verifyPassword, type ScryptCost } from './password.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { createUsersRepository } from './users.repository.ts';

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

function newLink({ db, now, purpose, userId, lifetimeMs }: { db: Db; now: () => Date; purpose: AccountLink['purpose']; userId: number | null; lifetimeMs: number }) {
  const links = createAccountLinksRepository({ db });
  const code = randomBytes(16).toString('base64url');
  const at = now();
  links.retire(purpose, userId, at);
  const expiresAt = new Date(at.getTime() + lifetimeMs);
  links.insert({ codeHash: codeHash(code), purpose, userId, createdAt: at, expiresAt });
  return { code, expiresAt };
}

function validLink({ db, now, purpose, code }: { db: Db; now: () => Date; purpose: AccountLink['purpose']; code: string }): AccountLink {
  const link = createAccountLinksRepository({ db }).find(codeHash(code));
  if (!link || link.purpose !== purpose || link.usedAt || link.expiresAt.getTime() <= now().getTime()) throw invalidLink();
  return link;
}

/** True while the install has no account at all: only then can a setup link make the first admin. */
export function setupNeeded({ db }: { db: Db }): boolean {
  return createUsersRepository({ db }).count() === 0;
}

/** A fresh setup link when there is no account yet (an earlier one stops working); undefined otherwise. */
export function createSetupLink({ db, now }: { db: Db; now: () => Date }): { code: string; expiresAt: Date } | undefined {
  if (!setupNeeded({ db })) return undefined;
  return newLink({ db, now, purpose: 'setup', userId: null, lifetimeMs: setupLinkLifetimeMs });
}

export function checkSetupCode({ db, now, code }: { db: Db; now: () => Date; code: string }): void {
  if (!setupNeeded({ db })) throw new AppError('setup_done', 'This installation has an account already: sign in, or ask an admin.');
  validLink({ db, now, purpose: 'setup', code });
}

/** Makes the first admin with a valid setup link; the link is used up even if two tabs try at once. */
export async function completeSetup({
  db,
  now,
  code,
  username,
  password,
  cost = defaultCost,
}: {
  db: Db;
  now: () => Date;
  code: string;
  username: string;
  password: string;
  cost?: ScryptCost;
}): Promise<SignedInUser> {
  checkSetupCode({ db, now, code });
  const passwordHash = await newAccountPasswordHash({ db, username, password, cost });
  if (!createAccountLinksRepository({ db }).use(codeHash(code), now())) throw invalidLink();
  if (!setupNeeded({ db })) throw new AppError('setup_done', 'This installation has an account already: sign in, or ask an admin.');
  return insertUser({ db, now, username, passwordHash, role: 'admin' });
}

/**
 * Changes the signed-in user's password after checking the current one; every other session of
 * theirs ends (a stolen session does not outlive the change), the one in use goes on.
 */
export async function changePassword({
  db,
  userId,
  keepSessionIdHash,
  currentPassword,
  newPassword,
  cost = defaultCost,
}: {
  db: Db;
  userId: number;
  keepSessionIdHash: string;
  currentPassword: string;
  newPassword: string;
  cost?: ScryptCost;
}): Promise<void> {
  const users = createUsersRepository({ db });
  const user = users.find(userId);
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError('password_wrong', 'The current password is wrong.');
  users.setPasswordHash(userId, await newPasswordHash(newPassword, user.username, cost));
  createSessionsRepository({ db }).deleteOfUserExcept(userId, keepSessionIdHash);
}

/** An admin's reset link for another account, shown once; an earlier reset link of that account stops working. */
export async function createResetLink({ db, now, actor, userId }: { db: Db; now: () => Date; actor: Actor; userId: number }): Promise<{ code: string; expiresAt: Date; username: string }> {
  const user = createUsersRepository({ db }).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  const link = newLink({ db, now, purpose: 'reset', userId, lifetimeMs: resetLinkLifetimeMs });
  await recordAudit({ db, now, ...actor, action: 'password_reset_link', detail: { userId } });
  return { ...link, username: user.username };
}

/** The account a reset link is for, so the page can say whose password is being set. */
export function resetLinkAccount({ db, now, code }: { db: Db; now: () => Date; code: string }): { userId: number; username: string } {
  const link = validLink({ db, now, purpose: 'reset', code });
  const user = link.userId === null ? undefined : createUsersRepository({ db }).find(link.userId);
  if (!user || user.disabledAt) throw invalidLink();
  return { userId: user.id, username: user.username };
}

/** Sets a new password with a reset link; every session of the account ends. */
export async function resetPassword({
  db,
  now,
  code,
  newPassword,
  cost = defaultCost,
}: {
  db: Db;
  now: () => Date;
  code: string;
  newPassword: string;
  cost?: ScryptCost;
}): Promise<{ userId: number; username: string }> {
  const account = resetLinkAccount({ db, now, code });
  const passwordHash = await newPasswordHash(newPassword, account.username, cost);
  if (!createAccountLinksRepository({ db }).use(codeHash(code), now())) throw invalidLink();
  createUsersRepository({ db }).setPasswordHash(account.userId, passwordHash);
  createSessionsRepository({ db }).deleteOfUser(account.userId);
  return account;
}
