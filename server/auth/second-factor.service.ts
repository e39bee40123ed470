import QRCode from 'qrcode';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { settingsRepositoryFor } from '../settings/settings.repository.pg.ts';
import type { SecondFactorSecrets } from './second-factor-secrets.ts';
import { secondFactorRepositoryFor } from './second-factor.repository.pg.ts';
import { sessionsRepositoryFor } from './sessions.repository.pg.ts';
import { acceptedTotpStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from './totp.ts';
import type { Role, User } from './users.repository.ts';
import { usersRepositoryFor } from './users.repository.pg.ts';

/**
 * The second factor of an account: enrolment (a secret shown as a QR code, confirmed by a first
 * code), the check at sign-in (a code from the app, or a recovery code), and who must have one:
 * admins always (unless the operator turned that off, `WAVEPANEL_ADMIN_SECOND_FACTOR=0`),
 * researchers when an admin requires it on the Accounts page.
 */

const researchersSetting = 'second_factor_researchers';

export interface SecondFactorPolicy {
  admins: boolean;
  researchers: boolean;
}

export async function secondFactorPolicy({ database, adminsRequired }: { database: Database; adminsRequired: boolean }): Promise<SecondFactorPolicy> {
  return { admins: adminsRequired, researchers: await settingsRepositoryFor(database).get(researchersSetting, false) };
}

/** An admin requires a second factor of researchers, or no longer (audited: `settings_change`). */
export async function requireSecondFactorForResearchers({ database, now, actor, required }: { database: Database; now: () => Date; actor: Actor; required: boolean }): Promise<void> {
  await settingsRepositoryFor(database).set(researchersSetting, required);
  await recordAudit({ database, now, ...actor, action: 'settings_change', detail: { researchersSecondFactor: required } });
}

/** Translators see no respondent data and work in their own workspace: the requirement is for admins and researchers. */
export function mustHaveSecondFactor(policy: SecondFactorPolicy, role: Role): boolean {
  if (role === 'admin') return policy.admins;
  return role === 'researcher' && policy.researchers;
}

/** A fresh secret for the authenticator app, kept as pending until a first code confirms it. */
export async function startEnrolment({ database, secrets, userId }: { database: Database; secrets: SecondFactorSecrets; userId: number }): Promise<{ secret: string; uri: string; qrCode: string }> {
  const user = await usersRepositoryFor(database).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  const secret = newTotpSecret();
  await secondFactorRepositoryFor(database).setPending(userId, secrets.seal(userId, secret));
  const uri = totpUri(secret, user.username);
  return { secret, uri, qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 5 }) };
}

const wrongCode = () => new AppError('second_factor_wrong', 'This code is not right. Type the current code from your authenticator app, or a recovery code.', { reason: 'second_factor_wrong' });

/** The first code from the app turns the second factor on; the recovery codes are returned to be shown once. Audited: `second_factor_enable`. */
export async function confirmEnrolment({ database, now, secrets, userId, code }: { database: Database; now: () => Date; secrets: SecondFactorSecrets; userId: number; code: string }): Promise<{ recoveryCodes: string[] }> {
  const user = await usersRepositoryFor(database).find(userId);
  if (!user?.totpPendingSecret) throw new AppError('conflict', 'Start the set-up of the authenticator app first.', { reason: 'no_enrolment' });
  const step = acceptedTotpStep({ secret: secrets.open(userId, user.totpPendingSecret), code, at: now(), lastStep: null });
  if (step === undefined) throw wrongCode();
  const recoveryCodes = newRecoveryCodes();
  await secondFactorRepositoryFor(database).enable(userId, user.totpPendingSecret, step, recoveryCodes.map(recoveryCodeHash));
  await recordAudit({ database, now, userId, action: 'second_factor_enable' });
  return { recoveryCodes };
}

/** At sign-in: a current code from the app (each accepted once) or an unused recovery code. */
export async function checkSecondFactor({ database, now, secrets, user, code }: { database: Database; now: () => Date; secrets: SecondFactorSecrets; user: User; code: string }): Promise<{ ok: boolean; recoveryCodeUsed: boolean }> {
  if (!user.totpSecret) return { ok: true, recoveryCodeUsed: false };
  const repository = secondFactorRepositoryFor(database);
  const step = acceptedTotpStep({ secret: secrets.open(user.id, user.totpSecret), code, at: now(), lastStep: user.totpLastStep });
  if (step !== undefined) return { ok: await repository.useStep(user.id, step, user.totpLastStep), recoveryCodeUsed: false };
  const used = await repository.useRecoveryCode(user.id, recoveryCodeHash(code), now());
  return { ok: used, recoveryCodeUsed: used };
}

/** An admin removes the second factor of someone who lost both phone and recovery codes; their sessions end, and they enrol again. */
export async function removeSecondFactor({ database, now, actor, userId }: { database: Database; now: () => Date; actor: Actor; userId: number }): Promise<void> {
  if (!(await usersRepositoryFor(database).find(userId))) throw new AppError('not_found', 'No such user.');
  await secondFactorRepositoryFor(database).remove(userId);
  await sessionsRepositoryFor(database).deleteOfUser(userId);
  await recordAudit({ database, now, ...actor, action: 'second_factor_remove', detail: { userId } });
}

export async function secondFactorStatus({ database, userId, policy }: { database: Database; userId: number; policy: SecondFactorPolicy }): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
  const user = await usersRepositoryFor(database).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  return {
    enabled: user.totpSecret !== null,
    required: mustHaveSecondFactor(policy, user.role),
    recoveryCodesLeft: user.totpSecret ? await secondFactorRepositoryFor(database).recoveryCodesLeft(user.id) : 0,
  };
}
