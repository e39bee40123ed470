import type { SurveyModel } from 'survey-core';
import type { RecordingList } from '../../../shared/contract/i18n.ts';
import { request } from '../api-client.ts';

/**
 * Recorded audio of questions and choices in the respondent's language (made by translators in
 * the workspace). The list comes with the survey; the code that plays them only when there are
 * any, and a recording's bytes only when it is played.
 */

/** Per key (`q1.title`, `q1.choices.yes`) the URL of its recording. */
export type Recordings = RecordingList['recordings'];

/** Adds the play buttons to a survey model; returns what takes them away. */
export type RecordingButtons = (model: SurveyModel, label: string) => () => void;

async function recordingList(surveyId: string, language: string): Promise<Recordings> {
  return (await request('GET /api/recordings/:surveyId/:lang', { params: { surveyId, lang: language }, cache: 'no-cache' })).recordings;
}

const buttons = new Map<string, Promise<RecordingButtons | undefined>>();

/**
 * The play buttons for a survey in a language; none when it has no recordings or they cannot be
 * loaded (the survey works without, and a later call tries again). Asked once per page: the app
 * asks as soon as the session is known, the survey again when it shows.
 */
export function loadRecordings(surveyId: string, language: string): Promise<RecordingButtons | undefined> {
  const key = `${surveyId}/${language}`;
  let loading = buttons.get(key);
  if (!loading) {
    loading = playButtons(surveyId, language).catch(() => {
      buttons.delete(key);
      return undefined;
    });
    buttons.set(key, loading);
  }
  return loading;
}

async function playButtons(surveyId: string, language: string): Promise<RecordingButtons | undefined> {
  const recordings = await recordingList(surveyId, language);
  if (Object.keys(recordings).length === 0) return undefined;
  const { addRecordingButtons } = await import('./recording-buttons.ts');
  return (model, label) => addRecordingButtons(model, recordings, label);
}
