import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { defaultCost, hashPassword, passwordProblem, verifyPassword, type ScryptCost } from './password.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { createUsersRepository, type LanguageGrant, type Role, type User } from './users.repository.ts';

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
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,39}$/;

function sessionIdHash(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

function publicUser(user: User): SignedInUser {
  return { id: user.id, username: user.username, role: user.role };
}

export async function createUser({
  db,
  now,
  username,
  password,
  role,
  cost = defaultCost,
}: {
  db: Db;
  now: () => Date;
  username: string;
  password: string;
  role: Role;
  cost?: ScryptCost;
}): Promise<SignedInUser> {
  const users = createUsersRepository({ db });
  if (!usernamePattern.test(username)) {
    throw new AppError('validation_failed', 'A username has 2 to 40 characters: lower-case letters, digits, dot, hyphen, underscore.');
  }
  const problem = passwordProblem(password);
  if (problem) throw new AppError('validation_failed', problem);
  if (users.findByUsername(username)) throw new AppError('conflict', `The username ${username} is taken.`);
  const passwordHash = await hashPassword(password, cost);
  return publicUser(users.insert({ username, passwordHash, role, createdAt: now() }));
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks the password and opens a new session (a new random id every time, so a session id
 * planted before sign-in is worthless). Unknown users cost as much time as known ones.
 */
export async function signIn({ db, now, username, password }: { db: Db; now: () => Date; username: string; password: string }): Promise<
  { ok: true; user: SignedInUser; sessionId: string; csrfToken: string } | { ok: false; userId: number | null }
> {
  const users = createUsersRepository({ db });
  const user = users.findByUsername(username);
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummyHash);
    return { ok: false, userId: user?.id ?? null };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, userId: user.id };
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = now();
  const sessions = createSessionsRepository({ db });
  sessions.deleteExpired(new Date(at.getTime() - idleLimitMs), new Date(at.getTime() - absoluteLimitMs));
  sessions.insert({ idHash: sessionIdHash(sessionId), userId: user.id, csrfToken, createdAt: at, lastSeenAt: at });
  return { ok: true, user: publicUser(user), sessionId, csrfToken };
}

/** The session behind a cookie value, if it is within both limits; extends the idle limit. */
export function authenticate({ db, now, sessionId }: { db: Db; now: () => Date; sessionId: string }): ActiveSession | undefined {
  const sessions = createSessionsRepository({ db });
  const idHash = sessionIdHash(sessionId);
  const session = sessions.find(idHash);
  if (!session) return undefined;
  const at = now().getTime();
  if (at - session.lastSeenAt.getTime() >= idleLimitMs || at - session.createdAt.getTime() >= absoluteLimitMs) {
    sessions.delete(idHash);
    return undefined;
  }
  const user = createUsersRepository({ db }).find(session.userId);
  if (!user || user.disabledAt) {
    sessions.delete(idHash);
    return undefined;
  }
  sessions.touch(idHash, new Date(at));
  return { user: publicUser(user), idHash, csrfToken: session.csrfToken };
}

export function signOut({ db, idHash }: { db: Db; idHash: string }): void {
  createSessionsRepository({ db }).delete(idHash);
}

/** Admins see every study; researchers the studies they are members of. */
export function canAccessStudy({ db, user, studyId }: { db: Db; user: SignedInUser; studyId: string }): boolean {
  return user.role === 'admin' || createUsersRepository({ db }).isMember(user.id, studyId);
}

export function visibleStudyIds({ db, user }: { db: Db; user: SignedInUser }): Set<string> | 'all' {
  return user.role === 'admin' ? 'all' : new Set(createUsersRepository({ db }).studiesOf(user.id));
}

export function listUsers({ db }: { db: Db }): (SignedInUser & { disabled: boolean; studies: string[]; languages: LanguageGrant[] })[] {
  const users = createUsersRepository({ db });
  return users.list().map((u) => ({ ...publicUser(u), disabled: u.disabledAt !== null, studies: users.studiesOf(u.id), languages: users.languagesOf(u.id) }));
}

/** The languages a translator works on (all of them for an admin). */
export function translatorLanguages({ db, user, all }: { db: Db; user: SignedInUser; all: string[] }): LanguageGrant[] {
  if (user.role === 'admin') return all.map((lang) => ({ lang, reviewer: true }));
  return user.role === 'translator' ? createUsersRepository({ db }).languagesOf(user.id) : [];
}

/** An admin gives a translator their languages (replacing the earlier ones). */
export function setTranslatorLanguages({ db, userId, languages }: { db: Db; userId: number; languages: LanguageGrant[] }): void {
  const users = createUsersRepository({ db });
  const user = users.find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  if (user.role !== 'translator') throw new AppError('conflict', `${user.username} is not a translator.`);
  users.setLanguages(userId, languages);
}

export function setUserDisabled({ db, now, userId, disabled }: { db: Db; now: () => Date; userId: number; disabled: boolean }): void {
  const users = createUsersRepository({ db });
  if (!users.setDisabled(userId, disabled ? now() : null)) throw new AppError('not_found', 'No such user.');
  if (disabled) createSessionsRepository({ db }).deleteOfUser(userId);
}

export function addStudyMember({ db, studyId, userId }: { db: Db; studyId: string; userId: number }): void {
  const user = createUsersRepository({ db }).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  if (user.role === 'translator') throw new AppError('conflict', 'A translator cannot be a member of a study.');
  createUsersRepository({ db }).addMember(studyId, userId);
}

export function removeStudyMember({ db, studyId, userId }: { db: Db; studyId: string; userId: number }): void {
  createUsersRepository({ db }).removeMember(studyId, userId);
}
