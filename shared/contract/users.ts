import { Type, type Static } from 'typebox';
import { locales } from '../locales.ts';
import { RoleSchema } from './common.ts';

/** Accounts and who must sign in with a second factor: admins only. */

const translated = locales.filter((l) => l !== 'nl');

export const LanguageGrantBodySchema = Type.Object(
  { lang: Type.String({ pattern: `^(${translated.join('|')})$` }), reviewer: Type.Boolean({ description: 'May also mark translations reviewed.' }) },
  { additionalProperties: false },
);

export const UserRowSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  studies: Type.Array(Type.String()),
  languages: Type.Array(LanguageGrantBodySchema, { description: "A translator's languages." }),
  secondFactor: Type.Boolean({ description: 'Has set up an authenticator app.' }),
});
export type UserRow = Static<typeof UserRowSchema>;

export const ResetLinkSchema = Type.Object({ username: Type.String(), url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
export type ResetLink = Static<typeof ResetLinkSchema>;

export const SecuritySchema = Type.Object({
  adminsSecondFactor: Type.Boolean({ description: 'Set by the operator (WAVEPANEL_ADMIN_SECOND_FACTOR); on unless turned off' }),
  researchersSecondFactor: Type.Boolean(),
});
export type Security = Static<typeof SecuritySchema>;

export const NewUserBodySchema = Type.Object(
  { username: Type.String({ minLength: 2, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 1024 }), role: RoleSchema },
  { additionalProperties: false },
);
export const LanguagesBodySchema = Type.Object({ languages: Type.Array(LanguageGrantBodySchema, { maxItems: 10, uniqueItems: true }) }, { additionalProperties: false });
export const DisabledBodySchema = Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false });
export const SecurityBodySchema = Type.Object({ researchersSecondFactor: Type.Boolean() }, { additionalProperties: false });
