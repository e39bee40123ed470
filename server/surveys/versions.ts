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

export interface VersionChange {
  kind: ChangeKind;
  question?: string;
  what: string;
}

interface QuestionShape {
  type: string;
  page: string;
  /** Answer values a respondent could give, for questions with a closed list. */
  values: Map<string, (string | number)[]>;
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
  const values = new Map<string, (string | number)[]>();
  if (element.type === 'matrix' || element.type === 'matrixdropdown') {
    values.set('row', listValues(element.rows));
    values.set('column', listValues(element.columns));
  } else if (element.type === 'rating') {
    values.set('answer value', ratingValues(element));
  } else if (element.type === 'boolean') {
    values.set('answer value', [true, false].map(String));
  } else if (Array.isArray(element.choices)) {
    const choices = listValues(element.choices);
    if (element.showOtherItem) choices.push('other');
    if (element.showNoneItem) choices.push('none');
    values.set('answer value', choices);
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

const quote = (v: string | number) => `'${v}'`;

const itemLists = new Set(['choices', 'rows', 'columns', 'rateValues']);

export function diffSurveyVersions(previous: SurveyJson, next: SurveyJson): VersionChange[] {
  const changes: VersionChange[] = [];
  const add = (kind: ChangeKind, question: string | undefined, what: string) => changes.push(question ? { kind, question, what } : { kind, what });
  const before = questionsOf(previous);
  const after = questionsOf(next);

  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) {
      add('breaking', name, 'question removed');
      continue;
    }
    if (old.type !== now.type) {
      add('breaking', name, `type changed from ${old.type} to ${now.type}`);
      continue;
    }
    for (const [role, oldValues] of old.values) {
      const newValues = now.values.get(role) ?? [];
      const removed = oldValues.filter((v) => !newValues.includes(v));
      const added = newValues.filter((v) => !oldValues.includes(v));
      if (removed.length) add('breaking', name, `${role} ${removed.map(quote).join(', ')} removed${added.length ? ` (or renamed to ${added.map(quote).join(', ')})` : ''}`);
      else if (added.length) add('safe', name, `new ${role} ${added.map(quote).join(', ')}`);
    }
    if (old.range && now.range) {
      if (now.range[0] > old.range[0] || now.range[1] < old.range[1]) add('breaking', name, `number range narrowed from ${old.range.join('-')} to ${now.range.join('-')}`);
      else if (now.range[0] < old.range[0] || now.range[1] > old.range[1]) add('safe', name, `number range widened from ${old.range.join('-')} to ${now.range.join('-')}`);
    }
    if (old.page !== now.page) add('safe', name, `moved from page '${old.page}' to '${now.page}'`);
    if (old.visibleIf !== now.visibleIf) add('safe', name, `visibility rule changed from "${old.visibleIf}" to "${now.visibleIf}"`);
    if (old.required !== now.required) add('safe', name, now.required ? 'now required' : 'no longer required');
  }
  for (const [name, now] of after) {
    if (before.has(name)) continue;
    if (now.required) add('breaking', name, 'new required question (earlier answers cannot have it)');
    else add('safe', name, 'new optional question');
  }

  const oldTexts = extractSourceStrings(previous);
  const nowTexts = extractSourceStrings(next);
  const reworded = Object.keys(nowTexts).filter((key) => key in oldTexts && oldTexts[key] !== nowTexts[key]);
  if (reworded.length) add('safe', undefined, `wording changed: ${reworded.join(', ')}`);
  // Texts of new questions and new answer values are listed with them; other new texts (a
  // button label, a comment field's label) are easy to miss, and show in Dutch until translated.
  const isNewQuestionOrValue = (key: string) => {
    const [owner, list] = key.split('.');
    return (after.has(owner!) && !before.has(owner!)) || (itemLists.has(list!) && key.split('.').length === 3 && owner !== 'pages');
  };
  const newTexts = Object.keys(nowTexts).filter((key) => !(key in oldTexts) && !isNewQuestionOrValue(key));
  if (newTexts.length) add('safe', undefined, `new text to translate: ${newTexts.join(', ')}`);
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
