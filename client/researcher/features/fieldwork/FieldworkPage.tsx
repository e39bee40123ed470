import { Fragment } from 'react';
import type { FieldworkLine as Line, ResponseSplit } from '../../../../shared/contract/fieldwork.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useCell } from '../../components/useCell.ts';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study } from '../../lib/api.ts';
import { AttritionChart } from './AttritionChart.tsx';

/** Response, completion and drop-off per wave and group: a row per wave and group. */
function ResponseTable({ caption, split, groupName }: { caption: string; split: ResponseSplit; groupName: (group: string, label: string | null) => string }) {
  const { t, format } = useI18n();
  const cell = useCell();
  const invited = split.groups.some((g) => g.invited !== null);
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('waves.waveColumn')}</th>
          <th scope="col">{t('fieldwork.group')}</th>
          {invited && <th scope="col">{t('fieldwork.invited')}</th>}
          <th scope="col">{t('fieldwork.started')}</th>
          <th scope="col">{t('fieldwork.completed')}</th>
          <th scope="col">{t('fieldwork.stopped')}</th>
          {invited && <th scope="col">{t('fieldwork.responseRate')}</th>}
        </tr>
      </thead>
      <tbody>
        {split.groups[0]?.waves.flatMap((w, i) =>
          split.groups.map((g) => {
            const figures = g.waves[i]!;
            return (
              <tr key={`${w.code}-${g.group}`}>
                <td>{w.code}</td>
                <th scope="row">{groupName(g.group, g.label)}</th>
                {invited && <td>{cell(g.invited)}</td>}
                <td>{cell(figures.started)}</td>
                <td>{cell(figures.completed)}</td>
                <td>{cell(figures.stopped)}</td>
                {invited && <td>{figures.responseRate === null ? '–' : format.percent(figures.responseRate)}</td>}
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
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
  const { data, error } = useLoad(() => api('GET /api/studies/:studyId/fieldwork', { params: { studyId: study.id }, query: { lang: language } }), [study.id, language]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading />;
  const a = data.attrition;
  // Groups arrive as codes: languages (nl, ar, ...) named in the workspace's language, the register's diagnosis advice by its label.
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const languageName = (code: string) => languageNames.of(code) ?? code;
  const byLanguage = a?.byLanguage.map((line) => ({ ...line, group: languageName(line.group) })) ?? [];
  const groupName = (group: string, label: string | null) => label ?? (group === 'unknown' ? t('report.groups.unknown') : group);
  const labelOf = (name: string, group: string) => data.byGroup.find((s) => s.split === name)?.groups.find((g) => g.group === group)?.label ?? null;
  const byGrouping = a?.byGrouping.map((r) => ({ ...r, lines: r.lines.map((line) => ({ ...line, group: groupName(line.group, labelOf(r.name, line.group)) })) })) ?? [];
  const namesIn = (split: string) => (group: string, label: string | null) => (split === 'language' ? languageName(group) : split === 'channel' ? t(`fieldwork.channels.${group}`) : groupName(group, label));
  const captionOf = (s: ResponseSplit) => (s.split === 'language' ? t('fieldwork.responseByLanguage') : s.split === 'channel' ? t('fieldwork.responseByChannel') : t('fieldwork.responseBy', { label: s.label ?? s.split }));
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
      <h3>{t('fieldwork.byGroup')}</h3>
      {data.byGroup.map((s) => (
        <ResponseTable key={s.split} caption={captionOf(s)} split={s} groupName={namesIn(s.split)} />
      ))}
      {a && (
        <>
          <h3>{t('fieldwork.attrition')}</h3>
          <p className="hint">{t('fieldwork.attritionHint')}</p>
          <AttritionChart title={t('fieldwork.byLanguage')} waves={a.waves} lines={byLanguage} />
          <LinesTable caption={t('fieldwork.overallAndByLanguage')} waves={a.waves} lines={[{ group: t('fieldwork.all'), counts: a.overall }, ...byLanguage]} />
          {byGrouping.map((r) => (
            <Fragment key={r.name}>
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
