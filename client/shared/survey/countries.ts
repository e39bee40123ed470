import type { PageModel, Question, SurveyModel } from 'survey-core';
import { whenIdle } from '../load-survey.ts';

/**
 * Country questions (`choices`: bare ISO 3166-1 alpha-2 codes, the common ones first, plus
 * `unknown`) get their names from `Intl.DisplayNames` in the respondent's language. The common
 * block keeps the definition's order; the rest, which the definition lists in code order, is
 * sorted by name for that language. Call `loadRegionNames(language)` first where the browser
 * may not know the language.
 */

type Namer = (code: string) => string;

/** Languages whose country names some browsers lack; their names are generated at build time. */
const bundledNames: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  ti: () => import('virtual:region-names/ti'),
};

const namers = new Map<string, Namer>();

/** Country names in `language`: the browser's Intl where it knows the language, else the bundled table. */
export async function loadRegionNames(language: string): Promise<Namer> {
  const known = namers.get(language);
  if (known) return known;
  let namer: Namer;
  const bundled = bundledNames[language];
  if (Intl.DisplayNames.supportedLocalesOf([language]).length === 0 && bundled) {
    const table = (await bundled()).default;
    namer = (code) => table[code] ?? code;
  } else {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    namer = (code) => names.of(code) ?? code;
  }
  namers.set(language, namer);
  return namer;
}

function namerFor(language: string): Namer {
  const loaded = namers.get(language);
  if (loaded) return loaded;
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  return (code) => names.of(code) ?? code;
}

type Choice = string | number | { value: string | number; text?: unknown; [key: string]: unknown };

const isoCode = /^[A-Z]{2}$/;

function isBareCountry(choice: Choice): choice is string {
  return typeof choice === 'string' && isoCode.test(choice);
}

/** Index where the code-ordered rest begins: the longest tail of countries in ascending code order. */
export function restStart(codes: readonly string[]): number {
  let start = codes.length - 1;
  while (start > 0 && codes[start - 1]! < codes[start]!) start--;
  return Math.max(start, 0);
}

/** Fewer bare codes than this is a list of a few countries, named by the definition itself. */
const minCountries = 20;

export function localizeCountryChoices(choices: readonly Choice[], language: string): Choice[] {
  const countries = choices.filter(isBareCountry);
  if (countries.length < minCountries) return [...choices];
  const name = namerFor(language);
  const collator = new Intl.Collator(language);
  const named = (code: string) => ({ value: code, text: name(code) });
  const split = restStart(countries);
  const common = countries.slice(0, split).map(named);
  const rest = countries
    .slice(split)
    .map(named)
    .sort((a, b) => collator.compare(a.text, b.text));
  const firstCountry = choices.findIndex(isBareCountry);
  const leading = choices.slice(0, firstCountry);
  const trailing = choices.slice(firstCountry).filter((choice) => !isBareCountry(choice));
  return [...leading, ...common, ...rest, ...trailing];
}

interface Element {
  type?: unknown;
  name?: unknown;
  choices?: unknown;
  elements?: unknown;
  templateElements?: unknown;
  [key: string]: unknown;
}

/** A definition whose country dropdowns have no choices yet, and what names them on a model made from it. */
export interface CountriesLater<T> {
  definition: T;
  /** Names the current page's country dropdowns now, each other one before its page shows or when the browser is idle; returns a function that stops. */
  nameOnDemand: (model: SurveyModel) => () => void;
}

/**
 * Country dropdowns named in `language` only when needed: a model with their 250 named choices
 * each took twice as long to make (a second on a cheap phone), while the first page a person sees
 * seldom has one. A copy of the definition without them is made into the model, and
 * `nameOnDemand` gives each its choices before its page shows, and the rest once the browser is idle.
 */
export function countriesLater<T extends { pages?: unknown }>(definition: T, language: string): CountriesLater<T> {
  const copy = structuredClone(definition);
  const waiting = new Map<string, Choice[]>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Element[]) {
      if (element.type === 'dropdown' && typeof element.name === 'string' && Array.isArray(element.choices) && element.choices.filter(isBareCountry).length >= minCountries) {
        waiting.set(element.name, element.choices as Choice[]);
        element.choices = [];
      }
      visit(element.elements);
      visit(element.templateElements);
    }
  };
  if (Array.isArray(copy.pages)) for (const page of copy.pages as Element[]) visit(page.elements);

  const nameOnDemand = (model: SurveyModel) => {
    const name = (question: Question) => {
      const choices = waiting.get(question.name);
      if (!choices) return;
      waiting.delete(question.name);
      question.choices = localizeCountryChoices(choices, language);
    };
    const nameOn = (page: PageModel | null | undefined) => page?.questions.forEach(name);
    nameOn(model.currentPage);
    const beforePage = (_: SurveyModel, options: { newCurrentPage: PageModel }) => nameOn(options.newCurrentPage);
    model.onCurrentPageChanging.add(beforePage);
    let cancelIdle = () => {};
    const nameNext = () => {
      const next = [...waiting.keys()].map((questionName) => model.getQuestionByName(questionName)).find(Boolean);
      if (!next) return;
      name(next);
      cancelIdle = whenIdle(nameNext, 2000);
    };
    cancelIdle = whenIdle(nameNext, 2000);
    return () => {
      cancelIdle();
      model.onCurrentPageChanging.remove(beforePage);
    };
  };
  return { definition: copy, nameOnDemand };
}
