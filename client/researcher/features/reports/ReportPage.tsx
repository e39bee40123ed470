import { useMemo } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';
import { BarChart } from './BarChart.tsx';
import { groupLabels, measureLabels, type CountCell, type Estimate, type GroupTable, type PanelReport } from './report-types.ts';

const suppressedText = 's';
const label = (group: string) => groupLabels[group] ?? group;
const count = (c: CountCell) => (c.suppressed || c.value === null ? suppressedText : String(c.value));
const decimals = (measure: string) => (measure === 'health' || measure === 'self_reliance_score' ? 2 : 1);

function estimate(e: Estimate, digits: number): string {
  if (e.suppressed || e.value === null) return suppressedText;
  return `${e.value.toFixed(digits)} (${e.low!.toFixed(digits)}–${e.high!.toFixed(digits)})`;
}

/** One table: a column per group, a row with N, then a row per measure. */
function MeasureTable<G extends { group: string; n: CountCell }>({ caption, groups, cell }: { caption: string; groups: G[]; cell: (group: G, measure: string) => string }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {groups.map((g) => (
              <th scope="col" key={g.group}>
                {label(g.group)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">N</th>
            {groups.map((g) => (
              <td key={g.group}>{count(g.n)}</td>
            ))}
          </tr>
          {Object.keys(measureLabels).map((measure) => (
            <tr key={measure}>
              <th scope="row">{measureLabels[measure]}</th>
              {groups.map((g) => (
                <td key={g.group}>{cell(g, measure)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupTables({ title, table }: { title: string; table: GroupTable }) {
  const health = useMemo(
    () => ({
      categories: [...table.groups, 'all'].map(label),
      series: table.waves.map((w) => ({ label: w.wave, values: [...w.cells, w.total].map((c) => c.means.health?.value ?? null) })),
    }),
    [table],
  );
  return (
    <section aria-labelledby={`h-${table.dimension}`}>
      <h3 id={`h-${table.dimension}`}>{title}</h3>
      <BarChart title={`Mean health (1-10) per wave, ${title.toLowerCase()}`} categories={health.categories} series={health.series} max={10} />
      {table.waves.map((w) => (
        <MeasureTable
          key={w.wave}
          caption={`Wave ${w.wave}: ${title.toLowerCase()} (95% intervals)`}
          groups={[...w.cells, w.total]}
          cell={(c, measure) => estimate(c.means[measure] ?? c.percentages[measure]!, decimals(measure))}
        />
      ))}
    </section>
  );
}

function Classification({ report }: { report: PanelReport }) {
  const c = report.classification;
  const chart = useMemo(
    () => ({
      categories: ['Statistics office rule (birth countries)', 'Extended rule'],
      series: [{ label: 'Non-western share, %', values: [c.nonwesternShare.cbs.value, c.nonwesternShare.extended.value] }],
    }),
    [c],
  );
  return (
    <section aria-labelledby="h-classification">
      <h3 id="h-classification">Both classification rules side by side</h3>
      <BarChart title="Non-western share of respondents by each rule" categories={chart.categories} series={chart.series} max={100} />
      <table>
        <caption>Respondents (at least one wave) per group by each rule</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Statistics office rule</th>
            <th scope="col">Extended rule</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">{label(r.value)}</th>
              <td>{count(r.cbs)}</td>
              <td>{count(r.extended)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td>{count(c.total)}</td>
            <td>{count(c.total)}</td>
          </tr>
          <tr>
            <th scope="row">Non-western share, % (95% interval)</th>
            <td>{estimate(c.nonwesternShare.cbs, 1)}</td>
            <td>{estimate(c.nonwesternShare.extended, 1)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Balanced({ report }: { report: PanelReport }) {
  const b = report.balancedPanel;
  const groups = [...b.groups, b.total];
  return (
    <section aria-labelledby="h-balanced">
      <h3 id="h-balanced">
        Balanced panel: {b.firstWave} → {b.lastWave}
      </h3>
      <p className="hint">Participants who completed every wave. Mean at {b.firstWave} → mean at {b.lastWave}, and the change with its 95% interval (percentage points for percentages).</p>
      <MeasureTable
        caption="Change in the balanced panel per migration group"
        groups={groups}
        cell={(g, measure) => {
          const c = g.changes[measure]!;
          const d = decimals(measure);
          return c.change.suppressed || c.first === null || c.last === null ? suppressedText : `${c.first.toFixed(d)} → ${c.last.toFixed(d)}: ${estimate(c.change, d)}`;
        }}
      />
    </section>
  );
}

function Attrition({ report }: { report: PanelReport }) {
  const rows = [...report.attrition.rows, report.attrition.total];
  const chart = useMemo(
    () => ({
      categories: rows.map((r) => label(r.group)),
      series: report.waves.slice(1).map((wave, i) => ({ label: `${wave}, % of ${report.waves[0]}`, values: rows.map((r) => r.waves[i + 1]?.percentOfFirst.value ?? null) })),
    }),
    [report],
  );
  return (
    <section aria-labelledby="h-attrition">
      <h3 id="h-attrition">Attrition per group</h3>
      <BarChart title={`Share of ${report.waves[0] ?? ''} respondents who responded again`} categories={chart.categories} series={chart.series} max={100} />
      <table>
        <caption>Respondents of the first wave and how many of them responded to each later wave</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {report.waves.map((w) => (
              <th scope="col" key={w}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group}>
              <th scope="row">{label(r.group)}</th>
              {r.waves.map((w, i) => (
                <td key={w.wave}>{i === 0 ? count(w.n) : `${count(w.n)} (${estimate(w.percentOfFirst, 1)} %)`}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The panel report of a study: the original study's tables with intervals and charts, small cells suppressed. */
export default function ReportPage({ studyId }: { studyId: string }) {
  const { data: report, error } = useLoad(() => api<PanelReport>(`/api/studies/${studyId}/report`), [studyId]);
  return (
    <section aria-labelledby="h-report">
      <h2 id="h-report">Panel report</h2>
      <ErrorNote error={error} />
      {!report && !error && <p>Loading…</p>}
      {report && (
        <>
          <p className="hint">
            Completed responses with consent. Cells with fewer than {report.minCellSize} respondents, and cells a total would give away, show “{suppressedText}”. Means have t-based and
            percentages Wilson 95% intervals.
          </p>
          <GroupTables title="By migration group" table={report.byMigrationGroup} />
          <GroupTables title="By diagnosis advice" table={report.byDiagnosisAdvice} />
          <Classification report={report} />
          <Balanced report={report} />
          <Attrition report={report} />
        </>
      )}
    </section>
  );
}
