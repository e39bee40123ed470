import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { answerChanges } from '../answer-changes.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useT } from '../i18n-react.tsx';
import { prefetchLanguage } from '../i18n.ts';
import { isLanguage, languageCodes, type Language } from '../languages.ts';
import { loadDefinition, whenIdle } from '../load-survey.ts';
import { surveyUrl, type Answers, type Session } from '../session.ts';
import { SubmissionQueue, localStorageStore, type QueueState } from '../submission-queue.ts';
import { loadRegionNames } from './countries.ts';
import { plainText } from './plain-text.ts';
import { loadRecordings, type RecordingButtons } from './recordings.ts';
import { loadSurveyStrings } from './survey-strings.ts';
import { SurveyView } from './SurveyView.tsx';
import type { LocalizedDefinition } from '../../../shared/contract/surveys.ts';

export interface RespondentSurveyProps {
  session: Session;
  language: Language;
  /**
   * Where unsent answers wait: the phone's storage; on a shared kiosk the kiosk's own queue in
   * memory, which outlives the visit so that answers queued offline are sent after it ends.
   */
  queue: 'device' | SubmissionQueue;
  noAutofill?: boolean;
  /** The response was completed before (a reloaded page): only the thank-you is shown. */
  completed?: boolean;
  /** Called at every answer and page change, with everything answered so far and the page. */
  onProgress?: (answers: Answers, pageNo: number) => void;
  /** Called once the server has accepted the completed response. */
  onCompleted?: () => void;
}

/** The definition in a language, from the browser's cache when it was fetched before (its address holds its content hash). */
function definitionIn(session: Session, language: Language): Promise<LocalizedDefinition> {
  return loadDefinition(surveyUrl(session, language));
}

interface LoadedSurvey {
  json: LocalizedDefinition;
  recordings: RecordingButtons | undefined;
}

/**
 * Everything the survey shows in a language, fetched side by side: the definition, the country
 * names, SurveyJS's strings and the recordings' list. The app calls it the moment the session is
 * known, so that none of them waits for the definition to arrive first.
 */
export function loadSurveyIn(session: Session, language: Language): Promise<LoadedSurvey> {
  return Promise.all([definitionIn(session, language), loadRegionNames(language), loadRecordings(session.survey.id, language), loadSurveyStrings(language)]).then(
    ([json, , recordings]) => {
      const loaded = { json, recordings };
      loadedSurveys.set(loadedKey(session, language), loaded);
      return loaded;
    },
  );
}

/**
 * What `loadSurveyIn` has brought, so that a survey whose session just started (the app waits for
 * it) shows in its first render instead of after a "loading" render and another round.
 */
const loadedSurveys = new Map<string, LoadedSurvey>();
const loadedKey = (session: Session, language: Language) => `${surveyUrl(session, language)} ${language}`;

// This chunk loads while the person looks at the Start button (a letter's link fetches it at once):
// what any survey needs in the language on screen (Tigrinya's SurveyJS strings and country names)
// comes along, instead of after the session has started.
const languageOnScreen = document.documentElement.lang;
if (isLanguage(languageOnScreen)) void Promise.all([loadRegionNames(languageOnScreen), loadSurveyStrings(languageOnScreen)]).catch(() => undefined);

/**
 * Once the survey shows, the other languages' definitions, app strings, SurveyJS strings and country names are
 * fetched (small, and cached), so that a language switch works without a connection too.
 */
function prefetchOtherLanguages(session: Session, language: Language): () => void {
  const fetchAll = () => {
    for (const other of languageCodes) {
      if (other === language) continue;
      void Promise.all([definitionIn(session, other), prefetchLanguage(other), loadRegionNames(other), loadSurveyStrings(other)]).catch(() => undefined);
    }
  };
  return whenIdle(fetchAll, 5000);
}

/**
 * A respondent's survey: the definition in the chosen language, the saved answers and page,
 * a submission at every page change and on completion (the completion is shown only once the
 * server accepted it). Unsent answers wait in the queue; changing language keeps answers and page
 * and is stored with the response, so the language follows the respondent to another device.
 */
export function RespondentSurvey({ session, language, queue: queueOption, noAutofill = false, completed: completedBefore = false, onProgress, onCompleted }: RespondentSurveyProps) {
  const t = useT();
  const [definition, setDefinition] = useState<({ language: Language } & LoadedSurvey) | null>(() => {
    const loaded = loadedSurveys.get(loadedKey(session, language));
    return loaded ? { language, ...loaded } : null;
  });
  const [loadError, setLoadError] = useState<unknown>(null);
  const [queueState, setQueueState] = useState<QueueState | null>(null);
  const [completing, setCompleting] = useState(false);
  const [completed, setCompleted] = useState(completedBefore);
  const answers = useRef<Answers>({ ...session.answers });
  const sent = useRef<Answers>({ ...session.answers });
  const pageNo = useRef(session.pageNo);
  const model = useRef<Model | null>(null);
  const languageRef = useRef(language);
  languageRef.current = language;
  const sentLanguage = useRef(session.locale);
  const completingRef = useRef(false);
  const callbacks = useRef({ onProgress, onCompleted });
  callbacks.current = { onProgress, onCompleted };

  // Made in an effect so that an unmount (or React's development double mount) disposes it cleanly.
  const queue = useRef<SubmissionQueue | null>(null);
  useEffect(() => {
    const used = queueOption === 'device' ? new SubmissionQueue({ store: localStorageStore() }) : queueOption;
    const owned = used === queueOption ? null : used;
    queue.current = used;
    const unsubscribe = used.subscribe(setQueueState);
    setQueueState(used.state);
    void used.flush();
    return () => {
      unsubscribe();
      owned?.dispose();
      queue.current = null;
    };
  }, [queueOption]);

  useEffect(() => {
    if (!queueState) return;
    if (queueState.completed.includes(session.responseId) && completingRef.current) {
      completingRef.current = false;
      setCompleting(false);
      setCompleted(true);
      callbacks.current.onCompleted?.();
    }
    if (queueState.error) {
      completingRef.current = false;
      setCompleting(false);
    }
  }, [queueState, session.responseId]);

  // The definition in the language; after a failure (no connection) it is tried again when the connection comes back.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (completed) return;
    let cancelled = false;
    setLoadError(null);
    loadSurveyIn(session, language)
      // The same survey as on screen keeps its state, so React does not render it again.
      .then((loaded) => !cancelled && setDefinition((shown) => (shown?.language === language && shown.json === loaded.json && shown.recordings === loaded.recordings ? shown : { language, ...loaded })))
      .catch((error: unknown) => !cancelled && setLoadError(error));
    return () => {
      cancelled = true;
    };
  }, [session, language, attempt, completed]);
  useEffect(() => {
    if (!loadError) return;
    const retry = () => setAttempt((n) => n + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [loadError]);
  const shown = definition !== null;
  useEffect(() => (shown ? prefetchOtherLanguages(session, languageRef.current) : undefined), [shown, session]);

  const submit = useCallback(
    (complete: boolean) => {
      const changes = answerChanges(sent.current, answers.current);
      sent.current = { ...answers.current };
      sentLanguage.current = languageRef.current;
      queue.current?.enqueue({
        responseId: session.responseId,
        responseKey: session.responseKey,
        pageNo: pageNo.current,
        answers: changes,
        locale: languageRef.current,
        ...(complete ? { complete: true as const } : {}),
      });
    },
    [session],
  );

  // A language chosen during the survey is stored with the response at once, not only at the next page.
  useEffect(() => {
    if (completed || language === sentLanguage.current) return;
    submit(false);
  }, [language, completed, submit]);

  const attach = useCallback(
    (created: Model) => {
      model.current = created;
      const progress = () => callbacks.current.onProgress?.({ ...answers.current }, pageNo.current);
      created.onValueChanged.add((sender) => {
        answers.current = { ...sender.data };
        progress();
      });
      created.onCurrentPageChanged.add((sender) => {
        answers.current = { ...sender.data };
        pageNo.current = sender.currentPageNo;
        progress();
        submit(false);
      });
      created.onCompleting.add((sender, options) => {
        if (queue.current?.state.completed.includes(session.responseId)) return;
        options.allow = false;
        if (completingRef.current) return;
        completingRef.current = true;
        setCompleting(true);
        answers.current = { ...sender.data };
        pageNo.current = sender.currentPageNo;
        submit(true);
      });
    },
    [submit, session.responseId],
  );

  if (completed) {
    const completedHtml = definition?.json.completedHtml;
    const completionText = typeof completedHtml === 'string' ? plainText(completedHtml).trim() : '';
    // Only the thank-you: a language switch or a reload must not bring back the last page.
    return (
      <section className="respondent-survey respondent-survey--done" aria-labelledby="survey-done">
        <h1 id="survey-done" className="message message--done" tabIndex={-1} ref={(heading) => heading?.focus()}>
          {t('survey.completed')}
        </h1>
        {completionText && <p className="message">{completionText}</p>}
      </section>
    );
  }

  const waiting = queueState?.waiting ?? false;
  return (
    <div className="respondent-survey">
      <ErrorMessage error={queueState?.error ?? loadError} language={language} />
      {definition ? (
        <SurveyView definition={definition.json} language={definition.language} data={answers.current} pageNo={pageNo.current} variables={session.variables} noAutofill={noAutofill} recordings={definition.recordings} onModel={attach} />
      ) : (
        !loadError && <p className="message">{t('survey.loading')}</p>
      )}
      <div aria-live="polite" className="status">
        {waiting && <p className="message message--offline">{completing ? t('survey.waitingToComplete') : t('survey.offline')}</p>}
        {completing && !waiting && <p className="message">{t('survey.sending')}</p>}
      </div>
    </div>
  );
}
