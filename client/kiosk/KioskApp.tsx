import './kiosk.css';
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { TranslationContext, useT } from '../shared/i18n-react.tsx';
import { LanguageChooser } from '../shared/LanguageChooser.tsx';
import { sourceLanguage } from '../shared/languages.ts';
import { loadSurveyChunk, prefetchSurveyChunk, startSurveyDownloads } from '../shared/load-survey.ts';
import { sessionLanguage, startSession, type Session, type StartBody } from '../shared/session.ts';
import { SubmissionQueue, memoryStore, waitingForConnection } from '../shared/submission-queue.ts';
import { TokenForm } from '../shared/TokenForm.tsx';
import { useLanguage } from '../shared/useLanguage.ts';
import { InactivityWarning } from './InactivityWarning.tsx';
import { enrolFromAddress, kioskHeaders } from './kiosk-key.ts';
import { kioskOptions } from './kiosk-options.ts';
import type { ScannedLetter } from './qr-token.ts';
import { QrScanner } from './QrScanner.tsx';
import { wipeDevice } from './wipe-device.ts';

// Before anything reads or rewrites the address: `#enrol=KEY` enrols this tablet.
enrolFromAddress();

const RespondentSurvey = lazy(() => loadSurveyChunk().then((module) => ({ default: module.RespondentSurvey })));

/** The study a kiosk offers to people without a letter (anonymous, cross-sectional). */
const anonymousStudy = 'eaa-cross';

const activityEvents = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

function requestFullscreenOnce() {
  const element = document.documentElement;
  if (!document.fullscreenElement && typeof element.requestFullscreen === 'function') void element.requestFullscreen().catch(() => undefined);
}

/** One respondent's visit, from the start screen to the thank-you; remounted empty after each. */
function KioskVisit({ outbox, onFinished }: { outbox: SubmissionQueue; onFinished: () => void }) {
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
  const [finishing, setFinishing] = useState(false);
  // Tapped on the start screen: it then wins over the language stored with a resumed response.
  const [languageChosen, setLanguageChosen] = useState(false);

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

  async function start(request: StartBody) {
    setBusy(true);
    setError(null);
    try {
      const started = await startSession({ ...request, localeChosen: languageChosen }, kioskHeaders());
      const shown = sessionLanguage(started);
      startSurveyDownloads(started, shown);
      await (await loadSurveyChunk()).loadSurveyIn(started, shown);
      setLanguage(shown);
      setSession(started);
    } catch (failure) {
      setError(failure);
      setMode('start');
    } finally {
      setBusy(false);
    }
  }

  const startWithToken = (token: string) => void start({ token, locale: language, channel: 'kiosk' });
  // A letter's QR code opens in the letter's language, unless the person tapped another one here.
  const startWithLetter = ({ token, language: letterLanguage }: ScannedLetter) =>
    void start({ token, locale: languageChosen || !letterLanguage ? language : letterLanguage, channel: 'kiosk' });

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
            <button type="button" className="button kiosk__finish" aria-haspopup="dialog" onClick={() => setFinishing(true)}>
              {t('kiosk.finish')}
            </button>
          )}
        </header>
        <main className="app-main">
          {session ? (
            <Suspense fallback={<p className="message">{t('survey.loading')}</p>}>
              <RespondentSurvey session={session} language={language} queue={outbox} noAutofill onCompleted={() => setThanks(true)} />
              {thanks && <p className="message message--done">{t('kiosk.thanks')}</p>}
            </Suspense>
          ) : (
            <section className="entry kiosk-start" aria-labelledby="kiosk-heading">
              <h1 id="kiosk-heading">{t('kiosk.welcome')}</h1>
              <LanguageChooser
                value={language}
                onChange={(chosen) => {
                  setLanguage(chosen);
                  setLanguageChosen(true);
                }}
              />
              <p className="entry__intro">{t('kiosk.intro')}</p>
              <ErrorMessage error={error} language={language} />
              {mode === 'scan' ? (
                <>
                  <QrScanner onLetter={startWithLetter} onUnavailable={() => {
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
        {finishing && <FinishDialog outbox={outbox} onStop={onFinished} onStay={() => setFinishing(false)} />}
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
 * "Done" during the survey: the person confirms, since the survey is not finished. While answers
 * wait for a connection it says so plainly and offers only to wait; the dialog turns into the
 * plain confirmation once they are sent. An answer merely on its way is no reason to wait: the
 * kiosk's queue outlives the visit and sends it all the same.
 */
function FinishDialog({ outbox, onStop, onStay }: { outbox: SubmissionQueue; onStop: () => void; onStay: () => void }) {
  const t = useT();
  const [unsent, setUnsent] = useState(waitingForConnection(outbox.state));
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => outbox.subscribe((state) => setUnsent(waitingForConnection(state))), [outbox]);
  useEffect(() => stay.current?.focus(), [unsent]);
  return (
    <div className="kiosk-warning" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-finish-title" aria-describedby="kiosk-finish-text">
      <div className="kiosk-warning__box">
        <h2 id="kiosk-finish-title">{t('kiosk.finishTitle')}</h2>
        <p id="kiosk-finish-text">{unsent ? t('kiosk.finishUnsent') : t('kiosk.finishUnfinished')}</p>
        <div className="kiosk-finish__actions">
          <button ref={stay} type="button" className="button button--primary" onClick={onStay}>
            {unsent ? t('kiosk.finishWait') : t('kiosk.finishCancel')}
          </button>
          {!unsent && (
            <button type="button" className="button" onClick={onStop}>
              {t('kiosk.finishConfirm')}
            </button>
          )}
        </div>
      </div>
    </div>
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
  // Answers waiting for the network, kept in memory only and across visits: the wipe after a visit
  // never destroys them, and nothing of them can be reached on screen by the next person.
  // It lives as long as the page, so it is never disposed.
  const [outbox] = useState(() => new SubmissionQueue({ store: memoryStore() }));

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

  return wiping ? null : <KioskVisit key={visit} outbox={outbox} onFinished={finish} />;
}
