import { Type, type Static } from 'typebox';

/** The translator workspace (`/translate`): what the server sends and the client shows. */

export const LanguageGrantSchema = Type.Object({
  lang: Type.String(),
  reviewer: Type.Boolean({ description: 'May also mark translations reviewed.' }),
});
export type LanguageGrant = Static<typeof LanguageGrantSchema>;

export const WorkspaceSchema = Type.Object({ languages: Type.Array(LanguageGrantSchema), files: Type.Array(Type.String()) });
export type Workspace = Static<typeof WorkspaceSchema>;

export const StringStateSchema = Type.Union([Type.Literal('missing'), Type.Literal('draft'), Type.Literal('translated'), Type.Literal('reviewed')]);
export type StringState = Static<typeof StringStateSchema>;

export const WorkspaceStringSchema = Type.Object({
  key: Type.String(),
  source: Type.String({ description: 'The Dutch text' }),
  context: Type.Optional(Type.Object({ where: Type.String(), meaning: Type.String() })),
  text: Type.Optional(Type.String({ description: 'The translation, when there is one' })),
  state: StringStateSchema,
  stale: Type.Boolean({ description: 'The translation was made from another Dutch text than today’s' }),
  recording: Type.Optional(
    Type.Object({ url: Type.String(), stale: Type.Boolean() }, { description: 'A recording of the text (survey files), stale when the Dutch text changed after it was made' }),
  ),
});
export type WorkspaceString = Static<typeof WorkspaceStringSchema>;

export const WorkspaceFileSchema = Type.Object({
  lang: Type.String(),
  namespace: Type.String(),
  survey: Type.Optional(Type.Object({ id: Type.String(), version: Type.Integer() }, { description: 'For a survey: its newest version, which the preview shows.' })),
  strings: Type.Array(WorkspaceStringSchema),
});
export type WorkspaceFile = Static<typeof WorkspaceFileSchema>;

export const TranslationBodySchema = Type.Object({ text: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false });

export const RecordingSavedSchema = Type.Object({ file: Type.String(), type: Type.String(), source: Type.String(), stale: Type.Boolean() });
export type RecordingSaved = Static<typeof RecordingSavedSchema>;
