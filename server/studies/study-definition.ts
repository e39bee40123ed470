import { Type, type Static } from 'typebox';
import { letterTextKeys } from '../../shared/letter-text-keys.ts';

/**
 * The study definition: what a research team writes about its study in `studies/<id>/study.json`
 * and the platform reads. Texts a respondent sees (title, purpose, letter) are Dutch here and
 * translated in `locales/<lang>/study-<id>.json` like a survey; labels that only researchers see
 * (register columns, derived variables, report) carry Dutch and English inline; the workspace shows
 * the one in its language, Dutch where English is left out.
 */

const Name = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'a variable name: lower case letters, digits and _' });
const Text = Type.String({ minLength: 1 });
const Label = Type.Object({ nl: Text, en: Type.Optional(Text) }, { additionalProperties: false });
const Value = Type.Union([Type.String({ minLength: 1 }), Type.Number()]);
const ValueLabel = Type.Object({ value: Value, label: Label, missing: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export { letterTextKeys };

const Letter = Type.Object(Object.fromEntries(letterTextKeys.map((key) => [key, Type.Optional(Text)])) as Record<(typeof letterTextKeys)[number], ReturnType<typeof Type.Optional<typeof Text>>>, {
  additionalProperties: false,
  description: 'Letter texts in Dutch; `{{site}}` is replaced by the public address. A text left out is the platform default.',
});

const RegisterColumn = Type.Object(
  {
    name: Name,
    type: Type.Union([Type.Literal('category'), Type.Literal('boolean'), Type.Literal('country'), Type.Literal('number'), Type.Literal('text')]),
    label: Label,
    values: Type.Optional(Type.Array(ValueLabel, { minItems: 1 })),
  },
  { additionalProperties: false },
);

const Rule = Type.Union([
  Type.Object({ name: Type.Literal('matrix_mean'), question: Name, rows: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }), minAnswered: Type.Integer({ minimum: 1 }), range: Type.Tuple([Type.Number(), Type.Number()]) }, { additionalProperties: false }),
  Type.Object({ name: Type.Literal('migration_cbs') }, { additionalProperties: false }),
  Type.Object({ name: Type.Literal('migration_extended'), nationality: Type.Optional(Name) }, { additionalProperties: false }),
  Type.Object({ name: Type.Literal('migration_group'), extended: Name, statusHolder: Type.Optional(Name) }, { additionalProperties: false }),
]);

const Derived = Type.Object(
  {
    name: Name,
    type: Type.Union([Type.Literal('binary'), Type.Literal('numeric'), Type.Literal('categorical')]),
    label: Label,
    description: Type.String({ minLength: 1, description: 'how it is derived, in words, for the codebook' }),
    /** `participant`: one value per person, from their answers across waves (`participantAnswers`). */
    level: Type.Optional(Type.Union([Type.Literal('response'), Type.Literal('participant')])),
    expression: Type.Optional(Type.String({ minLength: 1, description: "survey-core's expression language over answers, {register.<column>} and earlier derived variables" })),
    when: Type.Optional(Type.String({ minLength: 1, description: 'the variable is empty unless this condition holds' })),
    rule: Type.Optional(Rule),
    values: Type.Optional(Type.Array(ValueLabel, { minItems: 1 })),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
  },
  { additionalProperties: false },
);

const Measure = Type.Object(
  {
    name: Name,
    label: Label,
    variable: Name,
    /** `mean` of a number; `share` (%) of responses whose value (or any ticked value) is one of `values`. */
    statistic: Type.Union([Type.Literal('mean'), Type.Literal('share')]),
    values: Type.Optional(Type.Array(Type.Union([Value, Type.Boolean()]), { minItems: 1 })),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
  },
  { additionalProperties: false },
);

const Report = Type.Object(
  {
    groupings: Type.Array(
      Type.Object(
        {
          variable: Name,
          title: Label,
          leaveOutUnknown: Type.Optional(
            Type.Boolean({ description: 'leave the `unknown` group out of the table and out of its total (which is then the total of the known groups)' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    measures: Type.Array(Measure, { minItems: 1 }),
    comparison: Type.Optional(
      Type.Object(
        {
          title: Label,
          description: Label,
          variables: Type.Tuple([Name, Name]),
          share: Type.Object({ value: Type.String({ minLength: 1 }), label: Label }, { additionalProperties: false }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const StudyDefinitionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    kind: Type.Union([Type.Literal('panel'), Type.Literal('cross')]),
    title: Text,
    purpose: Text,
    letter: Type.Optional(Letter),
    waves: Type.Optional(Type.Array(Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9_]{1,16}$' }), survey: Type.String({ minLength: 1 }) }, { additionalProperties: false }), { minItems: 1 })),
    countryQuestions: Type.Optional(Type.Array(Name)),
    missingValues: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Array(Value, { minItems: 1 }))),
    participantAnswers: Type.Optional(Type.Array(Name)),
    register: Type.Optional(Type.Array(RegisterColumn)),
    derived: Type.Optional(Type.Array(Derived)),
    report: Type.Optional(Report),
    disclosure: Type.Optional(
      Type.Object(
        { zerosSensitive: Type.Optional(Type.Boolean({ description: 'treat a zero count (and a share of 0% or 100%) as sensitive; by default a zero describes nobody and is published' })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type StudyDefinition = Static<typeof StudyDefinitionSchema>;
export type RegisterColumn = Static<typeof RegisterColumn>;
export type DerivedDeclaration = Static<typeof Derived>;
export type MeasureDeclaration = Static<typeof Measure>;
export type ReportDeclaration = Static<typeof Report>;
export type LabelDeclaration = Static<typeof Label>;
export type ValueLabelDeclaration = Static<typeof ValueLabel>;
export type LetterTextsDeclaration = Static<typeof Letter>;

/** A researcher-facing label in the workspace's language, Dutch where that language is left out. */
export function labelIn(label: LabelDeclaration, language: string): string {
  return (label as Record<string, string | undefined>)[language] ?? label.nl;
}
