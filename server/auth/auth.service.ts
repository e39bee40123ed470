import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { defaultCost, hashPassword, verifyPassword, type ScryptCost } from './password.ts';
import { passwordMessages, passwordProblem } from './password-policy.ts';
import type { SecondFactorSecrets } from './second-factor-secrets.ts';
import { checkSecondFactor, mustHaveSecondFactor, type SecondFactorPolicy } from './second-factor.service.ts';
import { sessionsRepositoryFor } from './sessions.repository.pg.ts';
import type { LanguageGrant, Role, User } from './users.repository.ts';
import { usersRepositoryFor } from './users.repository.pg.ts';

export const idleLimitMs = 30 * 60 * 1000;
export const absoluteLimitMs = 12 * 60 * 60 * 1000;

export interface SignedInUser {
  id: number;
  username: string;
  role: Role;
}

export interface ActiveSession {
  user: SignedInUser;
  idHash: string;
  csrfToken: string;
  /** The account must have a second factor and has none yet: it may only set one up. */
  mustEnrol: boolean;
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,39}$/;

function sessionIdHash(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

function publicUser(user: User): SignedInUser {
  return { id: user.id, username: user.username, role: user.role };
}

/** The hash of an acceptable new password; `password_rejected` with the reason otherwise. */
export async function newPasswordHash(password: string, username: string, cost: ScryptCost = defaultCost): Promise<string> {
  const problem = await passwordProblem(password, [username, 'wavepanel']);
  if (problem) throw new AppError('password_rejected', passwordMessages[problem], { reason: problem });
  return hashPassword(password, cost);
}

/** Checks a new account's username and password; the password's hash when both are acceptable. */
export async function newAccountPasswordHash({ database, username, password, cost = defaultCost }: { database: Database; username: string; password: string; cost?: ScryptCost | undefined }): Promise<string> {
  if (!usernamePattern.test(username)) {
    throw new AppError('validation_failed', 'A username has 2 to 40 characters: lower-case letters, digits, dot, hyphen, underscore.', { field: 'username' });
  }
  if (await usersRepositoryFor(database).findByUsername(username)) throw new AppError('conflict', `The username ${username} is taken.`, { reason: 'username_taken' });
  return newPasswordHash(password, username, cost);
}

export async function insertUser({ database, now, username, passwordHash, role }: { database: Database; now: () => Date; username: string; passwordHash: string; role: Role }): Promise<SignedInUser> {
  return publicUser(await usersRepositoryFor(database).insert({ username, passwordHash, role, createdAt: now() }));
}

/** An admin (or the operator with `wavepanel user add`) makes an account. */
export async function createUser(input: { database: Database; now: () => Date; actor: Actor; username: string; password: string; role: Role; cost?: ScryptCost }): Promise<SignedInUser> {
  const passwordHash = await newAccountPasswordHash(input);
  const user = await insertUser({ ...input, passwordHash });
  await recordAudit({ ...input, ...input.actor, action: 'user_create', detail: { userId: user.id, role: user.role } });
  return user;
}

let dummyHash: Promise<string> | undefined;

export type SignInRefusal = 'password' | 'second_factor_required' | 'second_factor_wrong';

type Credentials = { database: Database; now: () => Date; secondFactorSecrets: SecondFactorSecrets; username: string; password: string; secondFactor?: string | undefined };

/** The account when the password and (if it has one) the second factor are right. Unknown users cost as much time as known ones. */
async function checkCredentials({ database, now, username, password, secondFactor, secondFactorSecrets }: Credentials): Promise<{ ok: true; user: User; recoveryCodeUsed: boolean } | { ok: false; userId: number | null; reason: SignInRefusal }> {
  const user = await usersRepositoryFor(database).findByUsername(username);
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummyHash);
    return { ok: false, userId: user?.id ?? null, reason: 'password' };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, userId: user.id, reason: 'password' };
  let recoveryCodeUsed = false;
  if (user.totpSecret) {
    if (!secondFactor) return { ok: false, userId: user.id, reason: 'second_factor_required' };
    const checked = await checkSecondFactor({ database, now, secrets: secondFactorSecrets, user, code: secondFactor });
    if (!checked.ok) return { ok: false, userId: user.id, reason: 'second_factor_wrong' };
    recoveryCodeUsed = checked.recoveryCodeUsed;
  }
  return { ok: true, user, recoveryCodeUsed };
}

/**
 * Checks the password, then the second factor of an account that has one (a code from the
 * authenticator app or a recovery code; without one the answer asks for it), and opens a new
 * session (a new random id every time, so a session id planted before sign-in is worthless) that
 * replaces the one this browser had (`previousSessionId`); a failed sign-in ends nothing. Audited:
 * `sign_in`, or `sign_in_failed` for a wrong password or code.
 */
export async function signIn({
  previousSessionId,
  ...credentials
}: Credentials & { previousSessionId?: string | undefined }): Promise<{ ok: true; user: SignedInUser; sessionId: string; csrfToken: string } | { ok: false; userId: number | null; reason: SignInRefusal }> {
  const { database, now } = credentials;
  const checked = await checkCredentials(credentials);
  if (!checked.ok) {
    if (checked.reason !== 'second_factor_required') {
      await recordAudit({ database, now, userId: checked.userId, action: 'sign_in_failed', detail: checked.reason === 'second_factor_wrong' ? { secondFactor: true } : {} });
    }
    return checked;
  }
  const { user, recoveryCodeUsed } = checked;
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = now();
  const sessions = sessionsRepositoryFor(database);
  await sessions.deleteExpired(new Date(at.getTime() - idleLimitMs), new Date(at.getTime() - absoluteLimitMs));
  await sessions.insert({ idHash: sessionIdHash(sessionId), userId: user.id, csrfToken, createdAt: at, lastSeenAt: at });
  if (previousSessionId) await sessions.delete(sessionIdHash(previousSessionId));
  await recordAudit({ database, now, userId: user.id, action: 'sign_in', detail: recoveryCodeUsed ? { recoveryCode: true } : {} });
  return { ok: true, user: publicUser(user), sessionId, csrfToken };
}

/** The session behind a cookie value, if it is within both limits; extends the idle limit. */
export async function authenticate({ database, now, sessionId, policy }: { database: Database; now: () => Date; sessionId: string; policy: () => Promise<SecondFactorPolicy> }): Promise<ActiveSession | undefined> {
  const sessions = sessionsRepositoryFor(database);
  const idHash = sessionIdHash(sessionId);
  const session = await sessions.find(idHash);
  if (!session) return undefined;
  const at = now().getTime();
  if (at - session.lastSeenAt.getTime() >= idleLimitMs || at - session.createdAt.getTime() >= absoluteLimitMs) {
    await sessions.delete(idHash);
    return undefined;
  }
  const user = await usersRepositoryFor(database).find(session.userId);
  if (!user || user.disabledAt) {
    await sessions.delete(idHash);
    return undefined;
  }
  await sessions.touch(idHash, new Date(at));
  return { user: publicUser(user), idHash, csrfToken: session.csrfToken, mustEnrol: user.totpSecret === null && mustHaveSecondFactor(await policy(), user.role) };
}

/** Ends a session (audited: `sign_out`). */
export async function signOut({ database, now, session }: { database: Database; now: () => Date; session: Pick<ActiveSession, 'idHash' | 'user'> }): Promise<void> {
  await sessionsRepositoryFor(database).delete(session.idHash);
  await recordAudit({ database, now, userId: session.user.id, action: 'sign_out' });
}

/** Admins see every study; researchers the studies they are members of. */
export async function canAccessStudy({ database, user, studyId }: { database: Database; user: SignedInUser; studyId: string }): Promise<boolean> {
  return user.role === 'admin' || usersRepositoryFor(database).isMember(user.id, studyId);
}

export async function visibleStudyIds({ database, user }: { database: Database; user: SignedInUser }): Promise<Set<string> | 'all'> {
  return user.role === 'admin' ? 'all' : new Set(await usersRepositoryFor(database).studiesOf(user.id));
}

export async function listUsers({ database }: { database: Database }): Promise<(SignedInUser & { disabled: boolean; studies: string[]; languages: LanguageGrant[]; secondFactor: boolean })[]> {
  const users = usersRepositoryFor(database);
  return Promise.all(
    (await users.list()).map(async (u) => ({ ...publicUser(u), disabled: u.disabledAt !== null, studies: await users.studiesOf(u.id), languages: await users.languagesOf(u.id), secondFactor: u.totpSecret !== null })),
  );
}

/** The languages a translator works on (all of them for an admin). */
export async function translatorLanguages({ database, user, all }: { database: Database; user: SignedInUser; all: string[] }): Promise<LanguageGrant[]> {
  if (user.role === 'admin') return all.map((lang) => ({ lang, reviewer: true }));
  return user.role === 'translator' ? usersRepositoryFor(database).languagesOf(user.id) : [];
}

/** An admin gives a translator their languages (replacing the earlier ones). */
export async function setTranslatorLanguages({ database, now, actor, userId, languages }: { database: Database; now: () => Date; actor: Actor; userId: number; languages: LanguageGrant[] }): Promise<void> {
  const users = usersRepositoryFor(database);
  const user = await users.find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  if (user.role !== 'translator') throw new AppError('conflict', `${user.username} is not a translator.`);
  await users.setLanguages(userId, languages);
  const detail = { userId, languages: languages.map((l) => l.lang), reviewer: languages.filter((l) => l.reviewer).map((l) => l.lang) };
  await recordAudit({ database, now, ...actor, action: 'user_languages', detail });
}

export async function setUserDisabled({ database, now, actor, userId, disabled }: { database: Database; now: () => Date; actor: Actor; userId: number; disabled: boolean }): Promise<void> {
  if (disabled && userId === actor.userId) throw new AppError('conflict', 'You cannot disable your own account.', { reason: 'own_account' });
  if (!(await usersRepositoryFor(database).setDisabled(userId, disabled ? now() : null))) throw new AppError('not_found', 'No such user.');
  if (disabled) await sessionsRepositoryFor(database).deleteOfUser(userId);
  await recordAudit({ database, now, ...actor, action: 'user_disable', detail: { userId, disabled } });
}

export async function addStudyMember({ database, now, actor, studyId, userId }: { database: Database; now: () => Date; actor: Actor; studyId: string; userId: number }): Promise<void> {
  const users = usersRepositoryFor(database);
  const user = await users.find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  if (user.role === 'translator') throw new AppError('conflict', 'A translator cannot be a member of a study.');
  await users.addMember(studyId, userId);
  await recordAudit({ database, now, ...actor, action: 'member_add', studyId, detail: { userId } });
}

export async function removeStudyMember({ database, now, actor, studyId, userId }: { database: Database; now: () => Date; actor: Actor; studyId: string; userId: number }): Promise<void> {
  await usersRepositoryFor(database).removeMember(studyId, userId);
  await recordAudit({ database, now, ...actor, action: 'member_remove', studyId, detail: { userId } });
}
