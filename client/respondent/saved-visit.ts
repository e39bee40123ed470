import { isLanguage, type Language } from '../shared/languages.ts';
import type { Answers, Session } from '../shared/session.ts';

/**
 * What brings a phone's survey back after Back, Forward, a reload or the browser discarding the
 * tab: the session (response id and key, survey addresses, answers, page) and the language, in
 * this tab's `sessionStorage`, which the browser keeps for the tab and drops when it is closed.
 * The letter's code is kept there only between opening the letter's link and tapping Start (see
 * `keepLetter`); a started visit never holds it. The kiosk does not use this.
 */

const key = 'wavepanel.visit';
const letterKey = 'wavepanel.letter';

export interface SavedVisit {
  session: Session;
  language: Language;
  completed: boolean;
}

export function loadVisit(): SavedVisit | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key) ?? 'null') as SavedVisit | null;
    return saved?.session?.responseId && isLanguage(saved.language) ? saved : null;
  } catch {
    return null;
  }
}

export function saveVisit(visit: SavedVisit): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(visit));
  } catch {
    // Storage full or disabled: the visit then only lasts as long as the page.
  }
}

/** Drops the tab's visit (a letter's link was opened: its code starts or resumes its own response). */
export function forgetVisit(): null {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
  return null;
}

/** The visit with the answers and page as they are now. */
export function withProgress(visit: SavedVisit, answers: Answers, pageNo: number): SavedVisit {
  return { ...visit, session: { ...visit.session, answers, pageNo } };
}

/** A letter's link on its way to Start: its code, and the language shown (chosen on the page, or the letter's). */
export interface KeptLetter {
  token: string;
  language: Language | null;
  /** The person tapped the language on the entry page (it then wins over the one stored with the response). */
  languageChosen: boolean;
}

/**
 * Keeps a letter's link in this tab until Start is tapped, so that a reload of the letter's page,
 * Back then Forward, or a language switch does not send the person back to their letter to type
 * the code. Only on a personal phone's tab (the kiosk never opens letters' links), and only until
 * Start: `forgetLetter` then drops it.
 */
export function keepLetter(letter: KeptLetter): void {
  try {
    sessionStorage.setItem(letterKey, JSON.stringify(letter));
  } catch {
    // Storage full or disabled: the letter's code then only lasts as long as the page.
  }
}

export function loadLetter(): KeptLetter | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(letterKey) ?? 'null') as KeptLetter | null;
    return kept && typeof kept.token === 'string' && kept.token ? { token: kept.token, language: isLanguage(kept.language) ? kept.language : null, languageChosen: kept.languageChosen === true } : null;
  } catch {
    return null;
  }
}

export function forgetLetter(): void {
  try {
    sessionStorage.removeItem(letterKey);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
