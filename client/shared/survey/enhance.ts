import type { Question, SurveyModel } from 'survey-core';
import { faceSvg, moodFor } from './faces.ts';
import { plainText as plain } from './plain-text.ts';
import { onVoicesChanged, speak, stopSpeaking, voiceFor } from './read-aloud.ts';

/**
 * What SurveyJS does not do by itself: a read-aloud button per question (hidden when the device
 * has no voice for the language), faces beside the answers of picture-friendly scales, and the
 * accessible names it leaves out.
 */

interface Options {
  readAloud: string;
  stopReading: string;
}

/** Longer lists (countries) are not read out: the person scrolls them; the question is enough. */
export const maxSpokenChoices = 12;

type Spoken = Question & {
  visibleChoices?: { text: string }[];
  visibleRateValues?: { text: string }[];
  visibleRows?: { text: string }[];
  visibleColumns?: { text: string }[];
  locLabelTrue?: { renderedHtml: string };
  locLabelFalse?: { renderedHtml: string };
};

/**
 * What a person needs to hear, in the order they see it: the title and description, then the
 * answers (a yes/no question's two labels, a scale's values, a list's choices unless it is too
 * long to listen to); for a matrix the answer columns once, then each row.
 */
export function spokenText(question: Question): string {
  const spoken = question as Spoken;
  const parts: string[] = [question.processedTitle, plain(question.description ?? '')];
  if (spoken.locLabelTrue && spoken.locLabelFalse) {
    parts.push(plain(spoken.locLabelTrue.renderedHtml), plain(spoken.locLabelFalse.renderedHtml));
  } else if (question.getType() === 'matrix') {
    parts.push((spoken.visibleColumns ?? []).map((column) => column.text).join(', '));
    for (const row of spoken.visibleRows ?? []) parts.push(row.text);
  } else {
    const answers = spoken.visibleChoices ?? spoken.visibleRateValues ?? [];
    if (answers.length <= maxSpokenChoices) for (const item of answers) parts.push(item.text);
  }
  return parts.filter((part) => part.trim() !== '').join('. ');
}

/**
 * Names SurveyJS leaves out: a yes/no question's radio buttons as a group named by the question,
 * and the "other, namely" text box by its choice's label.
 */
function nameControls(question: Question, root: HTMLElement): void {
  const title = root.querySelector<HTMLElement>('.sd-question__title[id]');
  const group = root.querySelector<HTMLElement>('.sd-question--boolean fieldset, fieldset.sd-selectbase[role="presentation"]');
  if (group && title && root.querySelector('input[type="radio"]')) {
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-labelledby', title.id);
  }
  const other = question as Question & { otherText?: string; otherPlaceholder?: string };
  for (const box of root.querySelectorAll<HTMLElement>('.sd-selectbase__other textarea, .sd-selectbase__other input')) {
    if (!box.hasAttribute('aria-label') && !box.getAttribute('aria-labelledby')) box.setAttribute('aria-label', plain(other.otherText ?? '') || plain(other.otherPlaceholder ?? ''));
  }
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
    nameControls(question, htmlElement);
    addReadAloud(question, htmlElement, language, labels);
    // The "other" box appears only when that choice is ticked.
    new MutationObserver(() => nameControls(question, htmlElement)).observe(htmlElement, { childList: true, subtree: true });
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
