import type { Question, SurveyModel } from 'survey-core';
import { faceSvg, moodFor } from './faces.ts';
import { onVoicesChanged, speak, stopSpeaking, voiceFor } from './read-aloud.ts';

/**
 * What SurveyJS does not do by itself: a read-aloud button per question (hidden when the device
 * has no voice for the language) and faces beside the answers of picture-friendly scales.
 */

interface Options {
  readAloud: string;
  stopReading: string;
}

function plain(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}

/** Title, description and answer labels: what a person would read on screen. */
export function spokenText(question: Question): string {
  const parts: string[] = [question.processedTitle, plain(question.description ?? '')];
  const withChoices = question as Question & { visibleChoices?: { text: string }[]; visibleRateValues?: { text: string }[] };
  for (const item of withChoices.visibleChoices ?? withChoices.visibleRateValues ?? []) parts.push(item.text);
  if (question.getType() === 'boolean') {
    const boolean = question as Question & { locLabelTrue: { renderedHtml: string }; locLabelFalse: { renderedHtml: string } };
    parts.push(plain(boolean.locLabelTrue.renderedHtml), plain(boolean.locLabelFalse.renderedHtml));
  }
  return parts.filter((part) => part.trim() !== '').join('. ');
}

function addFaces(question: Question, root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
    const mood = moodFor(question as Question & { rateMin?: number; rateMax?: number }, input.value);
    const label = input.closest('label');
    if (mood === undefined || !label || label.querySelector('.face')) continue;
    label.classList.add('has-face');
    label.append(faceSvg(mood));
  }
}

function addReadAloud(question: Question, root: HTMLElement, language: string, labels: Options): void {
  const header = root.querySelector('.sd-question__header') ?? root;
  if (header.querySelector('.read-aloud')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'read-aloud';
  button.hidden = !voiceFor(language);
  button.textContent = labels.readAloud;
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-pressed') === 'true') {
      stopSpeaking();
      return;
    }
    button.setAttribute('aria-pressed', 'true');
    button.textContent = labels.stopReading;
    speak(spokenText(question), language, () => {
      button.setAttribute('aria-pressed', 'false');
      button.textContent = labels.readAloud;
    });
  });
  header.append(button);
}

/** Wires the enhancements into a model; returns a function that undoes the global listeners. */
export function enhanceSurvey(model: SurveyModel, language: string, labels: Options): () => void {
  model.onAfterRenderQuestion.add((_, { question, htmlElement }) => {
    addFaces(question, htmlElement);
    addReadAloud(question, htmlElement, language, labels);
  });
  model.onValueChanged.add((_, { question }) => {
    if (!question) return;
    requestAnimationFrame(() => {
      const root = document.getElementById(question.id);
      if (root) addFaces(question, root);
    });
  });
  const stop = onVoicesChanged(() => {
    const available = !!voiceFor(language);
    for (const button of document.querySelectorAll<HTMLButtonElement>('.read-aloud')) button.hidden = !available;
  });
  return () => {
    stop();
    stopSpeaking();
  };
}
