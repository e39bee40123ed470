import { languageName, workspaceLanguages } from '../lib/i18n.ts';
import { useI18n } from './I18n.tsx';

/** The header's language switch: each language named in itself, remembered on this browser. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="language-switch">
      {t('header.language')}
      <select value={language} onChange={(event) => setLanguage(event.target.value)}>
        {workspaceLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </label>
  );
}
