import { Serializer, type JsonObjectProperty } from 'survey-core';

/**
 * Which texts of a SurveyJS definition are translated, and under which key: survey-core's own
 * metadata decides (its Serializer marks a property `isLocalizable`), not a hand-kept list. The
 * server (source extraction, delivery in a language, the publishing check) and the client (the
 * translator's preview, keys shown in the preview) both walk definitions with this module.
 *
 * Keys: `survey.<property>`, `pages.<page>.<property>`, `<element>.<property>`,
 * `<element>.<list>.<value>` for a choice, row, column or scale point (any list of survey-core
 * item values), `<element>.validators.<index>` for a validator's message.
 *
 * A localizable property the keys cannot address (a text inside a trigger, a condition list,
 * a non-item list such as a dropdown matrix's columns, an item's image) is reported as
 * untranslatable, so publishing can refuse it instead of showing it in Dutch to everyone.
 */

type JsonObject = Record<string, unknown>;

/** Properties SurveyJS renders as HTML; everything else it renders as text. */
export const htmlProperties: ReadonlySet<string> = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml']);

export interface TextSlot {
  key: string;
  /** survey-core class and property holding the text (`radiogroup` `otherText`, `itemvalue` `text`). */
  className: string;
  property: string;
  /** The object and field that hold the text: `owner[field]`. */
  owner: JsonObject;
  field: string;
  html: boolean;
  /** The page and the element (question or panel) the text belongs to, when it belongs to one. */
  page?: string;
  element?: JsonObject;
  /** For items and validators: the list they are in (`choices`, `rows`, `validators` ...). */
  list?: string;
}

export interface UntranslatableText {
  /** Where it is: `survey`, `pages.<page>`, `<element>`, followed by the path inside. */
  where: string;
  className: string;
  property: string;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string, or survey-core's `{ default, nl, ... }` form of one. */
function holdsText(value: unknown): boolean {
  return typeof value === 'string' || (isObject(value) && Object.values(value).every((text) => typeof text === 'string'));
}

const localizableCache = new Map<string, ReadonlySet<string>>();

/** The names of a survey-core class's localizable properties (`radiogroup` -> title, otherText, ...). */
export function localizableProperties(className: string): ReadonlySet<string> {
  let names = localizableCache.get(className);
  if (!names) {
    names = new Set(Serializer.getProperties(className).filter((p) => p.isLocalizable).map((p) => p.name));
    localizableCache.set(className, names);
  }
  return names;
}

/** The class of an object in a property: its `type` (`radiogroup`, `numeric` + `validator`), else the property's class. */
function classOfItem(item: JsonObject, property: JsonObjectProperty): string | undefined {
  const type = typeof item.type === 'string' ? item.type : undefined;
  if (!type) return property.className || undefined;
  return Serializer.findClass(type) ? type : `${type}${property.classNamePart ?? ''}`;
}

interface Place {
  page?: string;
  element?: JsonObject;
}

class Walker {
  readonly slots: TextSlot[] = [];
  readonly untranslatable: UntranslatableText[] = [];

  /** One object of class `className`; `prefix` is its key prefix, undefined where no key can address its texts. */
  visit(json: JsonObject, className: string, prefix: string | undefined, where: string, place: Place): void {
    const localizable = localizableProperties(className);
    for (const [name, value] of Object.entries(json)) {
      if (localizable.has(name)) {
        if (prefix !== undefined && holdsText(value)) this.slot(`${prefix}.${name}`, className, name, json, place);
        else if (value !== undefined && value !== '') this.untranslatable.push({ where: `${where}.${name}`, className, property: name });
        continue;
      }
      const property = Serializer.findProperty(className, name);
      if (!property) continue;
      const objectClass = isObject(value) ? classOfItem(value, property) : undefined;
      if (isObject(value) && objectClass) this.visit(value, objectClass, undefined, `${where}.${name}`, place);
      if (Array.isArray(value)) this.list(name, value, property, prefix, where, place);
    }
  }

  private slot(key: string, className: string, property: string, owner: JsonObject, place: Place, list?: string): void {
    this.slots.push({ key, className, property, owner, field: property, html: htmlProperties.has(property), ...place, ...(list ? { list } : {}) });
  }

  private list(name: string, items: unknown[], property: JsonObjectProperty, prefix: string | undefined, where: string, place: Place): void {
    items.forEach((item, index) => {
      const className = isObject(item) ? classOfItem(item, property) : undefined;
      if (!isObject(item) || !className) return;
      const at = `${where}.${name}[${index}]`;
      if (name === 'pages' && typeof item.name === 'string') {
        this.visit(item, className, `pages.${item.name}`, `pages.${item.name}`, { page: item.name });
      } else if (name === 'elements' && typeof item.name === 'string') {
        this.visit(item, className, item.name, item.name, { ...place, element: item });
      } else if (prefix !== undefined && Serializer.isDescendantOf(className, 'itemvalue') && item.value !== undefined) {
        this.keyedText(item, className, `${prefix}.${name}.${String(item.value)}`, at, place, name);
      } else if (prefix !== undefined && name === 'validators') {
        this.keyedText(item, className, `${prefix}.validators.${index}`, at, place, name);
      } else {
        this.visit(item, className, undefined, at, place);
      }
    });
  }

  /** An item or validator: its `text` has a key of its own; any other localizable text of it has none. */
  private keyedText(item: JsonObject, className: string, key: string, where: string, place: Place, list: string): void {
    const { text, ...rest } = item;
    if (text !== undefined && holdsText(text)) this.slots.push({ key, className, property: 'text', owner: item, field: 'text', html: false, ...place, list });
    this.visit(rest, className, undefined, where, place);
  }
}

/**
 * Every text of a definition that survey-core can show in another language: the translatable
 * ones as slots (read and written through `owner[field]`, so a caller may localize a copy in
 * place), and those no key can address.
 */
export function surveyTexts(definition: object): { slots: TextSlot[]; untranslatable: UntranslatableText[] } {
  const walker = new Walker();
  walker.visit(definition as JsonObject, 'survey', 'survey', 'survey', {});
  return { slots: walker.slots, untranslatable: walker.untranslatable };
}

/** The Dutch (source) text of a property, whether written as a string or as `{ default, nl }`. */
export function sourceText(value: unknown, sourceLocale = 'nl'): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    const text = value[sourceLocale] ?? value.default;
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}
