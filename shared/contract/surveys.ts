import { Type, type Static } from 'typebox';
import { LocaleSchema } from './common.ts';

/** The installed survey versions, and publishing the next one (admin). */

export const SurveyListItemSchema = Type.Object({ id: Type.String(), version: Type.Integer(), title: Type.String() });
export type SurveyListItem = Static<typeof SurveyListItemSchema>;

export const SurveyParams = Type.Object({ surveyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }) });

export const PublishBodySchema = Type.Object(
  {
    definition: Type.Object({}, { additionalProperties: true, description: 'The SurveyJS definition, Dutch source text inline.' }),
    allowBreaking: Type.Optional(Type.Boolean({ description: 'Publish although answers would not be comparable with the latest version.' })),
    preview: Type.Optional(Type.Boolean({ description: 'Only check and compare; nothing is written.' })),
  },
  { additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBodySchema>;

/** A definition not yet published, shown in one language (the preview). */
export const UnpublishedBodySchema = Type.Object({ definition: PublishBodySchema.properties.definition, locale: LocaleSchema }, { additionalProperties: false });
/** A survey version as SurveyJS JSON in one language (`GET /api/surveys/:surveyId/:version`, and the preview of one not published yet). */
export const LocalizedDefinitionSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'the SurveyJS definition in the language' });
export type LocalizedDefinition = Static<typeof LocalizedDefinitionSchema>;

export const VersionChangeSchema = Type.Object({
  kind: Type.Union([Type.Literal('breaking'), Type.Literal('safe')]),
  question: Type.Optional(Type.String()),
  code: Type.String({ description: 'Stable code of the change (such as question_removed, values_added); clients translate it with params.' }),
  params: Type.Record(Type.String(), Type.String()),
  what: Type.String({ description: 'The change in English, for a client that does not know the code.' }),
});
export type VersionChange = Static<typeof VersionChangeSchema>;

export const PublicationSchema = Type.Object({
  surveyId: Type.String(),
  version: Type.Integer({ description: 'The number the version gets (or would get, in a preview).' }),
  previousVersion: Type.Union([Type.Integer(), Type.Null()], { description: 'The version it was compared with; null for a new survey.' }),
  breaking: Type.Array(VersionChangeSchema),
  safe: Type.Array(VersionChangeSchema),
  published: Type.Boolean(),
});
export type Publication = Static<typeof PublicationSchema>;
