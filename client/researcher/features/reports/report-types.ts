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

export const measureLabels: Record<string, string> = {
  health: 'Health (1-10), mean',
  self_reliance_score: 'Self-reliance (1-4), mean',
  enough_contacts: 'Enough contacts, %',
  participation_difficult: 'Participation (very or a bit) difficult, %',
  discrimination_ethnic_cultural: 'Discriminated: origin or culture, %',
  discrimination_religion: 'Discriminated: religion, %',
  discrimination_gender: 'Discriminated: gender, %',
  discrimination_age: 'Discriminated: age, %',
  discrimination_disability: 'Discriminated: disability, %',
  discrimination_other: 'Discriminated: other, %',
  paid_work: 'Paid work, %',
  outflow_work: 'Outflow to work, %',
  cv_updated: 'Worked on CV, %',
  temp_agency: 'Registered with a temp agency, %',
  any_programme_activity: 'Any programme activity, %',
};

export const groupLabels: Record<string, string> = {
  none: 'No migration background',
  western: 'Western',
  nonwestern: 'Non-western',
  nonwestern_newcomer: 'Non-western newcomer',
  nonwestern_settled: 'Non-western settled',
  unknown: 'Unknown',
  short: 'Diagnosis: short',
  long: 'Diagnosis: long',
  all: 'All',
};
