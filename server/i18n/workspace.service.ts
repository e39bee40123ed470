import fs from 'node:fs';
import { htmlProperties } from '../../shared/survey-text.ts';
import type { LanguageGrant, WorkspaceFile, WorkspaceString } from '../../shared/contract/translate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { sanitizeSurveyHtml } from '../surveys/html.ts';
import { localeFile, readContext, readStatus, readStrings, sourceHash, writeStatus, writeTranslation } from './catalog.ts';
import { listNamespaces, placeholders, targetLanguages, type I18nDirs, type Namespace } from './i18n.service.ts';
import { saveRecording, servedRecordings } from './recordings.ts';
import type { StudyDefinition } from '../studies/study-definition.ts';
import { studyNamespace } from '../studies/study-texts.ts';
import type { SavedTranslations } from './saved-translations.ts';
import type { SavedTranslation } from './translations.repository.ts';

/**
 * The translator workspace's use cases: a translator lists a file's strings beside their Dutch
 * source and context, saves a translation (stored as `translated`, made from today's Dutch text),
 * and a reviewer marks one `reviewed`.
 *
 * The files under `locales/` are what ships with the code (reviewed in git beside the definitions
 * they translate, read by text editors, Weblate, Crowdin and CAT tools through XLIFF, and by the
 * `i18n` report in CI). What is saved here is kept in the database, over the files, so that every
 * server on it serves the same (see saved-translations.ts); the saving machine also writes its
 * files (through a temporary file, so no reader sees half a file), so its folder stays a
 * complete copy to commit.
 */

/** The files, what was saved in the workspace over them, and the study definitions whose texts are translated. */
export type Workspace = I18nDirs & { saved: SavedTranslations; studies: () => Promise<StudyDefinition[]> };

/** Every namespace of the workspace, with the studies as the database holds them. */
export async function workspaceNamespaces(dirs: Workspace): Promise<Namespace[]> {
  return listNamespaces(dirs, await dirs.studies());
}

async function namespaceOf(dirs: Workspace, lang: string, namespace: string): Promise<Namespace> {
  if (!targetLanguages.includes(lang)) throw new AppError('not_found', `There is no language '${lang}' to translate into.`);
  const ns = (await workspaceNamespaces(dirs)).find((n) => n.name === namespace);
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

function stringOf(dirs: Workspace, lang: string, ns: Namespace, key: string): WorkspaceString {
  return stringsOf(dirs, lang, ns).find((s) => s.key === key)!;
}

/** A language's file as it is served: the file with what was saved over it (read `current` first). */
function translationsOf(dirs: Pick<I18nDirs, 'localesDir'> & { saved: SavedTranslations }, lang: string, namespace: string) {
  const file = { lang, namespace };
  return {
    translations: dirs.saved.strings(file, readStrings(dirs.localesDir, lang, namespace)),
    status: dirs.saved.status(file, readStatus(dirs.localesDir, lang, namespace)),
  };
}

function stringsOf(dirs: Workspace, lang: string, ns: Namespace): WorkspaceString[] {
  const recordings = ns.kind === 'survey' ? servedRecordings(dirs, lang, ns.name) : {};
  const { translations, status } = translationsOf(dirs, lang, ns.name);
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

export async function workspaceFile(dirs: Workspace, input: { lang: string; namespace: string; latestVersion?: number }): Promise<WorkspaceFile> {
  const ns = await namespaceOf(dirs, input.lang, input.namespace);
  await dirs.saved.current({ lang: input.lang, namespace: ns.name });
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
 * Saves one key of a language's file for every server (the database first: a refused save changes
 * no file), then writes this machine's copy of the file as it is now served.
 */
async function saveKey(dirs: Workspace, actor: Actor, ns: Namespace, { lang, ...row }: Omit<SavedTranslation, 'namespace' | 'savedAt'>): Promise<void> {
  await dirs.saved.saveTranslations({ lang, namespace: ns.name }, [{ ...row, savedAt: actor.now() }]);
  const { translations, status } = translationsOf(dirs, lang, ns.name);
  writeTranslation(dirs.localesDir, lang, ns.name, ns.source, translations);
  writeStatus(dirs.localesDir, lang, ns.name, status);
}

/**
 * Gives a copied study's texts the translations of the study it was copied from: this machine's
 * files (where the new study has none yet) and, as they are served (the files with what was saved
 * over them), for every server; a language the new study already has a saved translation in
 * keeps it.
 */
export async function copyStudyTranslations(
  deps: { config: Pick<I18nDirs, 'localesDir'>; translations: { saved: SavedTranslations }; now: () => Date },
  { fromStudy, toStudy }: { fromStudy: string; toStudy: string },
): Promise<void> {
  const [from, to, at] = [studyNamespace(fromStudy), studyNamespace(toStudy), deps.now()];
  const dirs = { localesDir: deps.config.localesDir, saved: deps.translations.saved };
  for (const lang of targetLanguages) {
    for (const kind of ['', 'status'] as const) {
      const [source, target] = [localeFile(dirs.localesDir, lang, from, kind), localeFile(dirs.localesDir, lang, to, kind)];
      if (fs.existsSync(source) && !fs.existsSync(target)) fs.copyFileSync(source, target);
    }
  }
  for (const lang of targetLanguages) {
    const source = { lang, namespace: from };
    await dirs.saved.current(source);
    const { translations, status } = translationsOf(dirs, lang, from);
    const rows = Object.entries(translations).map(([key, text]) => ({ key, text, state: status[key]?.state ?? null, source: status[key]?.source ?? null, savedAt: at }));
    const target = { lang, namespace: to };
    await dirs.saved.current(target);
    if (rows.length > 0 && dirs.saved.revision(target) === 0) await dirs.saved.saveTranslations(target, rows);
  }
}

/**
 * Stores one translation as `translated`, made from today's Dutch text; an empty text removes
 * the translation (the key shows in Dutch again). The audit log gets who, when and which key.
 */
export async function saveTranslation(
  dirs: Workspace,
  actor: Actor,
  input: { lang: string; namespace: string; key: string; text: string },
): Promise<WorkspaceString> {
  const ns = await namespaceOf(dirs, input.lang, input.namespace);
  const source = sourceOf(ns, input.key);
  const text = input.text.trim() === '' ? '' : input.text;
  const problem = text ? translationProblem({ key: input.key, source, text }) : undefined;
  if (problem) throw new AppError('unprocessable', `Not saved: ${problem}.`);
  const saved = text ? { text, state: 'translated' as const, source: sourceHash(source) } : { text: null, state: null, source: null };
  await saveKey(dirs, actor, ns, { lang: input.lang, key: input.key, ...saved });
  await recordAudit({ ...actor, action: 'translation_save', detail: { lang: input.lang, namespace: ns.name, key: input.key } });
  return stringOf(dirs, input.lang, ns, input.key);
}

/** Stores a recording of a survey text in a language (app strings and study texts are not spoken). */
export async function recordString(dirs: Workspace, actor: Actor, input: { lang: string; namespace: string; key: string; bytes: Buffer }) {
  const ns = await namespaceOf(dirs, input.lang, input.namespace);
  if (ns.kind !== 'survey') throw new AppError('not_found', `${ns.name} is not a survey: only survey texts have recordings.`);
  return saveRecording(dirs, actor, { lang: input.lang, survey: ns.name, key: input.key, source: sourceOf(ns, input.key), bytes: input.bytes });
}

/** A reviewer accepts one translation as it is now: `reviewed`, made from today's Dutch text. */
export async function reviewTranslation(dirs: Workspace, actor: Actor, input: { lang: string; namespace: string; key: string }): Promise<WorkspaceString> {
  const ns = await namespaceOf(dirs, input.lang, input.namespace);
  const source = sourceOf(ns, input.key);
  await dirs.saved.current({ lang: input.lang, namespace: ns.name });
  const text = translationsOf(dirs, input.lang, ns.name).translations[input.key];
  if (text === undefined || text.trim() === '') throw new AppError('unprocessable', `${input.key} has no translation to review.`);
  await saveKey(dirs, actor, ns, { lang: input.lang, key: input.key, text, state: 'reviewed', source: sourceHash(source) });
  await recordAudit({ ...actor, action: 'translation_review', detail: { lang: input.lang, namespace: ns.name, key: input.key } });
  return stringOf(dirs, input.lang, ns, input.key);
}

/** A translator works only in the languages given to them, and reviews only where they are a reviewer. */
export function checkLanguageGrant(grants: LanguageGrant[], lang: string, action: 'translate' | 'review'): void {
  const grant = grants.find((g) => g.lang === lang);
  if (!grant) throw new AppError('forbidden', `You have not been given the language '${lang}'.`);
  if (action === 'review' && !grant.reviewer) throw new AppError('forbidden', `You may translate ${lang} but not review it.`);
}
