import type { Question, SurveyModel } from 'survey-core';
import './recording-buttons.css';
import type { Recordings } from './recordings.ts';

/**
 * A large play button beside a question's title and beside each answer that has a recording in
 * the respondent's language. One player for the page: pressing another button stops the one
 * playing; a recording's bytes are fetched only when it is played.
 */

function answerKey(question: Question, value: string): string {
  if (question.getType() === 'boolean') return `${question.name}.${value === 'true' ? 'labelTrue' : 'labelFalse'}`;
  return `${question.name}.choices.${value}`;
}

export function addRecordingButtons(model: SurveyModel, recordings: Recordings, label: string): () => void {
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
