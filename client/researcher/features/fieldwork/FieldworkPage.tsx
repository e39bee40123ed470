import { ErrorNote } from '../../components/ErrorNote.tsx';
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
  attrition: { waves: string[]; overall: Cell[]; byLanguage: Line[]; byDiagnosisAdvice: Line[] } | null;
  dropOff: { waveCode: string; rows: { locale: string; pageNo: number; count: Cell }[] }[];
  openWave: { code: string; toRemind: number } | null;
}

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

function LinesTable({ caption, waves, lines }: { caption: string; waves: string[]; lines: Line[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
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
              <td key={waves[i]}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FieldworkPage({ study }: { study: Study }) {
  const { data, error } = useLoad(() => api<Fieldwork>(`/api/studies/${study.id}/fieldwork`), [study.id]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p>Loading…</p>;
  const a = data.attrition;
  return (
    <section aria-labelledby="fieldwork-heading">
      <h2 id="fieldwork-heading">Fieldwork</h2>
      <p className="hint">
        Counts below {data.minCellSize} are shown as “&lt;{data.minCellSize}”; “x” hides one more count where a total would give a small one away.
      </p>
      <table>
        <caption>Per wave</caption>
        <thead>
          <tr>
            <th scope="col">Wave</th>
            <th scope="col">Invited</th>
            <th scope="col">Started</th>
            <th scope="col">Completed</th>
            <th scope="col">Response rate</th>
            <th scope="col">Median minutes</th>
          </tr>
        </thead>
        <tbody>
          {data.waves.map((w) => (
            <tr key={w.id}>
              <th scope="row">
                {w.code}
                {w.open ? ' (open)' : ''}
              </th>
              <td>{w.invited ?? '–'}</td>
              <td>{w.started}</td>
              <td>{w.completed}</td>
              <td>{percent(w.responseRate)}</td>
              <td>{w.medianMinutes ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.openWave && (
        <p>
          Wave {data.openWave.code}: {data.openWave.toRemind} participants still to remind.{' '}
          <a href={`/api/studies/${study.id}/fieldwork/reminders.csv`}>Download the reminder list (CSV)</a>
        </p>
      )}
      {a && (
        <>
          <h3>Attrition</h3>
          <p className="hint">Participants who completed this wave and every earlier one.</p>
          <AttritionChart title="Retained by language" waves={a.waves} lines={a.byLanguage} />
          <LinesTable caption="Retained overall and by language" waves={a.waves} lines={[{ group: 'all', counts: a.overall }, ...a.byLanguage]} />
          <AttritionChart title="Retained by diagnosis advice (register)" waves={a.waves} lines={a.byDiagnosisAdvice} />
          <LinesTable caption="Retained by diagnosis advice (register)" waves={a.waves} lines={a.byDiagnosisAdvice} />
        </>
      )}
      <h3>Where respondents stop</h3>
      <p className="hint">Responses not completed, by the last page they saved and their language. A peak on one page in one language may mean a confusing translation.</p>
      {data.dropOff.map((d) => (
        <table key={d.waveCode}>
          <caption>Wave {d.waveCode}</caption>
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col">Last page</th>
              <th scope="col">Stopped</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.length === 0 && (
              <tr>
                <td colSpan={3}>Nobody stopped part-way.</td>
              </tr>
            )}
            {d.rows.map((r) => (
              <tr key={`${r.locale}-${r.pageNo}`}>
                <th scope="row">{r.locale}</th>
                <td>{r.pageNo}</td>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
