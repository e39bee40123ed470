import { useState, type ChangeEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { api, ApiError, type Study } from '../../lib/api.ts';

interface Row {
  line: number;
  pseudonym: string;
  diagnosisAdvice: string | null;
  statusHolder: boolean | null;
  nationality: string | null;
  ageBand: string | null;
}
interface Problem {
  line: number;
  message: string;
}
interface Preview {
  rows: Row[];
  problems: Problem[];
  replacing: number;
}

const show = (v: string | boolean | null) => (v === null ? '–' : String(v));

export function RegisterUpload({ study }: { study: Study }) {
  const [csv, setCsv] = useState<string>();
  const [preview, setPreview] = useState<Preview>();
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setResult(undefined);
    setPreview(undefined);
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    try {
      setPreview(await api<Preview>(`/api/studies/${study.id}/register/preview`, { body: { csv: text } }));
      setError(undefined);
    } catch (reason) {
      setError(reason);
    }
  }

  async function importAll() {
    try {
      const { imported } = await api<{ imported: number }>(`/api/studies/${study.id}/register/import`, { body: { csv } });
      setResult(`Imported register data for ${imported} participants.`);
      setPreview(undefined);
      setError(undefined);
    } catch (reason) {
      setError(reason);
      if (reason instanceof ApiError && Array.isArray(reason.details?.problems)) setPreview({ rows: [], problems: reason.details.problems as Problem[], replacing: 0 });
    }
  }

  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">Register data</h2>
      <p className="hint">
        A CSV file from the municipality with the columns <code>pseudonym, diagnosis_advice, status_holder, nationality, age_band</code>. It is imported whole or not at all.
      </p>
      <label>
        Register file (CSV)
        <input type="file" accept=".csv,text/csv" onChange={choose} />
      </label>
      <ErrorNote error={error} />
      {result && <p role="status">{result}</p>}
      {preview && preview.problems.length > 0 && (
        <div role="alert">
          <h3>Problems: nothing can be imported</h3>
          <ul>
            {preview.problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>
                Line {p.line}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && preview.problems.length === 0 && (
        <>
          <p role="status">
            {preview.rows.length} rows are valid{preview.replacing ? `; ${preview.replacing} participants already have register data, which these rows replace` : ''}.
          </p>
          <button type="button" onClick={importAll}>
            Import {preview.rows.length} rows
          </button>
          <table>
            <caption>Preview</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Pseudonym</th>
                <th scope="col">diagnosis_advice</th>
                <th scope="col">status_holder</th>
                <th scope="col">nationality</th>
                <th scope="col">age_band</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 200).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <th scope="row">{r.pseudonym}</th>
                  <td>{show(r.diagnosisAdvice)}</td>
                  <td>{show(r.statusHolder)}</td>
                  <td>{show(r.nationality)}</td>
                  <td>{show(r.ageBand)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
