import { Suspense, lazy, useEffect, useState } from 'react';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { TranslationContext } from '../shared/i18n-react.tsx';
import { LanguageChooser } from '../shared/LanguageChooser.tsx';
import { isLanguage, preferredLanguage, type Language } from '../shared/languages.ts';
import { loadSurveyChunk, prefetchSurveyChunk, startSurveyDownloads, surveyChunkIfArrived } from '../shared/load-survey.ts';
import type * as SurveyChunk from '../shared/survey/RespondentSurvey.tsx';
import { sessionLanguage, startSession, type Session } from '../shared/session.ts';
import { TokenForm } from '../shared/TokenForm.tsx';
import { useLanguage } from '../shared/useLanguage.ts';
import { forgetLetter, forgetVisit, keepLetter, loadLetter, loadVisit, saveVisit, withProgress, type KeptLetter, type SavedVisit } from './saved-visit.ts';

type SurveyComponent = { default: typeof SurveyChunk.RespondentSurvey };
const RespondentSurvey = lazy(() => {
  const arrived = surveyChunkIfArrived();
  // Already here (starting the session waited for it): a thenable that answers at once lets React
  // render the survey in this pass, where a promise would suspend it for a "loading" render first.
  if (arrived) return { then: (resolve: (module: SurveyComponent) => void) => resolve({ default: arrived.RespondentSurvey }) } as unknown as Promise<SurveyComponent>;
  return loadSurveyChunk().then((module) => ({ default: module.RespondentSurvey }));
});
// Rarely needed, so not part of the entry page a cheap phone loads first.
const Withdrawal = lazy(() => import('./Withdrawal.tsx').then((module) => ({ default: module.Withdrawal })));

/** How long the survey code waits for a tap on a letter's page before it runs anyway. */
const surveyCodeWithoutTapMs = 3000;

/**
 * `/t/<token>?lang=<language>` from the letter's QR code: taken, removed from the address bar and
 * the history entry, and kept in the tab until Start; without one, the letter this tab opened
 * before a reload.
 */
function takeLinkFromUrl(): KeptLetter {
  const match = /^\/t\/([^/]+)\/?$/.exec(location.pathname);
  if (!match) return loadLetter() ?? { token: '', language: null, languageChosen: false };
  const language = new URLSearchParams(location.search).get('lang');
  history.replaceState(null, '', '/');
  const letter = { token: decodeURIComponent(match[1]!), language: isLanguage(language) ? language : null, languageChosen: false };
  keepLetter(letter);
  return letter;
}

export function RespondentApp() {
  const [link] = useState(takeLinkFromUrl);
  // A letter's link starts afresh with its own code; otherwise the tab's visit comes back.
  const [saved, setSaved] = useState<SavedVisit | null>(() => (link.token ? forgetVisit() : loadVisit()));
  const { language, t, setLanguage } = useLanguage(saved?.language ?? link.language ?? preferredLanguage(navigator.languages ?? []));
  // Tapped on this device's entry page: it then wins over the language stored with the response.
  const [languageChosen, setLanguageChosen] = useState(link.languageChosen);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  // The survey's page as the respondent moves on; until then the page the session starts or resumes on.
  const [currentPage, setCurrentPage] = useState<number | null>(null);

  // Arriving from a letter, the person may tap Start at once: the page downloads the survey code
  // already (`modulepreload`), and it runs on the tap, once the session's request has left, or
  // after a few seconds without a tap. Run on arrival, it kept an early tap waiting behind it.
  useEffect(() => {
    if (!link.token) return prefetchSurveyChunk();
    const timer = setTimeout(() => void loadSurveyChunk(), surveyCodeWithoutTapMs);
    return () => clearTimeout(timer);
  }, [link.token]);

  function remember(visit: SavedVisit) {
    saveVisit(visit);
    setSaved(visit);
  }

  async function start(token: string) {
    setBusy(true);
    setError(null);
    try {
      const starting = startSession({ token, locale: language, localeChosen: languageChosen, channel: 'web' });
      void loadSurveyChunk();
      const started = await starting;
      const shown = sessionLanguage(started);
      startSurveyDownloads(started, shown);
      await (await loadSurveyChunk()).loadSurveyIn(started, shown);
      setLanguage(shown);
      remember({ session: started, language: shown, completed: false });
      forgetLetter();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function chooseLanguage(chosen: Language) {
    setLanguage(chosen);
    if (saved) saveVisit({ ...saved, language: chosen });
  }

  const session: Session | undefined = saved?.session;
  // The study's purpose introduces it on the first page only, leaving a phone's later pages to the questions.
  // A session saved on the device before the server sent purposes has none: the header then shows the title alone.
  const purpose = saved?.session.purpose?.[language];
  const onStartPage = saved !== null && !saved.completed && (currentPage ?? saved.session.pageNo) === 0;
  return (
    <TranslationContext.Provider value={t}>
      <header className="app-header">
        <div className="app-header__study">
          <p className="app-header__name">{session?.title[language] ?? t('app.name')}</p>
          {onStartPage && purpose && <p className="app-header__purpose">{purpose}</p>}
        </div>
        {(session || withdrawing) && <LanguageChooser value={language} onChange={chooseLanguage} compact />}
      </header>
      <main className="app-main">
        {saved ? (
          <Suspense fallback={<p className="message">{t('survey.loading')}</p>}>
            <RespondentSurvey
              session={saved.session}
              language={language}
              queue="device"
              completed={saved.completed}
              onProgress={(answers, pageNo) => {
                setCurrentPage(pageNo);
                saveVisit(withProgress({ ...saved, language }, answers, pageNo));
              }}
              onCompleted={() => remember({ ...saved, language, completed: true })}
            />
          </Suspense>
        ) : withdrawing ? (
          <Suspense fallback={null}>
            <Withdrawal language={language} initialToken={link.token} onBack={() => setWithdrawing(false)} />
          </Suspense>
        ) : (
          <section className="entry" aria-labelledby="entry-heading">
            <h1 id="entry-heading">{t('entry.heading')}</h1>
            <LanguageChooser
              value={language}
              onChange={(chosen) => {
                setLanguage(chosen);
                setLanguageChosen(true);
                if (link.token) keepLetter({ ...link, language: chosen, languageChosen: true });
              }}
            />
            <p className="entry__intro">{t('entry.intro')}</p>
            <ErrorMessage error={error} language={language} />
            <TokenForm initial={link.token} busy={busy} onSubmit={(token) => void start(token)} />
            <p className="entry__withdraw">
              <button type="button" className="link-button" onClick={() => setWithdrawing(true)}>
                {t('withdrawal.link')}
              </button>
            </p>
          </section>
        )}
      </main>
    </TranslationContext.Provider>
  );
}
