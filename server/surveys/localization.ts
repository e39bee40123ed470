import { htmlProperties, sanitizeSurveyHtml } from './html.ts';
import { itemOf, type ElementJson, type ItemValue, type SurveyJson } from './definition.ts';

/**
 * Translation keys are question names and properties (`health.title`,
 * `participation_difficulty.choices.bit_difficult`), plus `survey.*` and `pages.<name>.*`.
 * The Dutch text inline in the definition is the source; a missing translation falls back to it.
 */

export const sourceLocale = 'nl';
export const locales = ['nl', 'en', 'ar', 'tr', 'ti'] as const;
export type Locale = (typeof locales)[number];
export const rightToLeft: ReadonlySet<string> = new Set(['ar']);

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

export const reservedKeys = new Set(['survey', 'pages']);

const surveyProperties = ['title', 'description', 'completedHtml', 'completedBeforeHtml', 'loadingHtml'];
const pageProperties = ['title', 'description'];
const elementProperties = [
  'title',
  'description',
  'placeholder',
  'html',
  'labelTrue',
  'labelFalse',
  'otherText',
  'otherPlaceholder',
  'noneText',
  'commentText',
  'requiredErrorText',
  'minRateDescription',
  'maxRateDescription',
];
const itemLists = ['choices', 'rows', 'columns', 'rateValues'] as const;

export type Strings = Record<string, string>;

/** The Dutch text of a property, whether written as a string or as `{ default, nl }`. */
function sourceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localized = value as Record<string, unknown>;
    const text = localized[sourceLocale] ?? localized.default;
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}

interface Slot {
  key: string;
  read: () => unknown;
  write: (text: string) => void;
  html: boolean;
}

function* propertySlots(prefix: string, owner: Record<string, unknown>, names: string[]): Generator<Slot> {
  for (const name of names) {
    if (owner[name] === undefined) continue;
    yield { key: `${prefix}.${name}`, read: () => owner[name], write: (t) => (owner[name] = t), html: htmlProperties.has(name) };
  }
}

function* elementSlots(element: ElementJson): Generator<Slot> {
  yield* propertySlots(element.name, element, elementProperties);
  for (const list of itemLists) {
    const items = element[list];
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const item: ItemValue = itemOf(items[i]!);
      if (item.text === undefined) continue;
      items[i] = item;
      yield { key: `${element.name}.${list}.${item.value}`, read: () => item.text, write: (t) => (item.text = t), html: false };
    }
  }
  const validators = element.validators;
  if (Array.isArray(validators)) {
    for (let i = 0; i < validators.length; i++) {
      const validator = validators[i] as Record<string, unknown>;
      if (validator.text === undefined) continue;
      yield { key: `${element.name}.validators.${i}`, read: () => validator.text, write: (t) => (validator.text = t), html: false };
    }
  }
  for (const child of element.elements ?? []) yield* elementSlots(child);
}

function* slots(survey: SurveyJson): Generator<Slot> {
  yield* propertySlots('survey', survey, surveyProperties);
  for (const page of survey.pages) {
    yield* propertySlots(`pages.${page.name}`, page, pageProperties);
    for (const element of page.elements ?? []) yield* elementSlots(element);
  }
}

/** Every translatable string of a definition, keyed, with its Dutch source text. */
export function extractSourceStrings(survey: SurveyJson): Strings {
  const strings: Strings = {};
  for (const slot of slots(structuredClone(survey))) {
    const text = sourceText(slot.read());
    if (text !== undefined && text !== '') strings[slot.key] = text;
  }
  return strings;
}

/** i18next JSON v4 may nest keys; the platform works with flat dotted keys. */
export function flattenStrings(tree: unknown, prefix = '', into: Strings = {}): Strings {
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) flattenStrings(value, prefix ? `${prefix}.${key}` : key, into);
  } else if (typeof tree === 'string' && prefix) {
    into[prefix] = tree;
  }
  return into;
}

/** Builds the nested i18next JSON a translator edits from flat keys. */
export function nestStrings(strings: Strings): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(strings)) {
    const parts = key.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = text;
  }
  return tree;
}

/**
 * The definition in one language: every string replaced by its translation, or left in Dutch.
 * HTML properties are sanitised after merging, so a script in a translation shows as text.
 */
export function localizeDefinition(survey: SurveyJson, translations: Strings, locale: string): SurveyJson {
  const localized = structuredClone(survey);
  for (const slot of slots(localized)) {
    const source = sourceText(slot.read()) ?? '';
    const translated = translations[slot.key];
    const text = translated && translated.trim() !== '' ? translated : source;
    slot.write(slot.html ? sanitizeSurveyHtml(text) : text);
  }
  localized.locale = locale;
  return localized;
}
