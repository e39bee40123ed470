import './kiosk.css';
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { TranslationContext } from '../shared/i18n-react.tsx';
import { LanguageChooser } from '../shared/LanguageChooser.tsx';
import { sourceLanguage } from '../shared/languages.ts';
import { loadSurveyChunk, prefetchSurveyChunk } from '../shared/load-survey.ts';
import { startSession, type Session, type StartRequest } from '../shared/session.ts';
import { TokenForm } from '../shared/TokenForm.tsx';
import { useLanguage } from '../shared/useLanguage.ts';
import { InactivityWarning } from './InactivityWarning.tsx';
import { kioskOptions } from './kiosk-options.ts';
import { QrScanner } from './QrScanner.tsx';
import { wipeDevice } from './wipe-device.ts';

const RespondentSurvey = lazy(() => loadSurveyChunk().then((module) => ({ default: module.RespondentSurvey })));

/** The study a kiosk offers to people without a letter (anonymous, cross-sectional). */
const anonymousStudy = 'eaa-cross';

const activityEvents = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

function requestFullscreenOnce() {
  const element = document.documentElement;
  if (!document.fullscreenElement && typeof element.requestFullscreen === 'function') void element.requestFullscreen().catch(() => undefined);
}

/** One respondent's visit, from the start screen to the thank-you; remounted empty after each. */
function KioskVisit({ onFinished }: { onFinished: () => void }) {
  const options = useRef(kioskOptions(window.location.search)).current;
  const { language, t, setLanguage } = useLanguage(sourceLanguage);
  const [mode, setMode] = useState<'start' | 'scan' | 'type'>('start');
  const [session, setSession] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [warning, setWarning] = useState(false);
  const [thanks, setThanks] = useState(false);
  const [touched, setTouched] = useState(false);
  const [cameraFailed, setCameraFailed] = useState(false);

  useEffect(prefetchSurveyChunk, []);

  // Inactivity: after `idle` seconds without a touch the warning counts down, then the visit ends.
  useEffect(() => {
    if (!touched || thanks) return;
    let timer = setTimeout(() => setWarning(true), options.idle * 1000);
    const activity = () => {
      if (warning) return;
      clearTimeout(timer);
      timer = setTimeout(() => setWarning(true), options.idle * 1000);
    };
    for (const name of activityEvents) window.addEventListener(name, activity, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const name of activityEvents) window.removeEventListener(name, activity, { capture: true });
    };
  }, [touched, thanks, warning, options.idle]);

  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(onFinished, options.done * 1000);
    return () => clearTimeout(timer);
  }, [thanks, onFinished, options.done]);

  async function start(request: StartRequest) {
    setBusy(true);
    setError(null);
    try {
      const started = await startSession(request);
      await loadSurveyChunk();
      setSession(started);
    } catch (failure) {
      setError(failure);
      setMode('start');
    } finally {
      setBusy(false);
    }
  }

  const startWithToken = (token: string) => void start({ token, locale: language, channel: 'kiosk' });

  return (
    <TranslationContext.Provider value={t}>
      <div
        className="kiosk"
        onPointerDownCapture={() => {
          requestFullscreenOnce();
          setTouched(true);
        }}
        onKeyDownCapture={() => setTouched(true)}
      >
        <header className="app-header">
          <p className="app-header__name">{t('app.name')}</p>
          {session && !thanks && <LanguageChooser value={language} onChange={setLanguage} compact />}
          {session && !thanks && (
            <button type="button" className="button kiosk__finish" onClick={onFinished}>
              {t('kiosk.finish')}
            </button>
          )}
        </header>
        <main className="app-main">
          {session ? (
            <Suspense fallback={<p className="message">{t('survey.loading')}</p>}>
              <RespondentSurvey session={session} language={language} storage="memory" noAutofill onCompleted={() => setThanks(true)} />
              {thanks && <p className="message message--done">{t('kiosk.thanks')}</p>}
            </Suspense>
          ) : (
            <section className="entry kiosk-start" aria-labelledby="kiosk-heading">
              <h1 id="kiosk-heading">{t('kiosk.welcome')}</h1>
              <LanguageChooser value={language} onChange={setLanguage} />
              <p className="entry__intro">{t('kiosk.intro')}</p>
              <ErrorMessage error={error} language={language} />
              {mode === 'scan' ? (
                <>
                  <QrScanner onToken={startWithToken} onUnavailable={() => {
                      setCameraFailed(true);
                      setMode('type');
                    }}
                  />
                  <button type="button" className="button" onClick={() => setMode('start')}>
                    {t('kiosk.stopScan')}
                  </button>
                </>
              ) : (
                <div className="kiosk-start__actions">
                  <button type="button" className="button button--primary" onClick={() => setMode('scan')}>
                    {t('kiosk.scan')}
                  </button>
                  {mode === 'type' ? (
                    <>
                      {cameraFailed && <p className="message">{t('kiosk.cameraUnavailable')}</p>}
                      <TokenForm busy={busy} onSubmit={startWithToken} />
                    </>
                  ) : (
                    <button type="button" className="button" onClick={() => setMode('type')}>
                      {t('kiosk.typeCode')}
                    </button>
                  )}
                  <div className="kiosk-start__anonymous">
                    <p>{t('kiosk.anonymousHelp')}</p>
                    <button
                      type="button"
                      className="button"
                      disabled={busy}
                      onClick={() => void start({ studyId: anonymousStudy, locale: language, channel: 'kiosk' })}
                    >
                      {t('kiosk.anonymous')}
                    </button>
                  </div>
                </div>
              )}
            </section>
          )}
        </main>
        {warning && (
          <InactivityWarning
            seconds={options.warn}
            onStay={() => setWarning(false)}
            onTimeout={onFinished}
          />
        )}
      </div>
    </TranslationContext.Provider>
  );
}

/**
 * `/kiosk`: a shared tablet. Each visit is a fresh subtree; when it ends (completion, inactivity
 * or "done") it is unmounted, the device wiped and a new, empty visit begins.
 */
export default function KioskApp() {
  const [visit, setVisit] = useState(0);
  const [wiping, setWiping] = useState(false);
  const address = useRef(window.location.pathname + window.location.search).current;

  useEffect(() => {
    window.history.replaceState(null, '', address);
  }, [address]);

  const finish = useCallback(() => {
    setWiping(true);
    void wipeDevice(address).finally(() => {
      setVisit((n) => n + 1);
      setWiping(false);
    });
  }, [address]);

  // A page restored from the back/forward cache may still show the last visitor: start afresh.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) finish();
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, [finish]);

  return wiping ? null : <KioskVisit key={visit} onFinished={finish} />;
}
