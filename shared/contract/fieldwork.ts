import { Type, type Static } from 'typebox';

/** `GET /api/studies/:studyId/fieldwork`: how the fieldwork goes, small counts hidden. */

export const FieldworkCellSchema = Type.Union([
  Type.Integer(),
  Type.String({ description: 'A hidden count: "<10" for a small one, "x" for one hidden so that a total does not give a small one away.' }),
]);

export const FieldworkLineSchema = Type.Object({ group: Type.String(), counts: Type.Array(FieldworkCellSchema) });
export type FieldworkLine = Static<typeof FieldworkLineSchema>;

export const FieldworkSchema = Type.Object({
  minCellSize: Type.Integer(),
  waves: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      open: Type.Boolean(),
      invited: Type.Union([FieldworkCellSchema, Type.Null()]),
      started: FieldworkCellSchema,
      completed: FieldworkCellSchema,
      responseRate: Type.Union([Type.Number(), Type.Null()]),
      medianMinutes: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  attrition: Type.Union([
    Type.Object({
      waves: Type.Array(Type.String()),
      overall: Type.Array(FieldworkCellSchema),
      byLanguage: Type.Array(FieldworkLineSchema),
      byGrouping: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), lines: Type.Array(FieldworkLineSchema) })),
    }),
    Type.Null(),
  ]),
  byGroup: Type.Array(
    Type.Object({
      split: Type.String({ description: '`language`, `channel`, or a variable the report groups by' }),
      label: Type.Union([Type.String(), Type.Null()], { description: "the grouping variable's label; null for language and channel" }),
      groups: Type.Array(
        Type.Object({
          group: Type.String(),
          label: Type.Union([Type.String(), Type.Null()]),
          invited: Type.Union([FieldworkCellSchema, Type.Null()], { description: 'null for a channel and in an anonymous study' }),
          waves: Type.Array(
            Type.Object({ code: Type.String(), started: FieldworkCellSchema, completed: FieldworkCellSchema, stopped: FieldworkCellSchema, responseRate: Type.Union([Type.Number(), Type.Null()]) }),
          ),
        }),
      ),
    }),
    { description: 'response, completion and drop-off per wave by language, by channel and by each grouping of the report, protected together with the rest of the page' },
  ),
  dropOff: Type.Array(
    Type.Object({
      waveCode: Type.String(),
      rows: Type.Array(Type.Object({ locale: Type.String(), pageNo: Type.Integer(), page: Type.String({ description: 'the title of the page' }), count: FieldworkCellSchema })),
    }),
  ),
  openWave: Type.Union([Type.Object({ code: Type.String(), toRemind: FieldworkCellSchema }), Type.Null()]),
});
export type Fieldwork = Static<typeof FieldworkSchema>;
export type ResponseSplit = Fieldwork['byGroup'][number];
