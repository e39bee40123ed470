import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Model, Serializer } from 'survey-core';
import { compileAnswerRules, type AnswerRules } from './answer-rules.ts';
import { walkElements, type SurveyJson } from './definition.ts';
import { htmlProperties, surveyTexts } from '../../shared/survey-text.ts';
import { placeholdersIn, sanitizeSurveyHtml } from './html.ts';
import { FreshFiles } from '../shared/fresh-file.ts';
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
  file: string;
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

function fail(file: string, problem: string): never {
  throw new SurveyDefinitionError(file, problem);
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
  let definition: SurveyJson;
  try {
    definition = JSON.parse(fs.readFileSync(file, 'utf8')) as SurveyJson;
  } catch (error) {
    fail(file, `is not valid JSON (${(error as Error).message})`);
  }
  if (!definition || typeof definition !== 'object' || !Array.isArray(definition.pages) || definition.pages.length === 0) {
    fail(file, 'has no pages');
  }
  const names = new Set<string>();
  for (const { element, page } of walkElements(definition)) {
    if (!element.type || !Serializer.findClass(element.type)) fail(file, `element '${element.name}' on page '${page.name}' has an unknown type '${element.type}'`);
    if (!element.name) fail(file, `an element of type '${element.type}' on page '${page.name}' has no name`);
    if (names.has(element.name)) fail(file, `the name '${element.name}' is used twice`);
    if (reservedKeys.has(element.name)) fail(file, `the name '${element.name}' is reserved for translation keys`);
    names.add(element.name);
  }
  const unusableNames = definitionNameProblems(definition);
  if (unusableNames.length > 0) fail(file, `${unusableNames.join('; ')}: exports (SPSS, R, CSV) could not use ${unusableNames.length === 1 ? 'it' : 'them'}`);
  const model = new Model(definition);
  const jsonError = model.jsonErrors?.[0];
  if (jsonError) fail(file, jsonError.message);
  const untranslatable = surveyTexts(definition).untranslatable[0];
  if (untranslatable) {
    fail(
      file,
      `'${untranslatable.where}' uses the text property '${untranslatable.property}' (of ${untranslatable.className}), which respondents would see in Dutch: the platform has no translation key for it; put the text in a property that has one (title, description, a choice ...)`,
    );
  }
  const piped = findPipedHtml(definition);
  if (piped) fail(file, piped);
  sanitizeHtmlProperties(definition);
  let rules: AnswerRules;
  try {
    rules = compileAnswerRules(definition);
  } catch (error) {
    fail(file, (error as Error).message);
  }
  return { id, version, file, definition, rules, sourceStrings: extractSourceStrings(definition) };
}

export class SurveyRegistry {
  private readonly versions = new Map<string, SurveyVersion>();
  /** `locales/<lang>/<survey>.json`, read again when a translator or an import changes it. */
  private readonly translations = new FreshFiles<Strings>((text) => flattenStrings(JSON.parse(text)));
  private readonly localized = new Map<string, LocalizedSurvey & { translations: string }>();

  constructor(
    versions: SurveyVersion[],
    private readonly localesDir: string,
  ) {
    for (const v of versions) this.versions.set(`${v.id}@${v.version}`, v);
  }

  get(id: string, version: number): SurveyVersion | undefined {
    return this.versions.get(`${id}@${version}`);
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
    const file = locale === sourceLocale ? undefined : this.translations.read(path.join(this.localesDir, locale, `${surveyId}.json`));
    return localizeDefinition(definition, file?.value ?? {}, locale);
  }

  /**
   * The definition in one language (Dutch where a translation is missing), serialised once per
   * state of its translation file: an edited translation is served from the next request on.
   */
  localize(survey: SurveyVersion, locale: string): LocalizedSurvey {
    const key = `${survey.id}@${survey.version}/${locale}`;
    const file = locale === sourceLocale ? undefined : this.translations.read(path.join(this.localesDir, locale, `${survey.id}.json`));
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
