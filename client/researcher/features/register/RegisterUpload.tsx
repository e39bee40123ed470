import { useState, type ChangeEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import type { RegisterPreview, RegisterProblem } from '../../../../shared/contract/register.ts';
import { api, ApiError, type Study } from '../../lib/api.ts';

const show = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '–' : String(v));

export function RegisterUpload({ study }: { study: Study }) {
  const { t, format } = useI18n();
  const [csv, setCsv] = useState<string>();
  const [preview, setPreview] = useState<RegisterPreview>();
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
      setPreview(await api('POST /api/studies/:studyId/register/preview', { params: { studyId: study.id }, body: { csv: text } }));
      setError(undefined);
    } catch (reason) {
      setError(reason);
    }
  }

  async function importAll() {
    try {
      const { imported } = await api('POST /api/studies/:studyId/register/import', { params: { studyId: study.id }, body: { csv: csv ?? '' } });
      setResult(t('register.imported', { count: imported, formatted: format.number(imported) }));
      setPreview(undefined);
      setError(undefined);
    } catch (reason) {
      setError(reason);
      if (reason instanceof ApiError && Array.isArray(reason.details?.problems)) setPreview({ rows: [], problems: reason.details.problems as RegisterProblem[], replacing: 0 });
    }
  }

  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">{t('tabs.register')}</h2>
      <p className="hint">
        {t('register.hint')} <code translate="no">{['pseudonym', ...study.registerColumns].join(', ')}</code>
      </p>
      <label>
        {t('register.file')}
        <input type="file" accept=".csv,text/csv" onChange={choose} />
      </label>
      <ErrorNote error={error} />
      {result && <p role="status">{result}</p>}
      {preview && preview.problems.length > 0 && (
        <div role="alert">
          <h3>{t('register.problems')}</h3>
          <ul>
            {preview.problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>
                {t('register.line', { line: p.line })}: {t(`register.problem.${p.code}`, { ...p.params, defaultValue: p.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && preview.problems.length === 0 && (
        <>
          <p role="status">
            {t('register.valid', { count: preview.rows.length, formatted: format.number(preview.rows.length) })}
            {preview.replacing ? ` ${t('register.replacing', { count: preview.replacing, formatted: format.number(preview.replacing) })}` : ''}
          </p>
          <button type="button" onClick={importAll}>
            {t('register.import', { count: preview.rows.length, formatted: format.number(preview.rows.length) })}
          </button>
          <table>
            <caption>{t('register.preview')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('register.lineColumn')}</th>
                <th scope="col">{t('fields.pseudonym')}</th>
                {study.registerColumns.map((column) => (
                  <th scope="col" key={column} translate="no">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 200).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <th scope="row">{r.pseudonym}</th>
                  {study.registerColumns.map((c) => (
                    <td key={c}>{show(r.values[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
