import { countries, unknownCountryCode } from '../classification/countries.ts';
import type { Answers, DerivedValues, RegisterRecord } from '../classification/derived-variables.ts';
import type { Study } from '../studies/study-registry.ts';
import type { ValueLabelDeclaration } from '../studies/study-definition.ts';
import { isQuestion, itemOf, walkElements, type ElementJson, type ItemValue, type SurveyJson } from '../surveys/definition.ts';

/**
 * The catalogue of exported variables, built from the survey versions a study uses and its
 * definition (register columns, derived variables, missing values) alone. Column names are the
 * question names; a checkbox becomes one 0/1 column per value
 * (`discrimination_grounds__religion`), a matrix one column per row (`self_reliance__finances`),
 * an `other` choice with a text field also a text column (`cultural_background__other_text`).
 * Exports, the codebook and the SPSS and R syntax are all written from this one catalogue.
 */

export type Lang = 'nl' | 'en';
export type Text = Record<Lang, string>;
export type Cell = string | number | null;
export type Kind = 'numeric' | 'binary' | 'categorical' | 'country' | 'text' | 'datetime';

export interface ValueLabel {
  value: string | number;
  /** The numeric code used in SPSS and Stata. */
  code: number;
  label: Text;
  missing: boolean;
}

export interface SurveyRef {
  wave: string;
  surveyId: string;
  version: number;
}

/** One response as the exports see it. */
export interface ResponseRecord {
  pseudonym: string | null;
  wave: string;
  surveyId: string;
  surveyVersion: number;
  locale: string;
  channel: string;
  startedAt: Date;
  completedAt: Date | null;
  answers: Answers;
  derived: DerivedValues;
  register: RegisterRecord | null;
}

export interface Variable {
  name: string;
  kind: Kind;
  /** `response`: about the response itself; `answer`; `derived`; `register`; `participant`: one value per person. */
  origin: 'response' | 'answer' | 'derived' | 'register' | 'participant';
  label: Text;
  values: ValueLabel[];
  /** Survey versions (and waves) where the question appears; empty for variables that are not questions. */
  appearsIn: SurveyRef[];
  derivation?: string;
  /** Decimals shown for a numeric variable that is not a whole number (SPSS format). */
  decimals?: number;
  /** In the wide layout: one column per wave (`t0_health`), or one per participant (`migration_group`). */
  perWave: boolean;
  /** Present in the long layout, the wide layout, or both. */
  layouts: readonly ('long' | 'wide')[];
  read(response: ResponseRecord): Cell;
}

export interface SurveyInput extends SurveyRef {
  definition: SurveyJson;
  /** The same definition with English texts (Dutch where no translation exists). */
  english: SurveyJson;
}


function textOf(value: unknown, lang: Lang): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localized = value as Record<string, unknown>;
    const text = localized[lang] ?? localized.default ?? localized.nl;
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}

function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function titleOf(element: ElementJson | undefined, fallback: string, lang: Lang): string {
  return plain(textOf(element?.title, lang) ?? fallback);
}

function elementsByName(survey: SurveyJson): Map<string, ElementJson> {
  const map = new Map<string, ElementJson>();
  for (const { element } of walkElements(survey)) if (isQuestion(element)) map.set(element.name, element);
  return map;
}

const regionNames: Record<Lang, Intl.DisplayNames> = {
  nl: new Intl.DisplayNames(['nl'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

const yesNo: ValueLabel[] = [
  { value: 1, code: 1, label: { nl: 'ja', en: 'yes' }, missing: false },
  { value: 0, code: 0, label: { nl: 'nee', en: 'no' }, missing: false },
];
const tickedLabels: ValueLabel[] = [
  { value: 1, code: 1, label: { nl: 'aangevinkt', en: 'ticked' }, missing: false },
  { value: 0, code: 0, label: { nl: 'niet aangevinkt', en: 'not ticked' }, missing: false },
];

let countryLabels: ValueLabel[] | undefined;

/** Every country with its ISO numeric code and its name from Intl.DisplayNames, then `unknown`; built once. */
export function countryValues(): ValueLabel[] {
  countryLabels ??= [
    ...[...countries.values()].map((c) => ({
      value: c.alpha2,
      code: c.numeric,
      label: { nl: regionNames.nl.of(c.alpha2) ?? c.alpha2, en: regionNames.en.of(c.alpha2) ?? c.alpha2 },
      missing: false,
    })),
    { value: 'unknown', code: unknownCountryCode, label: { nl: 'onbekend', en: 'unknown' }, missing: true },
  ];
  return countryLabels;
}

function stringValues(values: readonly string[]): ValueLabel[] {
  return values.map((value, i) => ({ value, code: i + 1, label: { nl: value, en: value }, missing: false }));
}

const textOfLabel = (label: { nl: string; en?: string | undefined }): Text => ({ nl: label.nl, en: label.en ?? label.nl });

/** Declared values with codes 1, 2, ... in their order (or the value itself when every value is a number). */
function declaredValues(values: readonly ValueLabelDeclaration[]): ValueLabel[] {
  const numeric = values.every((v) => typeof v.value === 'number');
  return values.map((v, i) => ({ value: v.value, code: numeric ? Number(v.value) : i + 1, label: textOfLabel(v.label), missing: v.missing === true }));
}

function booleanCell(value: unknown): Cell {
  return value === true ? 1 : value === false ? 0 : null;
}

function scalarCell(value: unknown): Cell {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

function numberCell(value: unknown): Cell {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Choices of an element as items, including SurveyJS's own `other` and `none` items. */
function choiceItems(element: ElementJson): ItemValue[] {
  const items = (element.choices ?? []).map(itemOf);
  if (element.showNoneItem && !items.some((i) => i.value === 'none')) items.push({ value: 'none', text: textOf(element.noneText, 'nl') ?? 'Geen' });
  if (element.showOtherItem && !items.some((i) => i.value === 'other')) items.push({ value: 'other', text: textOf(element.otherText, 'nl') ?? 'Anders' });
  return items;
}

function itemText(items: ItemValue[], value: string | number, lang: Lang): string {
  const item = items.find((i) => i.value === value);
  return plain(textOf(item?.text, lang) ?? String(value));
}

/** A variable being assembled from one or more survey versions. */
interface Draft {
  variable: Variable;
  /** The question the variable comes from (its missing values are declared by question). */
  question: string;
  /** Values in order of first appearance, with their texts. */
  choices: Map<string | number, Text>;
  codeFromValue: boolean;
}

function answerVariable(name: string, kind: Kind, label: Text, read: (answers: Answers) => Cell): Variable {
  return { name, kind, origin: 'answer', label, values: [], appearsIn: [], perWave: true, layouts: ['long', 'wide'], read: (r) => read(r.answers) };
}

function draftsFor(element: ElementJson, english: ElementJson | undefined, countryQuestions: ReadonlySet<string>): { draft: Draft; items?: [ItemValue[], ItemValue[]] }[] {
  const name = element.name;
  const label: Text = { nl: titleOf(element, name, 'nl'), en: titleOf(english, titleOf(element, name, 'nl'), 'en') };
  const items = choiceItems(element);
  const englishItems = english ? choiceItems(english) : items;
  const drafts: { draft: Draft; items?: [ItemValue[], ItemValue[]] }[] = [];
  const draft = (variable: Variable, codeFromValue = false, withItems?: [ItemValue[], ItemValue[]]) =>
    drafts.push({ draft: { variable, question: name, choices: new Map(), codeFromValue }, items: withItems });
  const commentKey = `${name}-Comment`;
  const otherText = () =>
    draft(
      answerVariable(`${name}__other_text`, 'text', { nl: `${label.nl} (anders, namelijk)`, en: `${label.en} (other, namely)` }, (a) => scalarCell(a[commentKey])),
    );

  switch (element.type) {
    case 'boolean':
      draft({ ...answerVariable(name, 'binary', label, (a) => booleanCell(a[name])), values: yesNo });
      break;
    case 'rating':
      draft(answerVariable(name, 'numeric', label, (a) => numberCell(a[name])));
      break;
    case 'text':
      if (element.inputType === 'number') draft(answerVariable(name, 'numeric', label, (a) => numberCell(a[name])));
      else draft(answerVariable(name, 'text', label, (a) => scalarCell(a[name])));
      break;
    case 'comment':
      draft(answerVariable(name, 'text', label, (a) => scalarCell(a[name])));
      break;
    case 'radiogroup':
    case 'dropdown':
      if (countryQuestions.has(name)) {
        draft({ ...answerVariable(name, 'country', label, (a) => scalarCell(a[name])), values: countryValues() });
      } else {
        draft(answerVariable(name, 'categorical', label, (a) => scalarCell(a[name])), false, [items, englishItems]);
        if (element.showOtherItem) otherText();
      }
      break;
    case 'checkbox':
    case 'tagbox':
      for (const item of items) {
        const value = item.value;
        const itemLabel: Text = { nl: `${label.nl} – ${itemText(items, value, 'nl')}`, en: `${label.en} – ${itemText(englishItems, value, 'en')}` };
        draft({
          ...answerVariable(`${name}__${value}`, 'binary', itemLabel, (a) => {
            const ticked = a[name];
            return Array.isArray(ticked) && ticked.length > 0 ? (ticked.includes(value) ? 1 : 0) : null;
          }),
          values: tickedLabels,
        });
      }
      if (element.showOtherItem) otherText();
      break;
    case 'matrix': {
      const rows = (element.rows ?? []).map(itemOf);
      const englishRows = english ? (english.rows ?? []).map(itemOf) : rows;
      const columns = (element.columns ?? []).map(itemOf);
      const englishColumns = english ? (english.columns ?? []).map(itemOf) : columns;
      const numericColumns = columns.every((c) => typeof c.value === 'number' || /^\d+$/.test(String(c.value)));
      for (const row of rows) {
        const rowLabel: Text = { nl: `${label.nl} – ${itemText(rows, row.value, 'nl')}`, en: `${label.en} – ${itemText(englishRows, row.value, 'en')}` };
        const read = (a: Answers) => {
          const matrix = a[name];
          if (!matrix || typeof matrix !== 'object' || Array.isArray(matrix)) return null;
          const cell = (matrix as Record<string, unknown>)[String(row.value)];
          return numericColumns ? numberCell(cell) : scalarCell(cell);
        };
        draft(answerVariable(`${name}__${row.value}`, numericColumns ? 'numeric' : 'categorical', rowLabel, read), numericColumns, [columns, englishColumns]);
      }
      break;
    }
    default:
      draft(answerVariable(name, 'text', label, (a) => (a[name] === undefined || a[name] === null ? null : JSON.stringify(a[name]))));
  }
  return drafts;
}

function responseVariables(): Variable[] {
  const v = (name: string, kind: Kind, label: Text, read: (r: ResponseRecord) => Cell, layouts: Variable['layouts'] = ['long', 'wide']): Variable => ({
    name,
    kind,
    origin: 'response',
    label,
    values: [],
    appearsIn: [],
    perWave: true,
    layouts,
    read,
  });
  return [
    v('survey_version', 'numeric', { nl: 'Versie van de vragenlijst', en: 'Survey version' }, (r) => r.surveyVersion),
    v('locale', 'text', { nl: 'Taal waarin de vragenlijst is ingevuld', en: 'Language the survey was answered in' }, (r) => r.locale),
    v('channel', 'text', { nl: 'Kanaal (web of kiosk)', en: 'Channel (web or kiosk)' }, (r) => r.channel),
    v('started_at', 'datetime', { nl: 'Begonnen (UTC)', en: 'Started (UTC)' }, (r) => r.startedAt.toISOString().slice(0, 19).replace('T', ' ')),
    v('completed_at', 'datetime', { nl: 'Afgerond (UTC)', en: 'Completed (UTC)' }, (r) => r.completedAt?.toISOString().slice(0, 19).replace('T', ' ') ?? null),
  ];
}

function derivedVariables(study: Study): Variable[] {
  return (study.definition.derived ?? []).map((d) => {
    const perWave = d.level !== 'participant';
    const kind: Kind = d.type;
    return {
      name: d.name,
      kind,
      origin: perWave ? 'derived' : 'participant',
      label: textOfLabel(d.label),
      values: d.type === 'binary' ? yesNo : d.values ? declaredValues(d.values) : [],
      appearsIn: [],
      derivation: d.description,
      ...(d.decimals === undefined ? {} : { decimals: d.decimals }),
      perWave,
      layouts: ['long', 'wide'],
      read: (r) => {
        const value = r.derived[d.name] ?? null;
        return typeof value === 'boolean' ? (value ? 1 : 0) : value;
      },
    };
  });
}

const registerKinds = { category: 'categorical', boolean: 'binary', country: 'country', number: 'numeric', text: 'text' } as const;

function registerVariables(study: Study): Variable[] {
  return (study.definition.register ?? []).map((column) => ({
    name: column.name,
    kind: registerKinds[column.type],
    origin: 'register',
    label: textOfLabel(column.label),
    values: column.type === 'boolean' ? yesNo : column.type === 'country' ? countryValues() : column.values ? declaredValues(column.values) : [],
    appearsIn: [],
    derivation: 'From the municipality register, per pseudonym.',
    perWave: false,
    layouts: ['long', 'wide'],
    read: (r) => {
      const value = r.register?.[column.name] ?? null;
      return typeof value === 'boolean' ? booleanCell(value) : value;
    },
  }));
}

export interface Catalogue {
  /** Wave codes in order (T0, T1, T2). */
  waves: string[];
  variables: Variable[];
  /** The survey versions used per wave. */
  surveys: SurveyRef[];
}

/** Builds the catalogue; `surveys` in wave order and, within a wave, by version. */
export function buildCatalogue(waves: string[], surveys: SurveyInput[], study: Study): Catalogue {
  const countryQuestions = new Set(study.definition.countryQuestions ?? []);
  const drafts = new Map<string, Draft>();
  const order: string[] = [];
  for (const survey of surveys) {
    const english = elementsByName(survey.english);
    for (const { element } of walkElements(survey.definition)) {
      if (!isQuestion(element)) continue;
      for (const { draft, items } of draftsFor(element, english.get(element.name), countryQuestions)) {
        let existing = drafts.get(draft.variable.name);
        if (!existing) {
          existing = draft;
          drafts.set(draft.variable.name, draft);
          order.push(draft.variable.name);
        }
        existing.variable.appearsIn.push({ wave: survey.wave, surveyId: survey.surveyId, version: survey.version });
        if (items) {
          const [nl, en] = items;
          for (const item of nl) {
            if (!existing.choices.has(item.value)) {
              existing.choices.set(item.value, { nl: itemText(nl, item.value, 'nl'), en: itemText(en, item.value, 'en') });
            }
          }
        }
      }
    }
  }
  const answers = order.map((name) => {
    const { variable, question, choices, codeFromValue } = drafts.get(name)!;
    const missing = study.missingValues.get(question);
    if (choices.size > 0) {
      const numeric = codeFromValue || [...choices.keys()].every((value) => typeof value === 'number');
      variable.values = [...choices].map(([value, label], i) => ({
        value,
        code: numeric ? Number(value) : i + 1,
        label,
        missing: missing?.has(value) === true,
      }));
    }
    return variable;
  });
  const pseudonym: Variable = {
    name: 'pseudonym',
    kind: 'text',
    origin: 'participant',
    label: { nl: 'Pseudoniem van de deelnemer', en: 'Participant pseudonym' },
    values: [],
    appearsIn: [],
    perWave: false,
    layouts: ['long', 'wide'],
    read: (r) => r.pseudonym,
  };
  const wave: Variable = {
    name: 'wave',
    kind: 'categorical',
    origin: 'response',
    label: { nl: 'Meting', en: 'Wave' },
    values: stringValues(waves),
    appearsIn: [],
    perWave: true,
    layouts: ['long'],
    read: (r) => r.wave,
  };
  return {
    waves,
    surveys: surveys.map(({ wave: w, surveyId, version }) => ({ wave: w, surveyId, version })),
    variables: [pseudonym, wave, ...responseVariables(), ...answers, ...derivedVariables(study), ...registerVariables(study)],
  };
}

export type Layout = 'long' | 'wide';

export interface Column {
  name: string;
  variable: Variable;
  /** The wave of a wide per-wave column; null otherwise. */
  wave: string | null;
}

export function wavePrefix(wave: string): string {
  return `${wave.toLowerCase()}_`;
}

/**
 * The columns of a layout, in order. Long: pseudonym, wave, response facts, answers, derived and
 * register variables. Wide: pseudonym, register and classification, then per wave the response
 * facts, the answers asked in that wave and the per-wave derived variables.
 */
export function columnsOf(catalogue: Catalogue, layout: Layout): Column[] {
  const inLayout = catalogue.variables.filter((v) => v.layouts.includes(layout));
  if (layout === 'long') return inLayout.map((variable) => ({ name: variable.name, variable, wave: null }));
  const columns: Column[] = inLayout.filter((v) => !v.perWave).map((variable) => ({ name: variable.name, variable, wave: null }));
  for (const wave of catalogue.waves) {
    for (const variable of inLayout.filter((v) => v.perWave)) {
      if (variable.origin === 'answer' && !variable.appearsIn.some((s) => s.wave === wave)) continue;
      columns.push({ name: `${wavePrefix(wave)}${variable.name}`, variable, wave });
    }
  }
  return columns;
}
