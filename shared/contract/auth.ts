import { Type, type Static } from 'typebox';
import { RoleSchema } from './common.ts';

/** Signing in to the researcher workspace, and who is signed in. */

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: RoleSchema,
});
export type Role = Static<typeof RoleSchema>;

export const SessionUserSchema = Type.Object({
  ...UserSchema.properties,
  secondFactor: Type.Object(
    { enabled: Type.Boolean(), required: Type.Boolean(), recoveryCodesLeft: Type.Integer() },
    { description: 'required and not enabled: only setting it up is allowed' },
  ),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const SignedInSchema = Type.Object({ user: SessionUserSchema, csrfToken: Type.String({ description: 'Send as x-csrf-token on every non-GET request.' }) });
export type SignedIn = Static<typeof SignedInSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    secondFactor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, description: 'The code from the authenticator app, or a recovery code; asked for with 401 second_factor_required' }),
    ),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const SetupNeededSchema = Type.Object({ needed: Type.Boolean() });

/** The account a password reset link is for. */
export const ResetAccountSchema = Type.Object({ username: Type.String() });

/** A new authenticator-app secret, as a key and a QR code (data URL). */
export const EnrolmentSchema = Type.Object({ secret: Type.String(), uri: Type.String(), qrCode: Type.String() });
export type Enrolment = Static<typeof EnrolmentSchema>;

export const SecondFactorCodeBodySchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });
export const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const LinkCode = Type.String({ minLength: 1, maxLength: 64, description: 'The code from the link (after #code=).' });
export const NewPassword = Type.String({ minLength: 1, maxLength: 1024 });
/** A setup or reset link's code, to check before the form is shown. */
export const LinkCodeBodySchema = Type.Object({ code: LinkCode }, { additionalProperties: false });
export const SetupBodySchema = Type.Object({ code: LinkCode, username: Type.String({ minLength: 1, maxLength: 40 }), password: NewPassword }, { additionalProperties: false });
export const PasswordChangeBodySchema = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: NewPassword }, { additionalProperties: false });
export const PasswordResetBodySchema = Type.Object({ code: LinkCode, newPassword: NewPassword }, { additionalProperties: false });
