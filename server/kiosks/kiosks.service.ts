import { randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { AttemptSubject } from '../tokens/attempt-limiter.ts';
import type { Hasher } from '../tokens/token-hash.ts';
import type { Kiosk } from './kiosks.repository.ts';
import { kiosksRepositoryFor } from './kiosks.repository.pg.ts';

/**
 * Kiosks are known devices: a researcher enrols a tablet once (it gets a random kiosk key, shown
 * once, kept on the tablet and only as a keyed hash here) and the tablet sends the key with every
 * start. Failed codes typed at an enrolled kiosk are then counted for that tablet, not for the
 * address of the whole site (several tablets, or a proxy, share one address), so one tablet's old
 * letters never lock out the others, nor the site.
 */

interface Deps {
  database: Database;
  now: () => Date;
  hash: Hasher;
}

export interface KioskSummary {
  id: number;
  label: string;
  createdAt: Date;
  revoked: boolean;
}

const summary = (kiosk: Kiosk): KioskSummary => ({ id: kiosk.id, label: kiosk.label, createdAt: kiosk.createdAt, revoked: kiosk.revokedAt !== null });

/** The kiosk page's address that enrols a tablet: the key travels in the fragment, which browsers never send to a server. */
export const enrolmentPath = (key: string) => `/kiosk#enrol=${key}`;

export async function enrolKiosk(deps: Deps, { label, actor }: { label: string; actor: Actor }): Promise<KioskSummary & { key: string; enrolmentPath: string }> {
  const key = randomBytes(32).toString('base64url');
  const kiosk = await kiosksRepositoryFor(deps.database).insert({ label, keyHash: deps.hash('kiosk', key), createdBy: actor.userId, createdAt: deps.now() });
  await recordAudit({ ...deps, ...actor, action: 'kiosk_enrol', detail: { kioskId: kiosk.id } });
  return { ...summary(kiosk), key, enrolmentPath: enrolmentPath(key) };
}

export async function listKiosks(deps: Pick<Deps, 'database'>): Promise<KioskSummary[]> {
  return (await kiosksRepositoryFor(deps.database).list()).map(summary);
}

export async function revokeKiosk(deps: Deps, { id, actor }: { id: number; actor: Actor }): Promise<void> {
  if (!(await kiosksRepositoryFor(deps.database).revoke(id, deps.now()))) throw new AppError('not_found', 'There is no such enrolled kiosk.');
  await recordAudit({ ...deps, ...actor, action: 'kiosk_revoke', detail: { kioskId: id } });
}

/** The enrolled, not revoked, kiosk holding `key`; undefined for no key or an unknown one. */
export async function enrolledKiosk(deps: Pick<Deps, 'database' | 'hash'>, key: string | undefined): Promise<number | undefined> {
  if (!key || key.length > 100) return undefined;
  return (await kiosksRepositoryFor(deps.database).findActiveByKeyHash(deps.hash('kiosk', key)))?.id;
}

/** Whom failed codes and anonymous starts are counted for: the enrolled kiosk that sent its key, else the client address. */
export async function attemptSubject(deps: Pick<Deps, 'database' | 'hash'>, { kioskKey, address }: { kioskKey: string | undefined; address: string }): Promise<AttemptSubject> {
  const kioskId = await enrolledKiosk(deps, kioskKey);
  return kioskId === undefined ? { kind: 'address', address } : { kind: 'kiosk', kioskId };
}
