/** The JSON of `GET /api/studies/:studyId/report` (server/reports/report.ts). A suppressed cell has value null. */

export interface CountCell {
  value: number | null;
  suppressed: boolean;
  /** A sensitive count: the range published instead of the value. */
  range: [number, number] | null;
}

export interface Estimate {
  n: number | null;
  value: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
  /** A sensitive percentage: the percentages it lies between. */
  range: [number, number] | null;
}

export interface GroupCell {
  group: string;
  n: CountCell;
  means: Record<string, Estimate>;
  percentages: Record<string, Estimate>;
}

export interface GroupTable {
  dimension: string;
  title: string;
  groups: string[];
  labels: Record<string, string>;
  unknownLeftOut: boolean;
  waves: { wave: string; total: GroupCell; cells: GroupCell[] }[];
}

export interface Change {
  n: number | null;
  first: number | null;
  last: number | null;
  change: Estimate;
}

export interface MeasureInfo {
  name: string;
  label: string;
  statistic: 'mean' | 'share';
  decimals: number;
}

export interface PanelReport {
  studyId: string;
  studyName: string;
  generatedAt: string;
  minCellSize: number;
  zerosSensitive: boolean;
  waves: string[];
  missing: { measure: string; label: string; values: string[]; waves: { wave: string; count: CountCell }[] }[];
  measures: MeasureInfo[];
  groupings: GroupTable[];
  comparison: {
    title: string;
    description: string;
    variables: [string, string];
    values: string[];
    labels: Record<string, string>;
    rows: { value: string; counts: [CountCell, CountCell] }[];
    total: CountCell;
    share: { value: string; label: string; estimates: [Estimate, Estimate] };
  } | null;
  balancedPanel: { by: string | null; firstWave: string; lastWave: string; groups: { group: string; n: CountCell; changes: Record<string, Change> }[]; total: { group: string; n: CountCell; changes: Record<string, Change> } };
  attrition: { by: string | null; rows: { group: string; waves: { wave: string; n: CountCell; percentOfFirst: Estimate }[] }[]; total: { group: string; waves: { wave: string; n: CountCell; percentOfFirst: Estimate }[] } };
}
