import { Type, type Static } from 'typebox';

/**
 * `GET /api/studies/:studyId/report`: the panel report as JSON, every published number protected
 * by the disclosure rules (server/reports/report.ts computes it). A hidden cell has value null.
 */

const Range = Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]);
const Maybe = Type.Union([Type.Number(), Type.Null()]);

export const MeasureInfoSchema = Type.Object({
  name: Type.String(),
  label: Type.String(),
  statistic: Type.Union([Type.Literal('mean'), Type.Literal('share')]),
  decimals: Type.Integer(),
});

export const CountCellSchema = Type.Object(
  { value: Maybe, suppressed: Type.Boolean(), range: Range },
  { description: 'A count; when hidden, value is null and range is what is published instead (sensitive counts), or null.' },
);

export const EstimateSchema = Type.Object(
  { n: Maybe, value: Maybe, low: Maybe, high: Maybe, suppressed: Type.Boolean(), range: Range },
  {
    description:
      'A mean or a percentage (0-100) with its 95% interval. Hidden: value null, and for a sensitive percentage range holds the percentages it lies between. n null: nobody to count or hidden.',
  },
);

export const GroupCellSchema = Type.Object({
  group: Type.String(),
  n: CountCellSchema,
  means: Type.Record(Type.String(), EstimateSchema),
  percentages: Type.Record(Type.String(), EstimateSchema),
});

export const GroupTableSchema = Type.Object({
  dimension: Type.String({ description: 'The variable the groups are values of.' }),
  title: Type.String(),
  groups: Type.Array(Type.String()),
  labels: Type.Record(Type.String(), Type.String(), { description: 'A readable label per group, from the declared values.' }),
  unknownLeftOut: Type.Boolean({ description: 'The unknown group is left out of the table and of its total.' }),
  waves: Type.Array(Type.Object({ wave: Type.String(), total: GroupCellSchema, cells: Type.Array(GroupCellSchema) })),
});

export const ComparisonTableSchema = Type.Object({
  title: Type.String(),
  description: Type.String(),
  variables: Type.Tuple([Type.String(), Type.String()]),
  values: Type.Array(Type.String()),
  labels: Type.Record(Type.String(), Type.String()),
  rows: Type.Array(Type.Object({ value: Type.String(), counts: Type.Tuple([CountCellSchema, CountCellSchema]) })),
  total: CountCellSchema,
  share: Type.Object({ value: Type.String(), label: Type.String(), estimates: Type.Tuple([EstimateSchema, EstimateSchema]) }),
});

export const ChangeSchema = Type.Object({
  n: Type.Union([Type.Number(), Type.Null()], { description: 'Pairs: balanced-panel participants with the measure at the first and the last wave.' }),
  first: Maybe,
  last: Maybe,
  change: { ...EstimateSchema, description: 'Mean of the differences last - first, with a t interval (percentage points for percentages).' },
});

export const BalancedGroupSchema = Type.Object({ group: Type.String(), n: CountCellSchema, changes: Type.Record(Type.String(), ChangeSchema) });

export const AttritionRowSchema = Type.Object({
  group: Type.String(),
  waves: Type.Array(Type.Object({ wave: Type.String(), n: CountCellSchema, percentOfFirst: EstimateSchema })),
});

export const MissingRowSchema = Type.Object(
  { measure: Type.String(), label: Type.String(), values: Type.Array(Type.String()), waves: Type.Array(Type.Object({ wave: Type.String(), count: CountCellSchema })) },
  { description: "Respondents whose answer to a measure's question was a value the study declares missing, per wave." },
);

export const PanelReportSchema = Type.Object(
  {
    studyId: Type.String(),
    studyName: Type.String(),
    generatedAt: Type.String({ format: 'date-time' }),
    minCellSize: Type.Integer(),
    zerosSensitive: Type.Boolean(),
    waves: Type.Array(Type.String()),
    measures: Type.Array(MeasureInfoSchema),
    groupings: Type.Array(GroupTableSchema),
    missing: Type.Array(MissingRowSchema),
    comparison: Type.Union([ComparisonTableSchema, Type.Null()]),
    balancedPanel: Type.Object(
      { by: Type.Union([Type.String(), Type.Null()]), firstWave: Type.String(), lastWave: Type.String(), groups: Type.Array(BalancedGroupSchema), total: BalancedGroupSchema },
      { description: 'Split by the first grouping (by), when there is one.' },
    ),
    attrition: Type.Object({ by: Type.Union([Type.String(), Type.Null()]), rows: Type.Array(AttritionRowSchema), total: AttritionRowSchema }),
    suppression: Type.Object(
      { sensitive: Type.Integer(), secondary: Type.Integer() },
      { description: 'How many published numbers are hidden: sensitive (published as a range or not at all) and to protect those.' },
    ),
  },
  { description: 'The declared measures; per grouping a table per wave; the comparison of two classifications; balancedPanel and attrition; a suppressed cell has value null and suppressed true.' },
);

export type MeasureInfo = Static<typeof MeasureInfoSchema>;
export type CountCell = Static<typeof CountCellSchema>;
export type Estimate = Static<typeof EstimateSchema>;
export type GroupCell = Static<typeof GroupCellSchema>;
export type GroupTable = Static<typeof GroupTableSchema>;
export type ComparisonTable = Static<typeof ComparisonTableSchema>;
export type Change = Static<typeof ChangeSchema>;
export type BalancedGroup = Static<typeof BalancedGroupSchema>;
export type AttritionRow = Static<typeof AttritionRowSchema>;
export type MissingRow = Static<typeof MissingRowSchema>;
export type PanelReport = Static<typeof PanelReportSchema>;
