import { useState } from 'react';

const formats = [
  { format: 'wide', label: 'Wide CSV', hint: 'a row per participant, columns t0_health, t1_health, …' },
  { format: 'long', label: 'Long CSV', hint: 'a row per response' },
  { format: 'codebook', label: 'Codebook (Markdown)', hint: 'every column with its question text, values and labels' },
  { format: 'codebook-csv', label: 'Codebook (CSV)', hint: 'the same, as a table' },
  { format: 'sps', label: 'SPSS syntax (.sps)', hint: 'reads the CSV with labels and missing values' },
  { format: 'r', label: 'R script', hint: 'reads the CSV with labelled factors' },
  { format: 'sav', label: 'SPSS file (.sav)', hint: 'built by GNU PSPP on the server, where installed' },
] as const;

/**
 * Downloads of a study's exports. Each link is a plain GET of the export route, so the browser
 * streams the file straight to disk; every download is written to the audit log.
 */
export default function ExportPage({ studyId }: { studyId: string }) {
  const [layout, setLayout] = useState<'wide' | 'long'>('wide');
  const [excelNl, setExcelNl] = useState(false);
  const [lang, setLang] = useState<'nl' | 'en'>('nl');
  const href = (format: string) => {
    const query = new URLSearchParams();
    if (format !== 'wide' && format !== 'long') query.set('layout', layout);
    if ((format === 'wide' || format === 'long') && excelNl) query.set('excelNl', '1');
    if (format === 'sps' || format === 'r' || format === 'sav') query.set('lang', lang);
    const q = query.toString();
    return `/api/studies/${encodeURIComponent(studyId)}/exports/${format}${q ? `?${q}` : ''}`;
  };
  return (
    <section aria-labelledby="h-exports">
      <h2 id="h-exports">Exports</h2>
      <p className="hint">Every download is recorded in the audit log. Derived variables and register data are in every data file. Read docs/exports.md for the coding.</p>
      <fieldset>
        <legend>Options</legend>
        <p>
          <label>
            Codebook, syntax and .sav describe the{' '}
            <select value={layout} onChange={(e) => setLayout(e.target.value as 'wide' | 'long')}>
              <option value="wide">wide</option>
              <option value="long">long</option>
            </select>{' '}
            CSV
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" checked={excelNl} onChange={(e) => setExcelNl(e.target.checked)} /> CSV for Excel in Dutch (semicolons, decimal commas)
          </label>
        </p>
        <p>
          <label>
            Labels in SPSS and R:{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as 'nl' | 'en')}>
              <option value="nl">Dutch</option>
              <option value="en">English</option>
            </select>
          </label>
        </p>
      </fieldset>
      <ul>
        {formats.map((f) => (
          <li key={f.format}>
            <a href={href(f.format)} download>
              {f.label}
            </a>{' '}
            <span className="hint">— {f.hint}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
