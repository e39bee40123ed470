import { useState } from 'react';
import { useI18n } from '../../components/I18n.tsx';

/** Labels and hints are `exports.formats.<format>.label|hint` in the workspace catalog. */
const formats = ['wide', 'long', 'codebook', 'codebook-csv', 'sps', 'r', 'sav'] as const;

/**
 * Downloads of a study's exports. Each link is a plain GET of the export route, so the browser
 * streams the file straight to disk; every download is written to the audit log.
 */
export default function ExportPage({ studyId }: { studyId: string }) {
  const { t } = useI18n();
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
      <h2 id="h-exports">{t('tabs.exports')}</h2>
      <p className="hint">{t('exports.hint')}</p>
      <fieldset>
        <legend>{t('exports.options')}</legend>
        <p>
          <label>
            {t('exports.layout')}{' '}
            <select value={layout} onChange={(e) => setLayout(e.target.value as 'wide' | 'long')}>
              <option value="wide">{t('exports.wide')}</option>
              <option value="long">{t('exports.long')}</option>
            </select>
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" checked={excelNl} onChange={(e) => setExcelNl(e.target.checked)} /> {t('exports.excelNl')}
          </label>
        </p>
        <p>
          <label>
            {t('exports.labels')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as 'nl' | 'en')}>
              <option value="nl">{t('exports.dutch')}</option>
              <option value="en">{t('exports.english')}</option>
            </select>
          </label>
        </p>
      </fieldset>
      <ul>
        {formats.map((format) => (
          <li key={format}>
            <a href={href(format)} download>
              {t(`exports.formats.${format}.label`)}
            </a>{' '}
            <span className="hint">— {t(`exports.formats.${format}.hint`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
