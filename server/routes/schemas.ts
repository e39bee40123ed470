import { Type, type Static } from 'typebox';
import { locales } from '../surveys/localization.ts';

/** Schemas shared by several routes. Each route's own schemas sit in its file. */

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code; clients translate it.' }),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'Error', description: 'The one shape of every error.' },
);

export const LocaleSchema = Type.Union(
  locales.map((l) => Type.Literal(l)),
  { description: 'nl (source), en, ar (right to left), tr, ti (Tigrinya)' },
);
export type LocaleValue = Static<typeof LocaleSchema>;

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('researcher'), Type.Literal('translator')], {
  description: 'admin: everything; researcher: the studies they are members of; translator: the translator workspace, in the languages given',
});

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  429: ErrorSchema,
} as const;

export const AnswersSchema = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  maxProperties: 300,
  description: 'SurveyJS data: question name → answer. null clears an answer.',
});
