import { useEffect, useMemo, useState } from 'react';
import type { LocalizedDefinition, SurveyListItem } from '../../shared/contract/surveys.ts';
import { ApiError, request } from '../shared/api-client.ts';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { TranslationContext, useT } from '../shared/i18n-react.tsx';
import { LanguageChooser } from '../shared/LanguageChooser.tsx';
import { isLanguage, sourceLanguage, type Language } from '../shared/languages.ts';
import { readUnpublished } from '../shared/unpublished-survey.ts';
import { useLanguage } from '../shared/useLanguage.ts';
import { SurveyPreview } from './SurveyPreview.tsx';

/**
 * The translators' preview: `/preview` lists the surveys, `/preview/<survey>/<version>?lang=xx`
 * shows one in a language; `/preview/<survey>/unpublished` shows the version an admin is about to
 * publish (kept in this browser by the workspace). Answers are never sent or saved.
 */

/** `/preview/<survey>/<version>`, or `/preview/<survey>/unpublished` for the version an admin is about to publish. */
function route(): { survey: string; version: number | 'unpublished' } | null {
  const match = /^\/preview\/([^/]+)\/(\d+|unpublished)\/?$/.exec(window.location.pathname);
  if (!match) return null;
  return { survey: decodeURIComponent(match[1]!), version: match[2] === 'unpublished' ? 'unpublished' : Number(match[2]) };
}

function loader({ survey, version }: { survey: string; version: number | 'unpublished' }): (language: Language) => Promise<LocalizedDefinition> {
  if (version !== 'unpublished') return (language) => request('GET /api/surveys/:surveyId/:version', { params: { surveyId: survey, version }, query: { locale: language } });
  return async (language) => {
    const definition = readUnpublished(survey);
    if (!definition) throw new ApiError(404, 'not_found');
    const { csrfToken } = await request('GET /api/auth/session');
    return request('POST /api/surveys/:surveyId/unpublished', { params: { surveyId: survey }, body: { definition, locale: language }, headers: { 'x-csrf-token': csrfToken } });
  };
}

function SurveyIndex({ language }: { language: Language }) {
  const t = useT();
  const [surveys, setSurveys] = useState<SurveyListItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    request('GET /api/surveys').then(setSurveys, setError);
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
  const load = useMemo(() => target && loader(target), [target]);

  function choose(next: Language) {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
    setLanguage(next);
  }

  return (
    <TranslationContext.Provider value={t}>
      <p className="preview-banner" role="status">
        {t(target?.version === 'unpublished' ? 'preview.unpublished' : 'preview.banner')}
      </p>
      <header className="app-header">
        <p className="app-header__name">{t('app.name')}</p>
        <LanguageChooser value={language} onChange={choose} compact />
      </header>
      <main className="app-main">
        {load ? <SurveyPreview load={load} language={language} /> : <SurveyIndex language={language} />}
      </main>
    </TranslationContext.Provider>
  );
}
