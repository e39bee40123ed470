import { Type } from 'typebox';
import { locales } from '../locales.ts';

/**
 * The HTTP contract between the server and its clients: the TypeBox schemas the routes validate
 * with and publish as `/api/openapi.json`, and their `Static` types. The client imports the types
 * only (`import type`), so the TypeBox runtime never enters a bundle; a schema change the client
 * does not follow fails `npm run typecheck`. These are the schemas several routes share.
 */

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

/** The body of an action that needs no data: nothing, or an empty JSON object; anything else is refused. */
export const NoBody = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()], { description: 'No body, or {}' });

/** Sent by an enrolled kiosk with every start, so that its failed codes count for the tablet and not for the site's address. */
export const KioskKeyHeaders = Type.Object({
  'x-kiosk-key': Type.Optional(Type.String({ maxLength: 100, description: 'The key of an enrolled kiosk (see POST /api/kiosks).' })),
});

/** Control characters, bidi and other invisible format characters (not the zero-width joiners some scripts need), separators of lines and paragraphs, lone surrogates, private use. */
const notInText = '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2028\\u2029\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb\\ud800-\\udfff\\ue000-\\uf8ff';

/**
 * A name or other one-line text (a study name, a kiosk label): at least one visible character and
 * none of `notInText`. Every string of a body is NFC-normalised before it is checked (see
 * `installRequestBodies`).
 */
export const PlainText = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...options, pattern: `^[^${notInText}]*[^\\s${notInText}][^${notInText}]*$` });

export const LocaleSchema = Type.Enum(locales, { description: 'nl (source), en, ar (right to left), tr, ti (Tigrinya)' });

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
