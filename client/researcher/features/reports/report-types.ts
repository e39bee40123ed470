/** The JSON of `GET /api/studies/:studyId/report` (server/reports/report.ts). A suppressed cell has value null. */

export interface CountCell {
  value: number | null;
  suppressed: boolean;
}

export interface Estimate {
  n: number | null;
  value: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
}

export interface GroupCell {
  group: string;
  n: CountCell;
  means: Record<string, Estimate>;
  percentages: Record<string, Estimate>;
}

export interface GroupTable {
  dimension: string;
  groups: string[];
  waves: { wave: string; total: GroupCell; cells: GroupCell[] }[];
}

export interface Change {
  n: number | null;
  first: number | null;
  last: number | null;
  change: Estimate;
}

export interface PanelReport {
  studyId: string;
  studyName: string;
  generatedAt: string;
  minCellSize: number;
  waves: string[];
  byMigrationGroup: GroupTable;
  byDiagnosisAdvice: GroupTable;
  classification: {
    values: string[];
    rows: { value: string; cbs: CountCell; extended: CountCell }[];
    total: CountCell;
    nonwesternShare: { cbs: Estimate; extended: Estimate };
  };
  balancedPanel: { firstWave: string; lastWave: string; groups: { group: string; n: CountCell; changes: Record<string, Change> }[]; total: { group: string; n: CountCell; changes: Record<string, Change> } };
  attrition: { rows: { group: string; waves: { wave: string; n: CountCell; percentOfFirst: Estimate }[] }[]; total: { group: string; waves: { wave: string; n: CountCell; percentOfFirst: Estimate }[] } };
}

/** The measures in the order of the tables; each is labelled by `report.measures.<name>` in the workspace catalog. */
export const measures = [
  'health',
  'self_reliance_score',
  'enough_contacts',
  'participation_difficult',
  'discrimination_ethnic_cultural',
  'discrimination_religion',
  'discrimination_gender',
  'discrimination_age',
  'discrimination_disability',
  'discrimination_other',
  'paid_work',
  'outflow_work',
  'cv_updated',
  'temp_agency',
  'any_programme_activity',
] as const;
