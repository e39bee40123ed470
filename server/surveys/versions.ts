import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isQuestion, itemOf, walkElements, type ElementJson, type SurveyJson } from './definition.ts';
import { extractSourceStrings } from './localization.ts';
import { loadSurveyVersion, type SurveyVersion } from './registry.ts';

/**
 * What changed between two versions of a survey, and whether answers stay comparable.
 * Breaking: a removed question, a changed type, a removed (or renamed) answer value, a narrower
 * number range, a new required question. Safe: wording, a new optional question, a new answer
 * value, a moved question, a changed visibility or required rule (listed, so a researcher sees them).
 */

export type ChangeKind = 'breaking' | 'safe';

/** Which list of a closed question changed; `answer value` for choices, ratings and yes/no. */
type ValueRole = 'value' | 'row' | 'column';
const roleNames: Record<ValueRole, string> = { value: 'answer value', row: 'row', column: 'column' };

/**
 * Every kind of change with its English text (for the command line and API clients); the
 * workspace says the same in its own language by `code` and `params`.
 */
const changeTexts = {
  question_removed: () => 'question removed',
  type_changed: (p: { from: string; to: string }) => `type changed from ${p.from} to ${p.to}`,
  values_removed: (p: { role: ValueRole; values: string }) => `${roleNames[p.role]} ${p.values} removed`,
  values_renamed: (p: { role: ValueRole; values: string; renamedTo: string }) => `${roleNames[p.role]} ${p.values} removed (or renamed to ${p.renamedTo})`,
  values_added: (p: { role: ValueRole; values: string }) => `new ${roleNames[p.role]} ${p.values}`,
  range_narrowed: (p: { from: string; to: string }) => `number range narrowed from ${p.from} to ${p.to}`,
  range_widened: (p: { from: string; to: string }) => `number range widened from ${p.from} to ${p.to}`,
  moved: (p: { from: string; to: string }) => `moved from page '${p.from}' to '${p.to}'`,
  visibility_changed: (p: { from: string; to: string }) => `visibility rule changed from "${p.from}" to "${p.to}"`,
  now_required: () => 'now required',
  no_longer_required: () => 'no longer required',
  new_required_question: () => 'new required question (earlier answers cannot have it)',
  new_optional_question: () => 'new optional question',
  wording_changed: (p: { keys: string }) => `wording changed: ${p.keys}`,
  new_texts: (p: { keys: string }) => `new text to translate: ${p.keys}`,
};

type ChangeTexts = typeof changeTexts;
export type VersionChangeCode = keyof ChangeTexts;
export const versionChangeCodes = Object.keys(changeTexts) as VersionChangeCode[];

export interface VersionChange {
  kind: ChangeKind;
  question?: string;
  code: VersionChangeCode;
  params: Record<string, string>;
  /** The change in English. */
  what: string;
}

interface QuestionShape {
  type: string;
  page: string;
  /** Answer values a respondent could give, for questions with a closed list. */
  values: Map<ValueRole, (string | number)[]>;
  range?: [number, number];
  required: boolean;
  visibleIf: string;
}

function typeOf(element: ElementJson): string {
  return element.type === 'text' && typeof element.inputType === 'string' && element.inputType !== 'text' ? `text (${element.inputType})` : element.type;
}

function listValues(items: unknown): (string | number)[] {
  return Array.isArray(items) ? items.map((item) => itemOf(item as string | number).value) : [];
}

function ratingValues(element: ElementJson): (string | number)[] {
  if (Array.isArray(element.rateValues) && element.rateValues.length) return listValues(element.rateValues);
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
  const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
  const step = typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1;
  const values: number[] = [];
  for (let v = min; v <= max; v += step) values.push(v);
  return values;
}

function shapeOf(element: ElementJson, page: string): QuestionShape {
  const values = new Map<ValueRole, (string | number)[]>();
  if (element.type === 'matrix' || element.type === 'matrixdropdown') {
    values.set('row', listValues(element.rows));
    values.set('column', listValues(element.columns));
  } else if (element.type === 'rating') {
    values.set('value', ratingValues(element));
  } else if (element.type === 'boolean') {
    values.set('value', [true, false].map(String));
  } else if (Array.isArray(element.choices)) {
    const choices = listValues(element.choices);
    if (element.showOtherItem) choices.push('other');
    if (element.showNoneItem) choices.push('none');
    values.set('value', choices);
  }
  const range: [number, number] | undefined =
    element.type === 'text' && element.inputType === 'number'
      ? [typeof element.min === 'number' ? element.min : -Infinity, typeof element.max === 'number' ? element.max : Infinity]
      : undefined;
  return {
    type: typeOf(element),
    page,
    values,
    ...(range ? { range } : {}),
    required: element.isRequired === true,
    visibleIf: typeof element.visibleIf === 'string' ? element.visibleIf : '',
  };
}

function questionsOf(survey: SurveyJson): Map<string, QuestionShape> {
  const questions = new Map<string, QuestionShape>();
  for (const { element, page } of walkElements(survey)) {
    if (isQuestion(element)) questions.set(element.name, shapeOf(element, page.name));
  }
  return questions;
}

const listed = (values: (string | number)[]) => values.map((v) => `'${v}'`).join(', ');

const itemLists = new Set(['choices', 'rows', 'columns', 'rateValues']);

export function diffSurveyVersions(previous: SurveyJson, next: SurveyJson): VersionChange[] {
  const changes: VersionChange[] = [];
  const add = <C extends VersionChangeCode>(kind: ChangeKind, question: string | undefined, code: C, ...given: Parameters<ChangeTexts[C]>) => {
    const params: Record<string, string> = given[0] ?? {};
    const what = (changeTexts[code] as (p: Record<string, string>) => string)(params);
    changes.push(question ? { kind, question, code, params, what } : { kind, code, params, what });
  };
  const before = questionsOf(previous);
  const after = questionsOf(next);

  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) {
      add('breaking', name, 'question_removed');
      continue;
    }
    if (old.type !== now.type) {
      add('breaking', name, 'type_changed', { from: old.type, to: now.type });
      continue;
    }
    for (const [role, oldValues] of old.values) {
      const newValues = now.values.get(role) ?? [];
      const removed = oldValues.filter((v) => !newValues.includes(v));
      const added = newValues.filter((v) => !oldValues.includes(v));
      if (removed.length && added.length) add('breaking', name, 'values_renamed', { role, values: listed(removed), renamedTo: listed(added) });
      else if (removed.length) add('breaking', name, 'values_removed', { role, values: listed(removed) });
      else if (added.length) add('safe', name, 'values_added', { role, values: listed(added) });
    }
    if (old.range && now.range) {
      const range = { from: old.range.join('-'), to: now.range.join('-') };
      if (now.range[0] > old.range[0] || now.range[1] < old.range[1]) add('breaking', name, 'range_narrowed', range);
      else if (now.range[0] < old.range[0] || now.range[1] > old.range[1]) add('safe', name, 'range_widened', range);
    }
    if (old.page !== now.page) add('safe', name, 'moved', { from: old.page, to: now.page });
    if (old.visibleIf !== now.visibleIf) add('safe', name, 'visibility_changed', { from: old.visibleIf, to: now.visibleIf });
    if (old.required !== now.required) add('safe', name, now.required ? 'now_required' : 'no_longer_required');
  }
  for (const [name, now] of after) {
    if (before.has(name)) continue;
    if (now.required) add('breaking', name, 'new_required_question');
    else add('safe', name, 'new_optional_question');
  }

  const oldTexts = extractSourceStrings(previous);
  const nowTexts = extractSourceStrings(next);
  const reworded = Object.keys(nowTexts).filter((key) => key in oldTexts && oldTexts[key] !== nowTexts[key]);
  if (reworded.length) add('safe', undefined, 'wording_changed', { keys: reworded.join(', ') });
  // Texts of new questions and new answer values are listed with them; other new texts (a
  // button label, a comment field's label) are easy to miss, and show in Dutch until translated.
  const isNewQuestionOrValue = (key: string) => {
    const [owner, list] = key.split('.');
    return (after.has(owner!) && !before.has(owner!)) || (itemLists.has(list!) && key.split('.').length === 3 && owner !== 'pages');
  };
  const newTexts = Object.keys(nowTexts).filter((key) => !(key in oldTexts) && !isNewQuestionOrValue(key));
  if (newTexts.length) add('safe', undefined, 'new_texts', { keys: newTexts.join(', ') });
  return changes;
}

export function hasBreakingChanges(changes: VersionChange[]): boolean {
  return changes.some((c) => c.kind === 'breaking');
}

export interface VersionStep {
  id: string;
  from: number;
  to: number;
  changes: VersionChange[];
}

/** Every survey's versions, loaded and checked as the server does, ascending. */
function loadAll(surveysDir: string): SurveyVersion[] {
  const versions: SurveyVersion[] = [];
  if (!existsSync(surveysDir)) return versions;
  for (const id of readdirSync(surveysDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const files = readdirSync(path.join(surveysDir, id)).map((f) => /^(\d+)\.json$/.exec(f)).filter((m): m is RegExpExecArray => m !== null);
    for (const match of files.sort((a, b) => Number(a[1]) - Number(b[1]))) {
      versions.push(loadSurveyVersion(path.join(surveysDir, id, match[0]), id, Number(match[1])));
    }
  }
  return versions;
}

/** Each version compared with the previous one of the same survey; a broken definition throws `SurveyDefinitionError`. */
export function checkSurveyVersions(surveysDir: string): VersionStep[] {
  const versions = loadAll(surveysDir);
  const steps: VersionStep[] = [];
  for (let i = 1; i < versions.length; i++) {
    const [previous, next] = [versions[i - 1]!, versions[i]!];
    if (previous.id !== next.id) continue;
    steps.push({ id: next.id, from: previous.version, to: next.version, changes: diffSurveyVersions(previous.definition, next.definition) });
  }
  return steps;
}
