import { htmlProperties } from '../../shared/survey-text.ts';
import type { LanguageGrant, WorkspaceFile, WorkspaceString } from '../../shared/contract/translate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { sanitizeSurveyHtml } from '../surveys/html.ts';
import { readContext, readStatus, readStrings, sourceHash, writeStatus, writeTranslation } from './catalog.ts';
import { listNamespaces, placeholders, targetLanguages, type I18nDirs, type Namespace } from './i18n.service.ts';
import { readRecordings, saveRecording } from './recordings.ts';

/**
 * The translator workspace's use cases, on the same files as the CLI and XLIFF: a translator
 * lists a file's strings beside their Dutch source and context, saves a translation (stored as
 * `translated`, made from today's Dutch text), and a reviewer marks one `reviewed`.
 *
 * Why files and not the database: the translations are part of the release (reviewed in git
 * beside the definitions they translate, read by text editors, Weblate, Crowdin and CAT tools
 * through XLIFF, and by the `i18n` report in CI); the server reads them while it runs, so a
 * saved string is live at once. Saving writes through a temporary file, so no reader sees half
 * a file. With several servers, `locales/` is one shared folder (or translators work on one).
 */

function namespaceOf(dirs: I18nDirs, lang: string, namespace: string): Namespace {
  if (!targetLanguages.includes(lang)) throw new AppError('not_found', `There is no language '${lang}' to translate into.`);
  const ns = listNamespaces(dirs).find((n) => n.name === namespace);
  if (!ns) throw new AppError('not_found', `There is no file '${namespace}'.`);
  return ns;
}

/** Who does it and when, for the audit log. */
export interface Actor {
  database: Database;
  now: () => Date;
  userId: number;
}

function sourceOf(ns: Namespace, key: string): string {
  const source = ns.source[key];
  if (source === undefined) throw new AppError('not_found', `There is no key '${key}' in ${ns.name}.`);
  return source;
}

function stringOf(dirs: I18nDirs, lang: string, ns: Namespace, key: string): WorkspaceString {
  return stringsOf(dirs, lang, ns).find((s) => s.key === key)!;
}

function stringsOf(dirs: I18nDirs, lang: string, ns: Namespace): WorkspaceString[] {
  const recordings = ns.kind === 'survey' ? readRecordings(dirs, lang, ns.name) : {};
  const translations = readStrings(dirs.localesDir, lang, ns.name);
  const status = readStatus(dirs.localesDir, lang, ns.name);
  const context = ns.context ?? readContext(dirs.localesDir, ns.name);
  return Object.entries(ns.source).map(([key, source]) => {
    const text = translations[key];
    const entry = status[key];
    const translated = text !== undefined && text.trim() !== '';
    return {
      key,
      source,
      ...(context[key] ? { context: context[key] } : {}),
      ...(translated ? { text } : {}),
      state: translated ? (entry?.state ?? 'draft') : 'missing',
      stale: translated && entry !== undefined && entry.source !== sourceHash(source),
      ...(recordings[key] ? { recording: { url: `/api/recordings/${ns.name}/${lang}/${recordings[key].file}`, stale: recordings[key].source !== sourceHash(source) } } : {}),
    };
  });
}

export function workspaceFile(dirs: I18nDirs, input: { lang: string; namespace: string; latestVersion?: number }): WorkspaceFile {
  const ns = namespaceOf(dirs, input.lang, input.namespace);
  return {
    lang: input.lang,
    namespace: ns.name,
    ...(ns.kind === 'survey' && input.latestVersion ? { survey: { id: ns.name, version: input.latestVersion } } : {}),
    strings: stringsOf(dirs, input.lang, ns),
  };
}

/** Why a translation cannot be stored, or undefined when it can. */
export function translationProblem(input: { key: string; source: string; text: string }): string | undefined {
  const expected = placeholders(input.source);
  const found = placeholders(input.text);
  const lost = expected.find((p) => !found.includes(p));
  if (lost) return `the placeholder ${lost} of the Dutch text is missing`;
  const added = found.find((p) => !expected.includes(p));
  if (added) return `the placeholder ${added} is not in the Dutch text`;
  const property = input.key.split('.').at(-1)!;
  if (htmlProperties.has(property) && sanitizeSurveyHtml(input.text) !== input.text) {
    return 'the text holds HTML that respondents would see as plain text (allowed: p, br, strong, em, b, i, ul, ol, li, h2-h4, span, div, a href)';
  }
  return undefined;
}

/**
 * Stores one translation as `translated`, made from today's Dutch text; an empty text removes
 * the translation (the key shows in Dutch again). The audit log gets who, when and which key.
 */
export async function saveTranslation(
  dirs: I18nDirs,
  actor: Actor,
  input: { lang: string; namespace: string; key: string; text: string },
): Promise<WorkspaceString> {
  const ns = namespaceOf(dirs, input.lang, input.namespace);
  const source = sourceOf(ns, input.key);
  const text = input.text.trim() === '' ? '' : input.text;
  const problem = text ? translationProblem({ key: input.key, source, text }) : undefined;
  if (problem) throw new AppError('unprocessable', `Not saved: ${problem}.`);
  const translations = readStrings(dirs.localesDir, input.lang, ns.name);
  const status = readStatus(dirs.localesDir, input.lang, ns.name);
  if (text) {
    translations[input.key] = text;
    status[input.key] = { state: 'translated', source: sourceHash(source) };
  } else {
    delete translations[input.key];
    delete status[input.key];
  }
  writeTranslation(dirs.localesDir, input.lang, ns.name, ns.source, translations);
  writeStatus(dirs.localesDir, input.lang, ns.name, status);
  await recordAudit({ ...actor, action: 'translation_save', detail: { lang: input.lang, namespace: ns.name, key: input.key } });
  return stringOf(dirs, input.lang, ns, input.key);
}

/** Stores a recording of a survey text in a language (app strings and study texts are not spoken). */
export function recordString(dirs: I18nDirs, actor: Actor, input: { lang: string; namespace: string; key: string; bytes: Buffer }) {
  const ns = namespaceOf(dirs, input.lang, input.namespace);
  if (ns.kind !== 'survey') throw new AppError('not_found', `${ns.name} is not a survey: only survey texts have recordings.`);
  return saveRecording(dirs, actor, { lang: input.lang, survey: ns.name, key: input.key, source: sourceOf(ns, input.key), bytes: input.bytes });
}

/** A reviewer accepts one translation as it is now: `reviewed`, made from today's Dutch text. */
export async function reviewTranslation(dirs: I18nDirs, actor: Actor, input: { lang: string; namespace: string; key: string }): Promise<WorkspaceString> {
  const ns = namespaceOf(dirs, input.lang, input.namespace);
  const source = sourceOf(ns, input.key);
  const text = readStrings(dirs.localesDir, input.lang, ns.name)[input.key];
  if (text === undefined || text.trim() === '') throw new AppError('unprocessable', `${input.key} has no translation to review.`);
  const status = readStatus(dirs.localesDir, input.lang, ns.name);
  status[input.key] = { state: 'reviewed', source: sourceHash(source) };
  writeStatus(dirs.localesDir, input.lang, ns.name, status);
  await recordAudit({ ...actor, action: 'translation_review', detail: { lang: input.lang, namespace: ns.name, key: input.key } });
  return stringOf(dirs, input.lang, ns, input.key);
}

/** A translator works only in the languages given to them, and reviews only where they are a reviewer. */
export function checkLanguageGrant(grants: LanguageGrant[], lang: string, action: 'translate' | 'review'): void {
  const grant = grants.find((g) => g.lang === lang);
  if (!grant) throw new AppError('forbidden', `You have not been given the language '${lang}'.`);
  if (action === 'review' && !grant.reviewer) throw new AppError('forbidden', `You may translate ${lang} but not review it.`);
}
