import { languages, type Language } from './languages.ts';
import { useT } from './i18n-react.tsx';

/** Each language named in its own script, marked with its own `lang` so screen readers say it right. */
export function LanguageChooser({ value, onChange, compact = false }: { value: Language; onChange: (language: Language) => void; compact?: boolean }) {
  const t = useT();
  return (
    <nav className={compact ? 'languages languages--compact' : 'languages'} aria-label={t('language.label')}>
      {!compact && <h2 className="languages__title">{t('language.choose')}</h2>}
      <ul>
        {languages.map((language) => (
          <li key={language.code}>
            <button
              type="button"
              className="languages__button"
              lang={language.code}
              dir={language.dir}
              aria-pressed={language.code === value}
              onClick={() => onChange(language.code)}
            >
              {language.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
