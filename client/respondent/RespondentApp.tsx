import { Suspense, lazy, useEffect, useState } from 'react';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { TranslationContext } from '../shared/i18n-react.tsx';
import { LanguageChooser } from '../shared/LanguageChooser.tsx';
import { preferredLanguage } from '../shared/languages.ts';
import { loadSurveyChunk, prefetchSurveyChunk } from '../shared/load-survey.ts';
import { startSession, type Session } from '../shared/session.ts';
import { TokenForm } from '../shared/TokenForm.tsx';
import { useLanguage } from '../shared/useLanguage.ts';
import { Withdrawal } from './Withdrawal.tsx';

const RespondentSurvey = lazy(() => loadSurveyChunk().then((module) => ({ default: module.RespondentSurvey })));

/** `/t/<token>` from the letter's QR code: the token is taken and removed from the address bar. */
function takeTokenFromUrl(): string {
  const match = /^\/t\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!match) return '';
  window.history.replaceState(null, '', '/');
  return decodeURIComponent(match[1]!);
}

export function RespondentApp() {
  const { language, t, setLanguage } = useLanguage(preferredLanguage(navigator.languages ?? []));
  const [initialToken] = useState(takeTokenFromUrl);
  const [session, setSession] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [withdrawing, setWithdrawing] = useState(false);

  useEffect(prefetchSurveyChunk, []);

  async function start(token: string) {
    setBusy(true);
    setError(null);
    try {
      const started = await startSession({ token, locale: language, channel: 'web' });
      await loadSurveyChunk();
      setSession(started);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <TranslationContext.Provider value={t}>
      <header className="app-header">
        <p className="app-header__name">{session ? (session.title[language] ?? session.title.nl) : t('app.name')}</p>
        {(session || withdrawing) && <LanguageChooser value={language} onChange={setLanguage} compact />}
      </header>
      <main className="app-main">
        {session ? (
          <Suspense fallback={<p className="message">{t('survey.loading')}</p>}>
            <RespondentSurvey session={session} language={language} storage="device" />
          </Suspense>
        ) : withdrawing ? (
          <Withdrawal language={language} initialToken={initialToken} onBack={() => setWithdrawing(false)} />
        ) : (
          <section className="entry" aria-labelledby="entry-heading">
            <h1 id="entry-heading">{t('entry.heading')}</h1>
            <LanguageChooser value={language} onChange={setLanguage} />
            <p className="entry__intro">{t('entry.intro')}</p>
            <ErrorMessage error={error} language={language} />
            <TokenForm initial={initialToken} busy={busy} onSubmit={(token) => void start(token)} />
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
