import type { Strings } from '../surveys/localization.ts';
import { letterTextKeys, type StudyDefinition } from './study-definition.ts';

/**
 * The texts of a study that respondents read (title, purpose, letter) are translated like a
 * survey: the Dutch source is in the definition, translations in `locales/<lang>/study-<id>.json`.
 */

export const studyNamespace = (studyId: string) => `study-${studyId}`;

/** The Dutch strings of a study by translation key. */
export function studySourceStrings(definition: Pick<StudyDefinition, 'title' | 'purpose' | 'letter'>): Strings {
  const strings: Strings = { title: definition.title, purpose: definition.purpose };
  for (const key of letterTextKeys) {
    const text = definition.letter?.[key];
    if (text) strings[`letter.${key}`] = text;
  }
  return strings;
}

const letterMeaning: Record<(typeof letterTextKeys)[number], string> = {
  title: 'heading of the invitation letter',
  greeting: 'greeting at the start of the letter',
  intro: 'what the study is, how long it takes, that taking part is voluntary and anonymous',
  scan: 'how to start: scan the QR code or type the code at {{site}} (keep {{site}})',
  codeLabel: 'label above the code on the letter',
  kiosk: 'where else the questionnaire can be filled in',
  keep: 'why to keep the letter (later waves use the same code)',
  lost: 'what to do when the letter is lost',
  thanks: 'closing line of the letter',
};

/** Where each key of a study's namespace appears and what it means, for translators. */
export function studyContext(definition: StudyDefinition): Record<string, { where: string; meaning: string }> {
  const where = `study ${definition.id}`;
  const context: Record<string, { where: string; meaning: string }> = {
    title: { where, meaning: 'name of the study, shown at the top of the respondent pages and on letters' },
    purpose: { where, meaning: 'one line on what the study is about, shown to respondents' },
  };
  for (const key of letterTextKeys) if (definition.letter?.[key]) context[`letter.${key}`] = { where: `${where}, invitation letter`, meaning: letterMeaning[key] };
  return context;
}
