import { Type, type Static } from 'typebox';
import { LocaleSchema } from './common.ts';

/** A study's participants, their token batches and letters, and withdrawal by the researcher. */

export const ParticipantSchema = Type.Object({
  id: Type.Integer(),
  pseudonym: Type.String(),
  language: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn')]),
  batchId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  withdrawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  hasRegisterData: Type.Boolean(),
});
export type Participant = Static<typeof ParticipantSchema>;

export const ParticipantPageSchema = Type.Object({ participants: Type.Array(ParticipantSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type ParticipantPage = Static<typeof ParticipantPageSchema>;

export const BatchSchema = Type.Object({ id: Type.Integer(), size: Type.Integer(), language: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }) });
export type Batch = Static<typeof BatchSchema>;

export const LettersSchema = Type.Object({
  lettersUrl: Type.String({ description: 'Print-ready letters with the raw tokens; kept (encrypted) until confirmed printed, or 7 days.' }),
  downloadUrl: Type.String({ description: 'CSV of pseudonym, language, token, link; as long as the letters are kept.' }),
});
export type Letters = Static<typeof LettersSchema>;

/** A new batch: `count` participants with one letter language, or one per participant. */
export const batchBodySchema = (maxBatchSize: number) =>
  Type.Object(
    {
      count: Type.Integer({ minimum: 1, maximum: maxBatchSize }),
      language: Type.Optional(LocaleSchema),
      languages: Type.Optional(Type.Array(LocaleSchema, { minItems: 1, maxItems: maxBatchSize, description: 'One per participant, instead of `language`.' })),
    },
    { additionalProperties: false },
  );
export const BatchCreatedSchema = Type.Intersect([
  Type.Object({ batch: BatchSchema, participants: Type.Array(Type.Object({ id: Type.Integer(), pseudonym: Type.String(), language: Type.String() })) }),
  LettersSchema,
]);
export const ReissuedSchema = Type.Intersect([Type.Object({ pseudonym: Type.String() }), LettersSchema]);
export const NewCodesSchema = Type.Intersect([Type.Object({ count: Type.Integer() }), LettersSchema]);

export const KeptLettersSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('batch'), Type.Literal('reissue'), Type.Literal('restart')]),
  batchId: Type.Union([Type.Integer(), Type.Null()]),
  count: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  lettersUrl: Type.String(),
  downloadUrl: Type.String(),
});
export type KeptLetters = Static<typeof KeptLettersSchema>;

export const LettersStateSchema = Type.Object({ publicUrl: Type.Union([Type.String(), Type.Null()]), origin: Type.String(), sets: Type.Array(KeptLettersSchema) });
export type LettersState = Static<typeof LettersStateSchema>;

/** The code on the letter a participant shows the researcher. */
export const TokenBodySchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 80, description: 'The code on the letter the participant shows; hashed, never stored or shown.' }) },
  { additionalProperties: false },
);
export const TokenHolderSchema = Type.Object({ pseudonym: Type.String() });
export const WithdrawnSchema = Type.Object({ pseudonym: Type.String(), responsesDeleted: Type.Integer() });
export type Withdrawn = Static<typeof WithdrawnSchema>;
export const LettersDestroyedSchema = Type.Object({ destroyed: Type.Literal(true) });
