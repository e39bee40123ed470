import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Model, Serializer } from 'survey-core';
import { compileAnswerRules, type AnswerRules } from './answer-rules.ts';
import { walkElements, type SurveyJson } from './definition.ts';
import { htmlProperties, surveyTexts } from '../../shared/survey-text.ts';
import { placeholdersIn, sanitizeSurveyHtml } from './html.ts';
import { FreshFiles } from '../shared/fresh-file.ts';
import { everyInterval, onceAtATime, type PollLog } from '../shared/poll.ts';
import type { SurveyVersionsRepository } from './survey-versions.repository.pg.ts';
import type { PublishedVersion } from './survey-versions.repository.ts';
import { definitionNameProblems } from './variable-names.ts';
import { extractSourceStrings, flattenStrings, localizeDefinition, reservedKeys, sourceLocale, type Strings } from './localization.ts';

export class SurveyDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export interface SurveyVersion {
  id: string;
  version: number;
  /** Where it was read from, for messages: its file, or the database. */
  source: string;
  definition: SurveyJson;
  rules: AnswerRules;
  sourceStrings: Strings;
}

export interface LocalizedSurvey {
  body: string;
  /** Content hash: the strong ETag, and the `h` that makes a cached copy immutable. */
  hash: string;
}

const versionFile = /^(\d+)\.json$/;

function fail(source: string, problem: string): never {
  throw new SurveyDefinitionError(source, problem);
}

function sanitizeHtmlProperties(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(sanitizeHtmlProperties);
  if (!node || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(object)) {
    if (htmlProperties.has(key) && typeof value === 'string') object[key] = sanitizeSurveyHtml(value);
    else sanitizeHtmlProperties(value);
  }
}

function findPipedHtml(node: unknown): string | undefined {
  if (Array.isArray(node)) return node.map(findPipedHtml).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (htmlProperties.has(key) && typeof value === 'string' && placeholdersIn(value).length > 0) {
      return `'${key}' pipes {${placeholdersIn(value)[0]}} into HTML, where it would not be encoded; show answers in text properties instead`;
    }
    const nested = findPipedHtml(value);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Reads and checks one definition: JSON, survey-core's own errors (unknown properties, wrong
 * property types), and what survey-core lets pass silently (unknown question types, duplicate
 * names, names exports could not use as variable names, texts no translation key can reach,
 * answer piping into HTML).
 */
export function loadSurveyVersion(file: string, id: string, version: number): SurveyVersion {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    fail(file, `cannot be read (${(error as Error).message})`);
  }
  return checkSurveyVersion(text, file, id, version);
}

/** The checks of `loadSurveyVersion` on a definition's JSON text; `source` names it in a problem. */
export function checkSurveyVersion(text: string, source: string, id: string, version: number): SurveyVersion {
  let definition: SurveyJson;
  try {
    definition = JSON.parse(text) as SurveyJson;
  } catch (error) {
    fail(source, `is not valid JSON (${(error as Error).message})`);
  }
  if (!definition || typeof definition !== 'object' || !Array.isArray(definition.pages) || definition.pages.length === 0) {
    fail(source, 'has no pages');
  }
  const names = new Set<string>();
  for (const { element, page } of walkElements(definition)) {
    if (!element.type || !Serializer.findClass(element.type)) fail(source, `element '${element.name}' on page '${page.name}' has an unknown type '${element.type}'`);
    if (!element.name) fail(source, `an element of type '${element.type}' on page '${page.name}' has no name`);
    if (names.has(element.name)) fail(source, `the name '${element.name}' is used twice`);
    if (reservedKeys.has(element.name)) fail(source, `the name '${element.name}' is reserved for translation keys`);
    names.add(element.name);
  }
  const unusableNames = definitionNameProblems(definition);
  if (unusableNames.length > 0) fail(source, `${unusableNames.join('; ')}: exports (SPSS, R, CSV) could not use ${unusableNames.length === 1 ? 'it' : 'them'}`);
  const model = new Model(definition);
  const jsonError = model.jsonErrors?.[0];
  if (jsonError) fail(source, jsonError.message);
  const untranslatable = surveyTexts(definition).untranslatable[0];
  if (untranslatable) {
    fail(
      source,
      `'${untranslatable.where}' uses the text property '${untranslatable.property}' (of ${untranslatable.className}), which respondents would see in Dutch: the platform has no translation key for it; put the text in a property that has one (title, description, a choice ...)`,
    );
  }
  const piped = findPipedHtml(definition);
  if (piped) fail(source, piped);
  sanitizeHtmlProperties(definition);
  let rules: AnswerRules;
  try {
    rules = compileAnswerRules(definition);
  } catch (error) {
    fail(source, (error as Error).message);
  }
  return { id, version, source, definition, rules, sourceStrings: extractSourceStrings(definition) };
}

/** A published definition's JSON text in one canonical form, to tell whether two copies are the same version. */
const canonicalJson = (text: string): string => JSON.stringify(JSON.parse(text));

/** A survey's translations in a language as served (`etag` changes with them). */
export interface SurveyTranslations {
  read(lang: string, surveyId: string): { value: Strings; etag: string } | undefined;
}

/** `locales/<lang>/<survey>.json` alone, read again when it changes: what a registry serves until it follows the database. */
function translationFiles(localesDir: string): SurveyTranslations {
  const files = new FreshFiles<Strings>((text) => flattenStrings(JSON.parse(text)));
  return { read: (lang, surveyId) => files.read(path.join(localesDir, lang, `${surveyId}.json`)) };
}

export class SurveyRegistry {
  private readonly versions = new Map<string, SurveyVersion>();
  private readonly localized = new Map<string, LocalizedSurvey & { translations: string }>();

  constructor(
    versions: SurveyVersion[],
    private readonly localesDir: string,
    /** The versions published while the platform runs, shared by every server on the database; absent, only `versions` are served. */
    private readonly published?: SurveyVersionsRepository,
    /** `locales/<lang>/<survey>.json`, read again when a translator or an import changes it, with what was saved in the workspace over it. */
    private readonly translations: SurveyTranslations = translationFiles(localesDir),
  ) {
    for (const v of versions) this.versions.set(`${v.id}@${v.version}`, v);
  }

  /**
   * These versions together with those published in the database (by this server, another one or
   * the command line), checked as files are. A version that is both a file here and in the
   * database must be the same definition: two servers must never serve different questions under
   * one number. Translations come from `translations` from then on (the files with what was saved
   * in the workspace over them).
   */
  async following(published: SurveyVersionsRepository, translations: SurveyTranslations = this.translations): Promise<SurveyRegistry> {
    const registry = new SurveyRegistry(this.list(), this.localesDir, published, translations);
    for (const key of await published.keys()) {
      const installed = registry.get(key.surveyId, key.version);
      const row = installed && (await published.find(key));
      if (row && canonicalJson(fs.readFileSync(installed.source, 'utf8')) !== canonicalJson(row.definition)) {
        throw new SurveyDefinitionError(installed.source, `differs from version ${key.version} of ${key.surveyId} as published in the database; a published version never changes: restore the file from the database or give it a new number`);
      }
    }
    await registry.refresh();
    return registry;
  }

  /**
   * Starts serving the versions published in the database since the last look (by another server
   * or the command line); answers those it added. Looks once at a time however many ask.
   */
  readonly refresh: () => Promise<SurveyVersion[]> = onceAtATime(() => this.readPublished());

  private async readPublished(): Promise<SurveyVersion[]> {
    if (!this.published) return [];
    const added: SurveyVersion[] = [];
    for (const key of await this.published.keys()) {
      if (this.get(key.surveyId, key.version)) continue;
      const row = await this.published.find(key);
      if (row && !this.get(key.surveyId, key.version)) added.push(this.install(row));
    }
    return added;
  }

  private install(row: PublishedVersion): SurveyVersion {
    const survey = checkSurveyVersion(row.definition, `version ${row.version} of ${row.surveyId} in the database`, row.surveyId, row.version);
    this.versions.set(`${survey.id}@${survey.version}`, survey);
    return survey;
  }

  /** Records a version as published for every server on the database; false when its number was taken meanwhile. */
  async recordPublished(survey: SurveyVersion, definition: string, at: Date): Promise<boolean> {
    if (!this.published) throw new Error('this registry does not follow a database: publishing needs one');
    return this.published.insert({ surveyId: survey.id, version: survey.version, definition, publishedAt: at });
  }

  get(id: string, version: number): SurveyVersion | undefined {
    return this.versions.get(`${id}@${version}`);
  }

  /** `get`, and for a version this server does not know yet, a look in the database first (another server may have just published it). */
  async find(id: string, version: number): Promise<SurveyVersion | undefined> {
    const known = this.get(id, version);
    if (known || !this.published) return known;
    const row = await this.published.find({ surveyId: id, version });
    return row && (this.get(id, version) ?? this.install(row));
  }

  list(): SurveyVersion[] {
    return [...this.versions.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }

  latest(id: string): SurveyVersion | undefined {
    return this.list().filter((v) => v.id === id).at(-1);
  }

  /** Serves one more version from now on (see `publishSurveyVersion`); an installed version is never replaced. */
  add(survey: SurveyVersion): void {
    const key = `${survey.id}@${survey.version}`;
    if (this.versions.has(key)) throw new Error(`${key} is already installed`);
    this.versions.set(key, survey);
  }

  /** A definition not published yet, in one language with the survey's translations so far: for a preview before publishing. */
  localizeUnpublished(surveyId: string, definition: SurveyJson, locale: string): SurveyJson {
    const file = locale === sourceLocale ? undefined : this.translations.read(locale, surveyId);
    return localizeDefinition(definition, file?.value ?? {}, locale);
  }

  /**
   * The definition in one language (Dutch where a translation is missing), serialised once per
   * state of its translation file: an edited translation is served from the next request on.
   */
  localize(survey: SurveyVersion, locale: string): LocalizedSurvey {
    const key = `${survey.id}@${survey.version}/${locale}`;
    const file = locale === sourceLocale ? undefined : this.translations.read(locale, survey.id);
    const translations = file?.etag ?? '';
    let cached = this.localized.get(key);
    if (cached?.translations !== translations) {
      const body = JSON.stringify(localizeDefinition(survey.definition, file?.value ?? {}, locale));
      cached = { body, hash: createHash('sha256').update(body).digest('base64url').slice(0, 22), translations };
      this.localized.set(key, cached);
    }
    return cached;
  }
}

/** Loads every `surveys/<id>/<version>.json`; the first broken definition stops everything. */
export function loadSurveyRegistry(surveysDir: string, localesDir: string): SurveyRegistry {
  const versions: SurveyVersion[] = [];
  for (const id of fs.readdirSync(surveysDir).sort()) {
    const dir = path.join(surveysDir, id);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const match = versionFile.exec(name);
      if (match) versions.push(loadSurveyVersion(path.join(dir, name), id, Number(match[1])));
    }
  }
  return new SurveyRegistry(versions, localesDir);
}

/**
 * Looks in the database every `intervalMs` for versions published on another server (or with the
 * command line) and serves them from then on; answers the function that stops looking. A poll and
 * not LISTEN/NOTIFY: a listening connection is a session, which PgBouncer in transaction mode does
 * not keep, and SQLite has no notifications at all.
 */
export function followPublishedVersions(surveys: SurveyRegistry, { intervalMs, log }: { intervalMs: number; log: PollLog }): () => void {
  return everyInterval(
    intervalMs,
    async () => {
      for (const survey of await surveys.refresh()) log.info({ surveyId: survey.id, version: survey.version }, 'serving a survey version published elsewhere');
    },
    (error) => log.warn({ problem: error.message }, 'could not read the survey versions published elsewhere'),
  );
}
