import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { answerChanges } from '../answer-changes.ts';
import { requestJson } from '../api-client.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useT } from '../i18n-react.tsx';
import type { Language } from '../languages.ts';
import { surveyUrl, type Answers, type Session } from '../session.ts';
import { SubmissionQueue, localStorageStore, memoryStore, type QueueState } from '../submission-queue.ts';
import { loadRegionNames } from './countries.ts';
import { loadRecordings, type Recordings } from './recordings.ts';
import { SurveyView, type SurveyDefinition } from './SurveyView.tsx';

export interface RespondentSurveyProps {
  session: Session;
  language: Language;
  /** Where unsent answers wait: the phone's storage, or memory only on a shared kiosk. */
  storage: 'device' | 'memory';
  noAutofill?: boolean;
  /** Called once the server has accepted the completed response. */
  onCompleted?: () => void;
}

/**
 * A respondent's survey: the definition in the chosen language, the saved answers and page,
 * a submission at every page change and on completion (the completion is shown only once the
 * server accepted it). Unsent answers wait in the queue; changing language keeps answers and page.
 */
export function RespondentSurvey({ session, language, storage, noAutofill = false, onCompleted }: RespondentSurveyProps) {
  const t = useT();
  const [definition, setDefinition] = useState<{ language: Language; json: SurveyDefinition; recordings: Recordings } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [queueState, setQueueState] = useState<QueueState | null>(null);
  const [completing, setCompleting] = useState(false);
  const [completed, setCompleted] = useState(false);
  const answers = useRef<Answers>({ ...session.answers });
  const sent = useRef<Answers>({ ...session.answers });
  const pageNo = useRef(session.pageNo);
  const model = useRef<Model | null>(null);
  const languageRef = useRef(language);
  languageRef.current = language;
  const completingRef = useRef(false);
  const onCompletedRef = useRef(onCompleted);
  onCompletedRef.current = onCompleted;

  // Made in an effect so that an unmount (or React's development double mount) disposes it cleanly.
  const queue = useRef<SubmissionQueue | null>(null);
  useEffect(() => {
    const created = new SubmissionQueue({ store: storage === 'device' ? localStorageStore() : memoryStore(), onChange: setQueueState });
    queue.current = created;
    void created.flush();
    return () => {
      created.dispose();
      queue.current = null;
    };
  }, [storage]);

  useEffect(() => {
    if (!queueState) return;
    if (queueState.completed && completingRef.current && model.current && model.current.state !== 'completed') {
      completingRef.current = false;
      model.current.doComplete();
      setCompleting(false);
      setCompleted(true);
      onCompletedRef.current?.();
    }
    if (queueState.error) {
      completingRef.current = false;
      setCompleting(false);
    }
  }, [queueState]);

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    // The recordings' list comes in parallel with the survey: no extra round trip before the first question.
    Promise.all([requestJson<SurveyDefinition>(surveyUrl(session, language)), loadRegionNames(language), loadRecordings(session.survey.id, language)])
      .then(([json, , recordings]) => !cancelled && setDefinition({ language, json, recordings }))
      .catch((error: unknown) => !cancelled && setLoadError(error));
    return () => {
      cancelled = true;
    };
  }, [session, language]);

  const submit = useCallback(
    (complete: boolean) => {
      const changes = answerChanges(sent.current, answers.current);
      sent.current = { ...answers.current };
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

  const attach = useCallback(
    (created: Model) => {
      model.current = created;
      created.onValueChanged.add((sender) => {
        answers.current = { ...sender.data };
      });
      created.onCurrentPageChanged.add((sender) => {
        answers.current = { ...sender.data };
        pageNo.current = sender.currentPageNo;
        submit(false);
      });
      created.onCompleting.add((sender, options) => {
        if (queue.current?.state.completed) return;
        options.allow = false;
        if (completingRef.current) return;
        completingRef.current = true;
        setCompleting(true);
        answers.current = { ...sender.data };
        pageNo.current = sender.currentPageNo;
        submit(true);
      });
    },
    [submit],
  );

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
        {completed && <p className="message message--done">{t('survey.completed')}</p>}
      </div>
    </div>
  );
}
