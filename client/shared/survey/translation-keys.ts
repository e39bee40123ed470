/**
 * For translators: a copy of a definition with each string prefixed by its translation key
 * (`[health.title]`), the keys being those of the server's localization (question name and
 * property, `pages.<page>.title`, `survey.title`, `<question>.choices.<value>` ...).
 */

type Json = Record<string, unknown>;

const surveyProperties = ['title', 'description'];
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
const itemLists = ['choices', 'rows', 'columns', 'rateValues'];

function label(owner: Json, property: string, key: string): void {
  const value = owner[property];
  if (typeof value !== 'string' || value === '') return;
  owner[property] = property === 'html' ? `<p><code>[${key}]</code></p>${value}` : `[${key}] ${value}`;
}

function labelElement(element: Json): void {
  const name = String(element.name ?? '');
  for (const property of elementProperties) label(element, property, `${name}.${property}`);
  for (const list of itemLists) {
    const items = element[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (item && typeof item === 'object' && 'text' in item) label(item as Json, 'text', `${name}.${list}.${String((item as Json).value)}`);
    }
  }
  const validators = element.validators;
  if (Array.isArray(validators)) validators.forEach((validator: Json, index) => label(validator, 'text', `${name}.validators.${index}`));
  if (Array.isArray(element.elements)) for (const child of element.elements as Json[]) labelElement(child);
}

export function withTranslationKeys<T extends object>(definition: T): T {
  const copy = structuredClone(definition) as Json;
  for (const property of surveyProperties) label(copy, property, `survey.${property}`);
  for (const page of (copy.pages as Json[] | undefined) ?? []) {
    for (const property of pageProperties) label(page, property, `pages.${String(page.name)}.${property}`);
    for (const element of (page.elements as Json[] | undefined) ?? []) labelElement(element);
  }
  return copy as T;
}
