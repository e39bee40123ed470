import { Type, type Static } from 'typebox';

/** The municipality's register data for a study: preview a file, then import all its rows or none. */

export const RegisterBodySchema = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 200_000, description: 'The CSV file as text (comma or semicolon separated).' }) },
  { additionalProperties: false },
);

export const RegisterProblemSchema = Type.Object({
  line: Type.Integer(),
  code: Type.String({ description: 'Stable code of the problem (such as unknown_pseudonym, not_a_value); clients translate it with params.' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer()])),
  message: Type.String({ description: 'The problem in English.' }),
});
export type RegisterProblem = Static<typeof RegisterProblemSchema>;

export const RegisterRowSchema = Type.Object({
  line: Type.Integer(),
  pseudonym: Type.String(),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), { description: 'value per declared register column' }),
});

export const RegisterPreviewSchema = Type.Object({ rows: Type.Array(RegisterRowSchema), problems: Type.Array(RegisterProblemSchema), replacing: Type.Integer() });
export type RegisterPreview = Static<typeof RegisterPreviewSchema>;

export const RegisterImportedSchema = Type.Object({ imported: Type.Integer() });

