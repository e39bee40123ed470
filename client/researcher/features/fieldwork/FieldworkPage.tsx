import { Fragment } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useCell } from '../../components/useCell.ts';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study } from '../../lib/api.ts';
import { AttritionChart } from './AttritionChart.tsx';

type Cell = number | string;
interface Line {
  group: string;
  counts: Cell[];
}
interface Fieldwork {
  minCellSize: number;
  waves: { id: number; code: string; open: boolean; invited: Cell | null; started: Cell; completed: Cell; responseRate: number | null; medianMinutes: number | null }[];
  attrition: { waves: string[]; overall: Cell[]; byLanguage: Line[]; byRegister: { column: string; label: Record<string, string>; lines: Line[] }[] } | null;
  dropOff: { waveCode: string; rows: { locale: string; pageNo: number; page: string; count: Cell }[] }[];
  openWave: { code: string; toRemind: Cell } | null;
}

function LinesTable({ caption, waves, lines }: { caption: string; waves: string[]; lines: Line[] }) {
  const { t } = useI18n();
  const cell = useCell();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('fieldwork.group')}</th>
          {waves.map((w) => (
            <th scope="col" key={w}>
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.group}>
            <th scope="row">{l.group}</th>
            {l.counts.map((c, i) => (
              <td key={waves[i]}>{cell(c)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FieldworkPage({ study }: { study: Study }) {
  const { t, format, language } = useI18n();
  const cell = useCell();
  const { data, error } = useLoad(() => api<Fieldwork>(`/api/studies/${study.id}/fieldwork`), [study.id]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading />;
  const a = data.attrition;
  // Groups arrive as codes: languages (nl, ar, ...) named in the workspace's language, the register's diagnosis advice by its label.
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const languageName = (code: string) => languageNames.of(code) ?? code;
  const byLanguage = a?.byLanguage.map((line) => ({ ...line, group: languageName(line.group) })) ?? [];
  const byRegister = a?.byRegister.map((r) => ({ ...r, label: r.label[language] ?? r.label.nl ?? r.column, lines: r.lines.map((line) => ({ ...line, group: line.group === 'unknown' ? t('report.groups.unknown') : line.group })) })) ?? [];
  return (
    <section aria-labelledby="fieldwork-heading">
      <h2 id="fieldwork-heading">{t('tabs.fieldwork')}</h2>
      <p className="hint">{t('fieldwork.suppressionHint', { min: data.minCellSize })}</p>
      <table>
        <caption>{t('fieldwork.perWave')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('waves.waveColumn')}</th>
            <th scope="col">{t('fieldwork.invited')}</th>
            <th scope="col">{t('fieldwork.started')}</th>
            <th scope="col">{t('fieldwork.completed')}</th>
            <th scope="col">{t('fieldwork.responseRate')}</th>
            <th scope="col">{t('fieldwork.medianMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {data.waves.map((w) => (
            <tr key={w.id}>
              <th scope="row">
                {w.code}
                {w.open ? ` (${t('fieldwork.open')})` : ''}
              </th>
              <td>{cell(w.invited)}</td>
              <td>{cell(w.started)}</td>
              <td>{cell(w.completed)}</td>
              <td>{w.responseRate === null ? '–' : format.percent(w.responseRate)}</td>
              <td>{w.medianMinutes === null ? '–' : format.number(w.medianMinutes, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.openWave && (
        <p>
          {t('fieldwork.toRemind', { code: data.openWave.code, count: typeof data.openWave.toRemind === 'number' ? data.openWave.toRemind : 2, formatted: cell(data.openWave.toRemind) })}{' '}
          <a href={`/api/studies/${study.id}/fieldwork/reminders.csv`}>{t('fieldwork.reminderList')}</a>
        </p>
      )}
      {a && (
        <>
          <h3>{t('fieldwork.attrition')}</h3>
          <p className="hint">{t('fieldwork.attritionHint')}</p>
          <AttritionChart title={t('fieldwork.byLanguage')} waves={a.waves} lines={byLanguage} />
          <LinesTable caption={t('fieldwork.overallAndByLanguage')} waves={a.waves} lines={[{ group: t('fieldwork.all'), counts: a.overall }, ...byLanguage]} />
          {byRegister.map((r) => (
            <Fragment key={r.column}>
              <AttritionChart title={t('fieldwork.byRegister', { label: r.label })} waves={a.waves} lines={r.lines} />
              <LinesTable caption={t('fieldwork.byRegister', { label: r.label })} waves={a.waves} lines={r.lines} />
            </Fragment>
          ))}
        </>
      )}
      <h3>{t('fieldwork.dropOff')}</h3>
      <p className="hint">{t('fieldwork.dropOffHint')}</p>
      {data.dropOff.map((d) => (
        <table key={d.waveCode}>
          <caption>{t('waves.wave', { code: d.waveCode })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.language')}</th>
              <th scope="col">{t('fieldwork.lastPage')}</th>
              <th scope="col">{t('fieldwork.stopped')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.length === 0 && (
              <tr>
                <td colSpan={3}>{t('fieldwork.nobodyStopped')}</td>
              </tr>
            )}
            {d.rows.map((r) => (
              <tr key={`${r.locale}-${r.pageNo}`}>
                <th scope="row">{languageName(r.locale)}</th>
                <td>{r.page}</td>
                <td>{cell(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
