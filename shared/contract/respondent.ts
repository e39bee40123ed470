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

/** `POST /api/respondent/responses/:responseId/submissions` (with the header `x-response-key`): a page of answers, or the last. */
export const SubmissionBodySchema = Type.Object(
  {
    submissionId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'Made by the client; reused on retry.' }),
    pageNo: Type.Integer({ minimum: 0, maximum: 1000 }),
    answers: AnswersSchema,
    complete: Type.Optional(Type.Boolean()),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export const SubmissionResultSchema = Type.Object({ status: Type.Union([Type.Literal('in_progress'), Type.Literal('completed')]), pageNo: Type.Integer() });
export type SubmissionResult = Static<typeof SubmissionResultSchema>;

/** Self-service withdrawal with the code of the letter. */
export const WithdrawalBodySchema = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 80, description: 'The participant token from the letter.' }),
    locale: LocaleSchema,
  },
  { additionalProperties: false },
);
export const WithdrawalDoneSchema = Type.Object({
  withdrawn: Type.Literal(true),
  message: Type.String({ description: 'What happened, in the chosen language.' }),
});

/** `POST /api/respondent/kiosk/reset`: an empty JSON object, so that no simple cross-site form can send it. */
export const KioskResetBodySchema = Type.Object({}, { additionalProperties: false });
