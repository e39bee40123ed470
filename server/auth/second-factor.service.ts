import QRCode from 'qrcode';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { createSettingsRepository } from '../settings/settings.repository.ts';
import type { SecondFactorSecrets } from './second-factor-secrets.ts';
import { createSecondFactorRepository } from './second-factor.repository.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { acceptedTotpStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from './totp.ts';
import { createUsersRepository, type Role, type User } from './users.repository.ts';

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

export function secondFactorPolicy({ db, adminsRequired }: { db: Db; adminsRequired: boolean }): SecondFactorPolicy {
  return { admins: adminsRequired, researchers: createSettingsRepository({ db }).get(researchersSetting, false) };
}

export function requireSecondFactorForResearchers({ db, required }: { db: Db; required: boolean }): void {
  createSettingsRepository({ db }).set(researchersSetting, required);
}

/** Translators see no respondent data and work in their own workspace: the requirement is for admins and researchers. */
export function mustHaveSecondFactor(policy: SecondFactorPolicy, role: Role): boolean {
  if (role === 'admin') return policy.admins;
  return role === 'researcher' && policy.researchers;
}

/** A fresh secret for the authenticator app, kept as pending until a first code confirms it. */
export async function startEnrolment({ db, secrets, userId }: { db: Db; secrets: SecondFactorSecrets; userId: number }): Promise<{ secret: string; uri: string; qrCode: string }> {
  const user = createUsersRepository({ db }).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  const secret = newTotpSecret();
  createSecondFactorRepository({ db }).setPending(userId, secrets.seal(userId, secret));
  const uri = totpUri(secret, user.username);
  return { secret, uri, qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 5 }) };
}

const wrongCode = () => new AppError('second_factor_wrong', 'This code is not right. Type the current code from your authenticator app, or a recovery code.', { reason: 'second_factor_wrong' });

/** The first code from the app turns the second factor on; the recovery codes are returned to be shown once. */
export function confirmEnrolment({ db, now, secrets, userId, code }: { db: Db; now: () => Date; secrets: SecondFactorSecrets; userId: number; code: string }): { recoveryCodes: string[] } {
  const user = createUsersRepository({ db }).find(userId);
  if (!user?.totpPendingSecret) throw new AppError('conflict', 'Start the set-up of the authenticator app first.', { reason: 'no_enrolment' });
  const step = acceptedTotpStep({ secret: secrets.open(userId, user.totpPendingSecret), code, at: now(), lastStep: null });
  if (step === undefined) throw wrongCode();
  const recoveryCodes = newRecoveryCodes();
  createSecondFactorRepository({ db }).enable(userId, user.totpPendingSecret, step, recoveryCodes.map(recoveryCodeHash));
  return { recoveryCodes };
}

/** At sign-in: a current code from the app (each accepted once) or an unused recovery code. */
export function checkSecondFactor({ db, now, secrets, user, code }: { db: Db; now: () => Date; secrets: SecondFactorSecrets; user: User; code: string }): { ok: boolean; recoveryCodeUsed: boolean } {
  if (!user.totpSecret) return { ok: true, recoveryCodeUsed: false };
  const repository = createSecondFactorRepository({ db });
  const step = acceptedTotpStep({ secret: secrets.open(user.id, user.totpSecret), code, at: now(), lastStep: user.totpLastStep });
  if (step !== undefined) return { ok: repository.useStep(user.id, step, user.totpLastStep), recoveryCodeUsed: false };
  const used = repository.useRecoveryCode(user.id, recoveryCodeHash(code), now());
  return { ok: used, recoveryCodeUsed: used };
}

/** An admin removes the second factor of someone who lost both phone and recovery codes; their sessions end, and they enrol again. */
export async function removeSecondFactor({ db, now, actor, userId }: { db: Db; now: () => Date; actor: Actor; userId: number }): Promise<void> {
  if (!createUsersRepository({ db }).find(userId)) throw new AppError('not_found', 'No such user.');
  createSecondFactorRepository({ db }).remove(userId);
  createSessionsRepository({ db }).deleteOfUser(userId);
  await recordAudit({ db, now, ...actor, action: 'second_factor_remove', detail: { userId } });
}

export function secondFactorStatus({ db, userId, policy }: { db: Db; userId: number; policy: SecondFactorPolicy }): { enabled: boolean; required: boolean; recoveryCodesLeft: number } {
  const user = createUsersRepository({ db }).find(userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  return {
    enabled: user.totpSecret !== null,
    required: mustHaveSecondFactor(policy, user.role),
    recoveryCodesLeft: user.totpSecret ? createSecondFactorRepository({ db }).recoveryCodesLeft(user.id) : 0,
  };
}
