import { useEffect, useState } from 'react';
import { requestJson } from '../shared/api-client.ts';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { TranslationContext, useT } from '../shared/i18n-react.tsx';
import { LanguageChooser } from '../shared/LanguageChooser.tsx';
import { isLanguage, sourceLanguage, type Language } from '../shared/languages.ts';
import { useLanguage } from '../shared/useLanguage.ts';
import { SurveyPreview } from './SurveyPreview.tsx';

/**
 * The translators' preview: `/preview` lists the surveys, `/preview/<survey>/<version>?lang=xx`
 * shows one in a language. It reads `/api/surveys` only: nothing is ever sent or saved.
 */

interface SurveyListing {
  id: string;
  version: number;
  title: string;
}

function route(): { survey: string; version: number } | null {
  const match = /^\/preview\/([^/]+)\/(\d+)\/?$/.exec(window.location.pathname);
  return match ? { survey: decodeURIComponent(match[1]!), version: Number(match[2]) } : null;
}

function SurveyIndex({ language }: { language: Language }) {
  const t = useT();
  const [surveys, setSurveys] = useState<SurveyListing[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    requestJson<SurveyListing[]>('/api/surveys').then(setSurveys, setError);
  }, []);
  return (
    <section aria-labelledby="preview-index">
      <h1 id="preview-index">{t('preview.index')}</h1>
      <ErrorMessage error={error} language={language} />
      {surveys && surveys.length === 0 && <p>{t('preview.empty')}</p>}
      <ul className="preview-index">
        {surveys?.map((survey) => (
          <li key={`${survey.id}/${survey.version}`}>
            <a href={`/preview/${encodeURIComponent(survey.id)}/${survey.version}?lang=${language}`}>
              {survey.title} ({survey.id}, v{survey.version})
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PreviewApp() {
  const requested = new URLSearchParams(window.location.search).get('lang');
  const { language, t, setLanguage } = useLanguage(isLanguage(requested) ? requested : sourceLanguage);
  const [target] = useState(route);

  function choose(next: Language) {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
    setLanguage(next);
  }

  return (
    <TranslationContext.Provider value={t}>
      <p className="preview-banner" role="status">
        {t('preview.banner')}
      </p>
      <header className="app-header">
        <p className="app-header__name">{t('app.name')}</p>
        <LanguageChooser value={language} onChange={choose} compact />
      </header>
      <main className="app-main">
        {target ? <SurveyPreview survey={target.survey} version={target.version} language={language} /> : <SurveyIndex language={language} />}
      </main>
    </TranslationContext.Provider>
  );
}
