import { Type, type Static, type TOptional, type TSchema } from 'typebox';
import { letterTextKeys, type LetterTextKey } from '../letter-text-keys.ts';
import { PlainText } from './common.ts';

/** The researcher's study routes: a study, its waves, its letter texts. */

export const StudyParams = Type.Object({ studyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }) });
export const WaveParams = Type.Object({
  studyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
  waveId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});
export const ParticipantParams = Type.Object({
  studyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
  participantId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});

export const WaveSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  surveyId: Type.String(),
  surveyVersion: Type.Integer(),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  open: Type.Boolean(),
});

export const StudySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('panel'), Type.Literal('cross')]),
  waves: Type.Array(WaveSchema),
  registerColumns: Type.Array(Type.String(), { description: 'register columns the study definition declares' }),
  title: Type.String({ description: "the study's title for respondents (its definition)" }),
  pilot: Type.Boolean({ description: 'in pilot mode every new response is a test response' }),
  archivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Wave = Static<typeof WaveSchema>;
export type Study = Static<typeof StudySchema>;

/** One schema per letter text: every key optional, no other key. */
export const letterTexts = <T extends TSchema>(text: T) =>
  Type.Object(Object.fromEntries(letterTextKeys.map((key) => [key, Type.Optional(text)])) as Record<LetterTextKey, TOptional<T>>, { additionalProperties: false });
export const LetterTextsSchema = Type.Object({
  own: letterTexts(Type.String()),
  fallback: Type.Object(Object.fromEntries(letterTextKeys.map((key) => [key, Type.String()])) as Record<LetterTextKey, ReturnType<typeof Type.String>>, {
    description: 'what the letter says where the study has no text of its own',
  }),
});
export type LetterTexts = Static<typeof LetterTextsSchema>;

/** A refused study definition (422 of creating or copying a study) lists these in `details.problems`. */
export const StudyProblemSchema = Type.Object({
  file: Type.String(),
  path: Type.String({ description: 'JSON Pointer into the file (`/derived/2/expression`); empty for the file itself.' }),
  message: Type.String(),
});
export type StudyProblem = Static<typeof StudyProblemSchema>;

export const TestResponsesDeletedSchema = Type.Object({ deleted: Type.Integer() });
export const StudyDeletedSchema = Type.Object({ responses: Type.Integer(), participants: Type.Integer(), waves: Type.Integer() });

const StudyId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
export const NewStudyBodySchema = Type.Object(
  { id: StudyId, name: PlainText({ minLength: 1, maxLength: 200 }), kind: Type.Union([Type.Literal('panel'), Type.Literal('cross')]) },
  { additionalProperties: false },
);
export const StudyFromDefinitionBodySchema = Type.Object({ definition: Type.Unknown({ description: 'the parsed study.json' }) }, { additionalProperties: false });
export const StudyCopyBodySchema = Type.Object({ id: StudyId, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false });
export const PilotBodySchema = Type.Object({ pilot: Type.Boolean() }, { additionalProperties: false });
/** Archiving and deleting a study: the researcher types its id. */
export const ConfirmBodySchema = Type.Object({ confirm: Type.String({ maxLength: 100, description: "the study's id, typed by the researcher" }) }, { additionalProperties: false });

const SurveyId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' });
const Version = Type.Integer({ minimum: 1, maximum: 999999 });
const Time = Type.String({ format: 'date-time' });
export const NewWaveBodySchema = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }), surveyId: SurveyId, surveyVersion: Version, opensAt: Time, closesAt: Time },
  { additionalProperties: false },
);
export const WaveChangeBodySchema = Type.Object(
  { surveyId: Type.Optional(SurveyId), surveyVersion: Type.Optional(Version), opensAt: Type.Optional(Time), closesAt: Type.Optional(Time) },
  { additionalProperties: false, minProperties: 1 },
);
export const LetterTextsBodySchema = Type.Object({ texts: letterTexts(Type.Union([Type.Literal(''), PlainText({ maxLength: 1000 })])) }, { additionalProperties: false });
