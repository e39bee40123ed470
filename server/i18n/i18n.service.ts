import { existsSync } from 'node:fs';
import { locales, sourceLocale, type Strings } from '../surveys/localization.ts';
import {
  appNamespace,
  localeFile,
  researcherNamespace,
  readContext,
  readStatus,
  readStrings,
  sourceHash,
  writeJson,
  writeStatus,
  writeStrings,
  writeTranslation,
  type ContextFile,
  type KeyStatus,
  type TranslationState,
} from './catalog.ts';
import { readRecordings, staleRecordings } from './recordings.ts';
import { reportNamespace, type NamespaceReport } from './report.ts';
import { studyContext, studyNamespace, studySourceStrings } from '../studies/study-texts.ts';
import { loadStudyTexts, loadSurveyVersions, namespaceContext, namespaceSource } from './sources.ts';
import { readXliff, writeXliff, XliffError, type XliffFile, type XliffUnit, type XliffVersion } from './xliff.ts';

export interface I18nDirs {
  surveysDir: string;
  localesDir: string;
  /** Study definitions, whose title, purpose and letter texts are translated too. */
  studiesDir?: string;
}

export interface Namespace {
  name: string;
  /** A survey's texts (which can also be recorded), a study definition's, or the app's or workspace's own. */
  kind: 'survey' | 'study' | 'app' | 'researcher';
  /** Dutch source strings as the definitions (or, for `app`, `locales/nl/app.json`) say now. */
  source: Strings;
  /** Generated context for survey namespaces; `app` keeps a hand-written one. */
  context?: ContextFile;
  /** Offered only in the languages that have its file: a translator adds a language by adding the file. */
  optional?: boolean;
}

/** Whether a language is expected to translate a namespace. */
export function offeredIn(dirs: I18nDirs, ns: Namespace, lang: string): boolean {
  return !ns.optional || existsSync(localeFile(dirs.localesDir, lang, ns.name));
}

export const targetLanguages: string[] = locales.filter((l) => l !== sourceLocale);

/**
 * Every namespace translators work on: one per survey, one per study definition (`studies`: the
 * files in `studies/` unless given), plus the app's own strings.
 */
export function listNamespaces(dirs: I18nDirs, studies = dirs.studiesDir ? loadStudyTexts(dirs.studiesDir) : []): Namespace[] {
  const namespaces: Namespace[] = [];
  for (const [id, versions] of loadSurveyVersions(dirs.surveysDir)) {
    namespaces.push({ kind: 'survey', name: id, source: namespaceSource(versions), context: namespaceContext(id, versions) });
  }
  for (const definition of studies) {
    namespaces.push({ kind: 'study', name: studyNamespace(definition.id), source: studySourceStrings(definition), context: studyContext(definition) });
  }
  if (existsSync(localeFile(dirs.localesDir, sourceLocale, appNamespace))) {
    namespaces.push({ kind: 'app', name: appNamespace, source: readStrings(dirs.localesDir, sourceLocale, appNamespace) });
  }
  if (existsSync(localeFile(dirs.localesDir, sourceLocale, researcherNamespace))) {
    namespaces.push({ kind: 'researcher', name: researcherNamespace, source: readStrings(dirs.localesDir, sourceLocale, researcherNamespace), optional: true });
  }
  return namespaces;
}

function sameStrings(a: Strings, b: Strings): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Survey namespaces whose committed Dutch source or context differs from the definitions. */
export function outdatedSources(dirs: I18nDirs, namespaces = listNamespaces(dirs)): string[] {
  return namespaces
    .filter((ns) => ns.context)
    .filter(
      (ns) =>
        !sameStrings(readStrings(dirs.localesDir, sourceLocale, ns.name), ns.source) ||
        JSON.stringify(readContext(dirs.localesDir, ns.name)) !== JSON.stringify(ns.context),
    )
    .map((ns) => ns.name);
}

/**
 * Regenerates `locales/nl/<survey>.json` and its context from the definitions, and starts
 * tracking translations the status sidecar does not know yet (as drafts made from today's Dutch
 * text), so that a later change of the Dutch text shows them as stale.
 */
export function regenerateSources(dirs: I18nDirs): { written: string[]; tracked: number } {
  const namespaces = listNamespaces(dirs);
  const written = outdatedSources(dirs, namespaces);
  for (const ns of namespaces) {
    if (!written.includes(ns.name) || !ns.context) continue;
    writeStrings(dirs.localesDir, sourceLocale, ns.name, ns.source);
    writeJson(localeFile(dirs.localesDir, sourceLocale, ns.name, 'context'), ns.context);
  }
  let tracked = 0;
  for (const lang of targetLanguages) {
    for (const ns of namespaces) {
      const translations = readStrings(dirs.localesDir, lang, ns.name);
      const status = readStatus(dirs.localesDir, lang, ns.name);
      let changed = false;
      for (const [key, text] of Object.entries(translations)) {
        const dutch = ns.source[key];
        if (status[key] || dutch === undefined || text.trim() === '') continue;
        status[key] = { state: 'draft', source: sourceHash(dutch) };
        changed = true;
        tracked++;
      }
      if (changed) writeStatus(dirs.localesDir, lang, ns.name, status);
    }
  }
  return { written, tracked };
}

/** Keys a translator would see without a word of context, per namespace. */
export function contextGaps(dirs: I18nDirs): { namespace: string; keys: string[] }[] {
  return listNamespaces(dirs)
    .map((ns) => {
      const context = ns.context ?? readContext(dirs.localesDir, ns.name);
      return { namespace: ns.name, keys: Object.keys(ns.source).filter((key) => !context[key]) };
    })
    .filter((gap) => gap.keys.length > 0);
}

export interface ReportRow extends NamespaceReport {
  lang: string;
  namespace: string;
  /** Recorded audio of survey texts, and the keys whose Dutch text changed after recording. */
  recordings: number;
  staleRecordings: string[];
}

export function i18nReport(dirs: I18nDirs, languages = targetLanguages): ReportRow[] {
  const namespaces = listNamespaces(dirs);
  return languages.flatMap((lang) =>
    namespaces.filter((ns) => offeredIn(dirs, ns, lang)).map((ns) => {
      const recordings = ns.kind === 'survey' ? readRecordings(dirs, lang, ns.name) : {};
      return {
        lang,
        namespace: ns.name,
        ...reportNamespace({
          source: ns.source,
          translations: readStrings(dirs.localesDir, lang, ns.name),
          status: readStatus(dirs.localesDir, lang, ns.name),
        }),
        recordings: Object.keys(recordings).length,
        staleRecordings: staleRecordings(recordings, ns.source),
      };
    }),
  );
}

/** `{name}` (SurveyJS) and `{{name}}` (i18next) placeholders, which a translation must keep. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^{}]+?)\s*\}\}|\{\s*([^{}]+?)\s*\}/g)].map((m) => (m[1] ? `{{${m[1]}}}` : `{${m[2]}}`)).sort();
}

/** One language as XLIFF (2.0 or 1.2): every namespace, every Dutch key, with the current translation and its state. */
export function exportXliff(dirs: I18nDirs, lang: string, version: XliffVersion = '2.0'): string {
  if (!targetLanguages.includes(lang)) throw new I18nInputError(`unknown language '${lang}' (one of ${targetLanguages.join(', ')})`);
  const files: XliffFile[] = listNamespaces(dirs).filter((ns) => offeredIn(dirs, ns, lang)).map((ns) => {
    const translations = readStrings(dirs.localesDir, lang, ns.name);
    const status = readStatus(dirs.localesDir, lang, ns.name);
    const context = ns.context ?? readContext(dirs.localesDir, ns.name);
    const units = Object.entries(ns.source).map(([key, source]): XliffUnit => {
      const target = translations[key];
      const note = context[key] ? `${context[key].where}: ${context[key].meaning}` : undefined;
      const unit: XliffUnit = { key, source, state: 'initial', ...(note ? { note } : {}) };
      if (target === undefined || target.trim() === '') return unit;
      return { ...unit, target, state: currentState(status[key], source) };
    });
    return { id: ns.name, units };
  });
  return writeXliff({ srcLang: sourceLocale, trgLang: lang, files }, version);
}

/**
 * The state a translation has now: a translation made from another Dutch text than today's goes
 * back to `draft` (its words may be out of date), so it is checked again.
 */
function currentState(status: KeyStatus | undefined, dutch: string): TranslationState {
  if (!status || status.source !== sourceHash(dutch)) return 'draft';
  return status.state;
}

export class I18nInputError extends Error {}

export type ImportResult = { ok: true; lang: string; changed: number } | { ok: false; problems: string[] };

/**
 * Reads a translator's XLIFF back. Nothing is written unless the whole file is sound: known
 * language, namespaces and keys, no empty target, every placeholder of the Dutch text kept.
 * A target that differs from the stored text is a translator's work and becomes `translated`
 * (`reviewed` when the unit says reviewed, signed-off or final); an unchanged target a person
 * marked reviewed becomes `reviewed`. Either is made from the Dutch text in the file (so it is
 * stale when that text has changed since). A stale translation is exported as a draft (to be
 * checked again), so importing an export unchanged changes nothing.
 */
export function importXliff(dirs: I18nDirs, text: string, options: { lang?: string } = {}): ImportResult {
  let document;
  try {
    document = readXliff(text, options.lang);
  } catch (error) {
    if (error instanceof XliffError) return { ok: false, problems: [error.message] };
    throw error;
  }
  const problems: string[] = [];
  const lang = document.trgLang;
  if (options.lang && options.lang !== lang) problems.push(`the file is for '${lang}', not '${options.lang}'`);
  if (document.srcLang !== sourceLocale) problems.push(`srcLang is '${document.srcLang}', the source language is '${sourceLocale}'`);
  if (!targetLanguages.includes(lang)) problems.push(`trgLang '${lang}' is not one of ${targetLanguages.join(', ')}`);
  const namespaces = new Map(listNamespaces(dirs).map((ns) => [ns.name, ns]));
  const changes: { namespace: string; key: string; target: string; source: string; state: TranslationState }[] = [];
  const seen = new Set<string>();
  for (const file of document.files) {
    const ns = namespaces.get(file.id);
    if (!ns) {
      problems.push(`unknown file '${file.id}'`);
      continue;
    }
    const known = targetLanguages.includes(lang);
    const translations = known ? readStrings(dirs.localesDir, lang, ns.name) : {};
    const status = known ? readStatus(dirs.localesDir, lang, ns.name) : {};
    for (const unit of file.units) {
      const where = `${file.id} / ${unit.key}`;
      if (seen.has(`${file.id}\u0000${unit.key}`)) problems.push(`${where}: appears twice`);
      seen.add(`${file.id}\u0000${unit.key}`);
      const dutch = ns.source[unit.key];
      if (dutch === undefined) {
        problems.push(`${where}: unknown key`);
        continue;
      }
      if (unit.target === undefined) continue;
      if (unit.target.trim() === '') {
        problems.push(`${where}: empty target (leave the target out to keep it untranslated)`);
        continue;
      }
      const expected = placeholders(dutch);
      const found = placeholders(unit.target);
      for (const p of expected) if (!found.includes(p)) problems.push(`${where}: placeholder ${p} is lost`);
      for (const p of found) if (!expected.includes(p)) problems.push(`${where}: placeholder ${p} is not in the Dutch text`);
      const stored = currentState(status[unit.key], unit.source);
      const reviewed = unit.state === 'reviewed' && stored !== 'reviewed';
      if (unit.target !== translations[unit.key] || reviewed) {
        const state = unit.state === 'reviewed' ? 'reviewed' : 'translated';
        changes.push({ namespace: ns.name, key: unit.key, target: unit.target, source: unit.source, state });
      }
    }
  }
  if (problems.length) return { ok: false, problems };
  for (const namespace of new Set(changes.map((c) => c.namespace))) {
    const translations = readStrings(dirs.localesDir, lang, namespace);
    const status = readStatus(dirs.localesDir, lang, namespace);
    const source = namespaces.get(namespace)!.source;
    for (const change of changes.filter((c) => c.namespace === namespace)) {
      translations[change.key] = change.target;
      status[change.key] = { state: change.state, source: sourceHash(change.source) };
    }
    writeTranslation(dirs.localesDir, lang, namespace, source, translations);
    writeStatus(dirs.localesDir, lang, namespace, status);
  }
  return { ok: true, lang, changed: changes.length };
}

/**
 * A reviewer who works in a text editor marks the translations they checked: the keys (all
 * translated keys of the file when none are named) become `reviewed`, made from today's Dutch text.
 */
export function markReviewed(dirs: I18nDirs, input: { lang: string; namespace: string; keys: string[] }): string[] {
  if (!targetLanguages.includes(input.lang)) throw new I18nInputError(`unknown language '${input.lang}' (one of ${targetLanguages.join(', ')})`);
  const ns = listNamespaces(dirs).find((n) => n.name === input.namespace);
  if (!ns) throw new I18nInputError(`unknown file '${input.namespace}'`);
  const translations = readStrings(dirs.localesDir, input.lang, ns.name);
  const translated = Object.keys(ns.source).filter((key) => (translations[key] ?? '').trim() !== '');
  const unknown = input.keys.filter((key) => !translated.includes(key));
  if (unknown.length) throw new I18nInputError(`not translated in ${input.lang}/${ns.name}: ${unknown.join(', ')}`);
  const keys = input.keys.length ? input.keys : translated;
  const status = readStatus(dirs.localesDir, input.lang, ns.name);
  for (const key of keys) status[key] = { state: 'reviewed', source: sourceHash(ns.source[key]!) };
  writeStatus(dirs.localesDir, input.lang, ns.name, status);
  return keys;
}
