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
