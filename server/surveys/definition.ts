/** The parts of a SurveyJS definition the server reads. Everything else passes through untouched. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ItemValue {
  value: string | number;
  text?: string;
  isExclusive?: boolean;
  [key: string]: unknown;
}

export interface ElementJson {
  type: string;
  name: string;
  elements?: ElementJson[];
  choices?: (ItemValue | string | number)[];
  rows?: (ItemValue | string | number)[];
  columns?: (ItemValue | string | number)[];
  rateValues?: (ItemValue | string | number)[];
  [key: string]: unknown;
}

export interface PageJson {
  name: string;
  elements?: ElementJson[];
  [key: string]: unknown;
}

export interface SurveyJson {
  title?: unknown;
  pages: PageJson[];
  [key: string]: unknown;
}

/** A choice, row or column as `{ value, text? }`, whichever short form the definition used. */
export function itemOf(item: ItemValue | string | number): ItemValue {
  return typeof item === 'object' ? item : { value: item };
}

export interface ElementVisit {
  element: ElementJson;
  page: PageJson;
  /** Panels around the element, outermost first. */
  panels: ElementJson[];
}

export function* walkElements(survey: SurveyJson): Generator<ElementVisit> {
  function* walk(elements: ElementJson[] | undefined, page: PageJson, panels: ElementJson[]): Generator<ElementVisit> {
    for (const element of elements ?? []) {
      yield { element, page, panels };
      if (element.elements) yield* walk(element.elements, page, [...panels, element]);
    }
  }
  for (const page of survey.pages ?? []) yield* walk(page.elements, page, []);
}

/** Element types that hold no answer of their own. */
export const containerTypes = new Set(['panel', 'html', 'image', 'expression']);

export function isQuestion(element: ElementJson): boolean {
  return !containerTypes.has(element.type);
}
