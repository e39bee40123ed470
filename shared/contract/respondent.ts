import { Type, type Static } from 'typebox';
import { AnswersSchema, LocaleSchema } from './common.ts';

/** `POST /api/respondent/sessions`: a respondent starts or resumes a response in the wave open now. */

export const StartBodySchema = Type.Object(
  {
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'The participant token from the letter (panel studies).' })),
    studyId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Cross-sectional study to answer anonymously.' })),
    locale: LocaleSchema,
    localeChosen: Type.Optional(
      Type.Boolean({ description: 'The person chose `locale` on this device; otherwise a resumed response keeps the language stored with it.' }),
    ),
    channel: Type.Union([Type.Literal('web'), Type.Literal('kiosk')], { default: 'web' }),
  },
  { additionalProperties: false },
);
export type StartBody = Static<typeof StartBodySchema>;

export const SessionSchema = Type.Object({
  responseId: Type.String(),
  responseKey: Type.String({ description: 'Send back as the x-response-key header.' }),
  studyId: Type.String(),
  title: Type.Record(Type.String(), Type.String(), { description: "the study's title per language, from its definition" }),
  purpose: Type.Record(Type.String(), Type.String(), { description: "the study's one-line purpose per language, from its definition; Dutch where a translation is missing" }),
  waveCode: Type.String(),
  survey: Type.Object({
    id: Type.String(),
    version: Type.Integer(),
    url: Type.String({ description: "The definition in the session's language, under its content hash." }),
    urls: Type.Record(Type.String(), Type.String(), { description: 'The definition in every language, each under its content hash.' }),
  }),
  locale: Type.String({ description: 'The language to show: the one stored with a resumed response, unless the person chose another.' }),
  answers: AnswersSchema,
  pageNo: Type.Integer(),
  variables: Type.Record(Type.String(), Type.Unknown()),
});
export type Session = Static<typeof SessionSchema>;
