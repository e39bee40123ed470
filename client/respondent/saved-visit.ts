import { isLanguage, type Language } from '../shared/languages.ts';
import type { Answers, Session } from '../shared/session.ts';

/**
 * What brings a phone's survey back after Back, Forward, a reload or the browser discarding the
 * tab: the session (response id and key, survey addresses, answers, page) and the language, in
 * this tab's `sessionStorage`, which the browser keeps for the tab and drops when it is closed.
 * Never the token: the letter's code is not kept anywhere. The kiosk does not use this.
 */

const key = 'wavepanel.visit';

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
