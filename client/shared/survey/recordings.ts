import type { SurveyModel } from 'survey-core';

/**
 * Recorded audio of questions and choices in the respondent's language (made by translators in
 * the workspace). The list comes with the survey; the code that plays them only when there are
 * any, and a recording's bytes only when it is played.
 */

/** Per key (`q1.title`, `q1.choices.yes`) the URL of its recording. */
export type Recordings = Record<string, string>;

/** Adds the play buttons to a survey model; returns what takes them away. */
export type RecordingButtons = (model: SurveyModel, label: string) => () => void;

async function recordingList(surveyId: string, language: string): Promise<Recordings> {
  const response = await fetch(`/api/recordings/${encodeURIComponent(surveyId)}/${language}`, { cache: 'no-cache', credentials: 'same-origin' });
  return response.ok ? ((await response.json()) as { recordings: Recordings }).recordings : {};
}

/** The play buttons for a survey in a language; none when it has no recordings or they cannot be loaded (the survey works without). */
export async function loadRecordings(surveyId: string, language: string): Promise<RecordingButtons | undefined> {
  try {
    const recordings = await recordingList(surveyId, language);
    if (Object.keys(recordings).length === 0) return undefined;
    const { addRecordingButtons } = await import('./recording-buttons.ts');
    return (model, label) => addRecordingButtons(model, recordings, label);
  } catch {
    return undefined;
  }
}
