import { useMemo } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';
import { BarChart } from './BarChart.tsx';
import { measures, type CountCell, type Estimate, type GroupTable, type PanelReport } from './report-types.ts';

const suppressedText = 's';
const decimals = (measure: string) => (measure === 'health' || measure === 'self_reliance_score' ? 2 : 1);

/** Group labels, counts and estimates with intervals in the workspace's language and number format. */
function useReportText() {
  const { t, format } = useI18n();
  const label = (group: string) => t(`report.groups.${group}`, { defaultValue: group });
  const count = (c: CountCell) => (c.suppressed || c.value === null ? suppressedText : format.number(c.value));
  const number = (value: number, digits: number) => format.number(value, digits);
  const estimate = (e: Estimate, digits: number) =>
    e.suppressed || e.value === null ? suppressedText : `${number(e.value, digits)} (${number(e.low!, digits)}–${number(e.high!, digits)})`;
  return { t, label, count, number, estimate };
}

/** One table: a column per group, a row with N, then a row per measure. */
function MeasureTable<G extends { group: string; n: CountCell }>({ caption, groups, cell }: { caption: string; groups: G[]; cell: (group: G, measure: string) => string }) {
  const { t, label, count } = useReportText();
  return (
    <div style={{ overflowX: 'auto' }}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.measure')}</th>
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
          {measures.map((measure) => (
            <tr key={measure}>
              <th scope="row">{t(`report.measures.${measure}`)}</th>
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
  const { t, label, estimate } = useReportText();
  const health = useMemo(
    () => ({
      categories: [...table.groups, 'all'].map(label),
      series: table.waves.map((w) => ({ label: w.wave, values: [...w.cells, w.total].map((c) => c.means.health?.value ?? null) })),
    }),
    [table, t],
  );
  return (
    <section aria-labelledby={`h-${table.dimension}`}>
      <h3 id={`h-${table.dimension}`}>{title}</h3>
      <BarChart title={t('report.healthChart', { title })} categories={health.categories} series={health.series} max={10} />
      {table.waves.map((w) => (
        <MeasureTable
          key={w.wave}
          caption={t('report.waveCaption', { wave: w.wave, title })}
          groups={[...w.cells, w.total]}
          cell={(c, measure) => estimate(c.means[measure] ?? c.percentages[measure]!, decimals(measure))}
        />
      ))}
    </section>
  );
}

function Classification({ report }: { report: PanelReport }) {
  const { t, label, count, estimate } = useReportText();
  const c = report.classification;
  const chart = useMemo(
    () => ({
      categories: [t('report.cbsRuleLong'), t('report.extendedRule')],
      series: [{ label: t('report.nonwesternShare'), values: [c.nonwesternShare.cbs.value, c.nonwesternShare.extended.value] }],
    }),
    [c, t],
  );
  return (
    <section aria-labelledby="h-classification">
      <h3 id="h-classification">{t('report.classification')}</h3>
      <BarChart title={t('report.classificationChart')} categories={chart.categories} series={chart.series} max={100} />
      <table>
        <caption>{t('report.classificationCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fieldwork.group')}</th>
            <th scope="col">{t('report.cbsRule')}</th>
            <th scope="col">{t('report.extendedRule')}</th>
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
            <th scope="row">{t('report.total')}</th>
            <td>{count(c.total)}</td>
            <td>{count(c.total)}</td>
          </tr>
          <tr>
            <th scope="row">{t('report.nonwesternShareInterval')}</th>
            <td>{estimate(c.nonwesternShare.cbs, 1)}</td>
            <td>{estimate(c.nonwesternShare.extended, 1)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Balanced({ report }: { report: PanelReport }) {
  const { t, number, estimate } = useReportText();
  const b = report.balancedPanel;
  const groups = [...b.groups, b.total];
  return (
    <section aria-labelledby="h-balanced">
      <h3 id="h-balanced">{t('report.balanced', { first: b.firstWave, last: b.lastWave })}</h3>
      <p className="hint">{t('report.balancedHint', { first: b.firstWave, last: b.lastWave })}</p>
      <MeasureTable
        caption={t('report.balancedCaption')}
        groups={groups}
        cell={(g, measure) => {
          const c = g.changes[measure]!;
          const d = decimals(measure);
          return c.change.suppressed || c.first === null || c.last === null ? suppressedText : `${number(c.first, d)} → ${number(c.last, d)}: ${estimate(c.change, d)}`;
        }}
      />
    </section>
  );
}

function Attrition({ report }: { report: PanelReport }) {
  const { t, label, count, estimate } = useReportText();
  const rows = [...report.attrition.rows, report.attrition.total];
  const chart = useMemo(
    () => ({
      categories: rows.map((r) => label(r.group)),
      series: report.waves.slice(1).map((wave, i) => ({ label: t('report.percentOfFirst', { wave, first: report.waves[0] }), values: rows.map((r) => r.waves[i + 1]?.percentOfFirst.value ?? null) })),
    }),
    [report, t],
  );
  return (
    <section aria-labelledby="h-attrition">
      <h3 id="h-attrition">{t('report.attrition')}</h3>
      <BarChart title={t('report.attritionChart', { first: report.waves[0] ?? '' })} categories={chart.categories} series={chart.series} max={100} />
      <table>
        <caption>{t('report.attritionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fieldwork.group')}</th>
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
  const { t } = useI18n();
  const { data: report, error } = useLoad(() => api<PanelReport>(`/api/studies/${studyId}/report`), [studyId]);
  return (
    <section aria-labelledby="h-report">
      <h2 id="h-report">{t('report.title')}</h2>
      <ErrorNote error={error} />
      {!report && !error && <Loading />}
      {report && (
        <>
          <p className="hint">{t('report.hint', { min: report.minCellSize, mark: suppressedText })}</p>
          <GroupTables title={t('report.byMigrationGroup')} table={report.byMigrationGroup} />
          <GroupTables title={t('report.byDiagnosisAdvice')} table={report.byDiagnosisAdvice} />
          <Classification report={report} />
          <Balanced report={report} />
          <Attrition report={report} />
        </>
      )}
    </section>
  );
}
