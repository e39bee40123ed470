import { Type, type Static, type TOptional, type TSchema } from 'typebox';
import { letterTextKeys, type LetterTextKey } from '../letter-text-keys.ts';

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
