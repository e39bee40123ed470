import { useMemo } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';
import { BarChart } from './BarChart.tsx';
import type { CountCell, Estimate, GroupTable, MeasureInfo, PanelReport } from '../../../../shared/contract/report.ts';

const suppressedText = 's';

/** Group labels, counts and estimates with intervals in the workspace's language and number format; sensitive values as their range. */
function useReportText(labels: Record<string, string> = {}) {
  const { t, format } = useI18n();
  const label = (group: string) => (group === 'all' || group === 'unknown' ? t(`report.groups.${group}`) : (labels[group] ?? group));
  const number = (value: number, digits: number) => format.number(value, digits);
  const count = (c: CountCell) => {
    if (c.range) return c.range[0] <= 1 ? `<${format.number(c.range[1] + 1)}` : `${format.number(c.range[0])}–${format.number(c.range[1])}`;
    return c.suppressed || c.value === null ? suppressedText : format.number(c.value);
  };
  /** An estimate with its interval; `percent` writes the value (a percentage) with the language's percent sign, as Intl does (42,5% in Dutch). */
  const estimate = (e: Estimate, digits: number, { percent = false } = {}) => {
    const value = (v: number, d: number) => (percent ? format.percent(v / 100, d) : number(v, d));
    if (e.range) return `${number(Math.floor(e.range[0] * 10) / 10, 1)}–${value(Math.ceil(e.range[1] * 10) / 10, 1)}`;
    if (e.suppressed) return suppressedText;
    return e.value === null ? '–' : `${value(e.value, digits)} (${number(e.low!, digits)}–${number(e.high!, digits)})`;
  };
  return { t, label, count, number, estimate };
}

/** One table: a column per group, a row with N, then a row per measure. */
function MeasureTable<G extends { group: string; n: CountCell }>({
  caption,
  groups,
  measures,
  labels,
  cell,
  allLabel,
}: {
  allLabel?: string;
  caption: string;
  groups: G[];
  measures: MeasureInfo[];
  labels: Record<string, string>;
  cell: (group: G, measure: MeasureInfo) => string;
}) {
  const { t, label: groupLabel, count } = useReportText(labels);
  const label = (group: string) => (group === 'all' && allLabel ? allLabel : groupLabel(group));
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
            <tr key={measure.name}>
              <th scope="row">{t(`report.statistic.${measure.statistic}`, { label: measure.label })}</th>
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

function GroupTables({ table, measures }: { table: GroupTable; measures: MeasureInfo[] }) {
  const { t, label, estimate } = useReportText(table.labels);
  const first = measures[0]!;
  const chart = useMemo(
    () => ({
      categories: [...table.groups, 'all'].map(label),
      series: table.waves.map((w) => ({ label: w.wave, values: [...w.cells, w.total].map((c) => (first.statistic === 'mean' ? c.means : c.percentages)[first.name]?.value ?? null) })),
    }),
    [table, first, t],
  );
  const title = table.title;
  return (
    <section aria-labelledby={`h-${table.dimension}`}>
      <h3 id={`h-${table.dimension}`}>{title}</h3>
      <BarChart title={`${first.label}: ${title}`} categories={chart.categories} series={chart.series} max={first.statistic === 'share' ? 100 : undefined} />
      {table.waves.map((w) => (
        <MeasureTable
          key={w.wave}
          caption={t('report.waveCaption', { wave: w.wave, title })}
          groups={[...w.cells, w.total]}
          measures={measures}
          labels={table.labels}
          cell={(c, m) => estimate((m.statistic === 'mean' ? c.means : c.percentages)[m.name]!, m.decimals)}
          allLabel={table.unknownLeftOut ? t('report.allKnown') : undefined}
        />
      ))}
      {table.unknownLeftOut && <p className="hint">{t('report.unknownLeftOut')}</p>}
    </section>
  );
}

function Missing({ report }: { report: PanelReport }) {
  const { t, count } = useReportText();
  if (report.missing.length === 0) return null;
  return (
    <section aria-labelledby="h-missing">
      <h3 id="h-missing">{t('report.missing')}</h3>
      <p className="hint">{t('report.missingHint')}</p>
      <table>
        <caption>{t('report.missingCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.measure')}</th>
            <th scope="col">{t('report.missingValues')}</th>
            {report.waves.map((w) => (
              <th scope="col" key={w}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.missing.map((m) => (
            <tr key={m.measure}>
              <th scope="row">{m.label}</th>
              <td translate="no">{m.values.join(', ')}</td>
              {m.waves.map((w) => (
                <td key={w.wave}>{count(w.count)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Comparison({ comparison: c }: { comparison: NonNullable<PanelReport['comparison']> }) {
  const { t, label, count, estimate } = useReportText(c.labels);
  const chart = useMemo(() => ({ categories: [...c.variables], series: [{ label: c.share.label, values: c.share.estimates.map((e) => e.value) }] }), [c]);
  return (
    <section aria-labelledby="h-classification">
      <h3 id="h-classification">{c.title}</h3>
      <p className="hint">{c.description}</p>
      <BarChart title={c.share.label} categories={chart.categories} series={chart.series} max={100} />
      <table>
        <caption>{t('report.classificationCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.measure')}</th>
            {c.variables.map((v) => (
              <th scope="col" key={v} translate="no">
                {v}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">{label(r.value)}</th>
              <td>{count(r.counts[0])}</td>
              <td>{count(r.counts[1])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('report.total')}</th>
            <td>{count(c.total)}</td>
            <td>{count(c.total)}</td>
          </tr>
          <tr>
            <th scope="row">{c.share.label}</th>
            <td>{estimate(c.share.estimates[0], 1)}</td>
            <td>{estimate(c.share.estimates[1], 1)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Balanced({ report }: { report: PanelReport }) {
  const labels = report.groupings[0]?.labels ?? {};
  const { t, number, estimate } = useReportText(labels);
  const b = report.balancedPanel;
  const groups = [...b.groups, b.total];
  return (
    <section aria-labelledby="h-balanced">
      <h3 id="h-balanced">{t('report.balanced', { first: b.firstWave, last: b.lastWave })}</h3>
      <p className="hint">{t('report.balancedHint', { first: b.firstWave, last: b.lastWave })}</p>
      <MeasureTable
        caption={t('report.balancedCaption')}
        groups={groups}
        measures={report.measures}
        labels={labels}
        cell={(g, measure) => {
          const c = g.changes[measure.name]!;
          const d = measure.decimals;
          return c.change.suppressed || c.first === null || c.last === null ? suppressedText : `${number(c.first, d)} → ${number(c.last, d)}: ${estimate(c.change, d)}`;
        }}
      />
    </section>
  );
}

function Attrition({ report }: { report: PanelReport }) {
  const { t, label, count, estimate } = useReportText(report.groupings[0]?.labels ?? {});
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
                <td key={w.wave}>
                  {count(w.n)}
                  {i > 0 && <span className="ci">{estimate(w.percentOfFirst, 1, { percent: true })}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The panel report of a study as its definition declares it, with intervals and charts, small cells suppressed. */
export default function ReportPage({ studyId }: { studyId: string }) {
  const { t, language } = useI18n();
  const { data: report, error } = useLoad(() => api('GET /api/studies/:studyId/report', { params: { studyId }, query: { lang: language } }), [studyId, language]);
  return (
    <section aria-labelledby="h-report">
      <h2 id="h-report">{t('report.title')}</h2>
      <ErrorNote error={error} />
      {!report && !error && <Loading />}
      {report && (
        <>
          <nav aria-label={t('report.files')}>
            <ul className="report-files">
              {(['pdf', 'csv', 'xlsx'] as const).map((format) => (
                <li key={format}>
                  <a href={`/api/studies/${studyId}/report/${format}?lang=${language}`} download>
                    {t(format === 'pdf' ? 'report.filePdf' : format === 'csv' ? 'report.fileCsv' : 'report.fileXlsx')}
                  </a>
                </li>
              ))}
              <li>
                <a href={`/api/studies/${studyId}/report/html?lang=${language}`} target="_blank" rel="noopener">
                  {t('report.filePrint')}
                </a>
              </li>
            </ul>
          </nav>
          <p className="hint">
            {t('report.hint', { min: report.minCellSize, max: report.minCellSize - 1, mark: suppressedText, zeros: t(report.zerosSensitive ? 'report.zerosHidden' : 'report.zerosShown') })}
          </p>
          {report.measures.length > 0 && report.groupings.map((table) => <GroupTables key={table.dimension} table={table} measures={report.measures} />)}
          <Missing report={report} />
          {report.comparison && <Comparison comparison={report.comparison} />}
          <Balanced report={report} />
          <Attrition report={report} />
        </>
      )}
    </section>
  );
}
