import type { Question, SurveyModel } from 'survey-core';
import './recordings.css';

/**
 * Recorded audio of questions and choices in the respondent's language (made by translators in
 * the workspace): a large play button beside the question's title and beside each answer that has
 * a recording. The list comes with the survey; a recording's bytes only when it is played.
 * One player for the page: pressing another button stops the one playing.
 */

export type Recordings = Record<string, string>;

/** Which keys have a recording; none when the request fails (the survey works without). */
export async function loadRecordings(surveyId: string, language: string): Promise<Recordings> {
  try {
    const response = await fetch(`/api/recordings/${encodeURIComponent(surveyId)}/${language}`, { cache: 'no-cache', credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as { recordings: Recordings }).recordings : {};
  } catch {
    return {};
  }
}

function answerKey(question: Question, value: string): string {
  if (question.getType() === 'boolean') return `${question.name}.${value === 'true' ? 'labelTrue' : 'labelFalse'}`;
  return `${question.name}.choices.${value}`;
}

export function addRecordingButtons(model: SurveyModel, recordings: Recordings, label: string): () => void {
  if (Object.keys(recordings).length === 0) return () => undefined;
  const player = new Audio();
  player.preload = 'none';
  const button = (url: string, what: string) => {
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'play-recording';
    play.setAttribute('aria-label', `${label}: ${what}`);
    play.textContent = '▶';
    play.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      player.pause();
      player.src = url;
      void player.play();
    });
    return play;
  };
  const handler = (_: SurveyModel, options: { question: Question; htmlElement: HTMLElement }) => {
    const { question, htmlElement } = options;
    const title = recordings[`${question.name}.title`];
    const header = htmlElement.querySelector('.sd-question__title');
    if (title && header && !header.querySelector('.play-recording')) header.append(button(title, question.processedTitle));
    for (const input of htmlElement.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')) {
      const url = recordings[answerKey(question, input.value)];
      const item = input.closest('label');
      if (!url || !item || item.parentElement?.querySelector('.play-recording')) continue;
      item.after(button(url, item.textContent ?? input.value));
    }
  };
  model.onAfterRenderQuestion.add(handler);
  return () => {
    model.onAfterRenderQuestion.remove(handler);
    player.pause();
  };
}
