import { ConditionRunner } from 'survey-core';
import { itemOf, isQuestion, walkElements, type ElementJson, type SurveyJson } from './definition.ts';

/**
 * What the server checks of answers, compiled once per survey version: the type and allowed
 * values of each question, and which questions are visible and required for given answers.
 */

export type AnswerProblem = { code: 'unknown_question' | 'invalid_answer'; question: string; reason: string };

type ValueCheck = (value: unknown) => string | undefined;

interface CompiledQuestion {
  name: string;
  check: ValueCheck;
  /** All must hold for the question to be shown: its own, its panels' and its page's `visibleIf`. */
  visibleIf: ConditionRunner[];
  required: boolean;
  requiredIf?: ConditionRunner;
  commentKey?: string;
}

export interface AnswerRules {
  /** The first problem with a set of (partial) answers, or undefined when all are acceptable. */
  check(answers: Record<string, unknown>): AnswerProblem | undefined;
  /** Names of required questions that are visible for these answers and left empty. */
  missingRequired(answers: Record<string, unknown>, variables: Record<string, unknown>): string[];
  /** The answers without those to questions hidden by these answers (SurveyJS does the same on completion). */
  withoutHidden(answers: Record<string, unknown>, variables: Record<string, unknown>): Record<string, unknown>;
  questionNames: string[];
}

const maxTextLength = 2000;

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function valuesOf(items: unknown): Set<string | number> {
  return new Set((Array.isArray(items) ? items : []).map((item) => itemOf(item).value));
}

function choiceValues(element: ElementJson): { values: Set<string | number>; exclusive: Set<string | number> } {
  const values = valuesOf(element.choices);
  const exclusive = new Set(
    (element.choices ?? []).map(itemOf).filter((item) => item.isExclusive).map((item) => item.value),
  );
  if (element.showOtherItem) values.add('other');
  if (element.showNoneItem) {
    values.add('none');
    exclusive.add('none');
  }
  return { values, exclusive };
}

function textCheck(maxLength: number): ValueCheck {
  return (value) => (typeof value !== 'string' ? 'must be text' : value.length > maxLength ? `longer than ${maxLength} characters` : undefined);
}

function numberProperty(element: ElementJson, name: string): number | undefined {
  const value = element[name];
  return typeof value === 'number' ? value : undefined;
}

function checkFor(element: ElementJson): ValueCheck {
  switch (element.type) {
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
    case 'radiogroup':
    case 'dropdown': {
      const { values } = choiceValues(element);
      return (value) => ((typeof value === 'string' || typeof value === 'number') && values.has(value) ? undefined : 'is not one of the choices');
    }
    case 'checkbox':
    case 'tagbox': {
      const { values, exclusive } = choiceValues(element);
      return (value) => {
        if (!Array.isArray(value)) return 'must be a list of choices';
        if (value.length > values.size) return 'has more values than there are choices';
        if (new Set(value).size !== value.length) return 'repeats a choice';
        if (!value.every((v) => (typeof v === 'string' || typeof v === 'number') && values.has(v))) return 'is not one of the choices';
        if (value.length > 1 && value.some((v) => exclusive.has(v))) return 'combines an exclusive choice with others';
        return undefined;
      };
    }
    case 'rating': {
      const listed = Array.isArray(element.rateValues) && element.rateValues.length > 0 ? valuesOf(element.rateValues) : undefined;
      const min = numberProperty(element, 'rateMin') ?? 1;
      const max = numberProperty(element, 'rateMax') ?? 5;
      return (value) => {
        if (listed) return (typeof value === 'number' || typeof value === 'string') && listed.has(value) ? undefined : 'is not on the scale';
        return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? undefined : `must be a whole number from ${min} to ${max}`;
      };
    }
    case 'text': {
      if (element.inputType !== 'number') return textCheck(numberProperty(element, 'maxLength') ?? maxTextLength);
      const min = numberProperty(element, 'min') ?? -Number.MAX_VALUE;
      const max = numberProperty(element, 'max') ?? Number.MAX_VALUE;
      const whole = (numberProperty(element, 'step') ?? 1) === 1;
      return (value) => {
        if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
        if (whole && !Number.isInteger(value)) return 'must be a whole number';
        return value < min || value > max ? `must be from ${min} to ${max}` : undefined;
      };
    }
    case 'comment':
      return textCheck(numberProperty(element, 'maxLength') ?? 5 * maxTextLength);
    case 'matrix': {
      const rows = valuesOf(element.rows);
      const columns = valuesOf(element.columns);
      return (value) => {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return 'must be an object of rows';
        for (const [row, cell] of Object.entries(value)) {
          if (!rows.has(row)) return `has an unknown row '${row}'`;
          if (!((typeof cell === 'string' || typeof cell === 'number') && columns.has(cell))) return `has a value outside the columns in row '${row}'`;
        }
        return undefined;
      };
    }
    default:
      throw new Error(`question type '${element.type}' of '${element.name}' has no answer rule on the server`);
  }
}

export function compileAnswerRules(survey: SurveyJson): AnswerRules {
  // One runner per distinct expression: every question of a page repeats the page's `visibleIf`,
  // and the answers are checked against each runner once per call (see `visibility`).
  const runners = new Map<string, ConditionRunner>();
  const condition = (owner: Record<string, unknown>): ConditionRunner[] => {
    if (typeof owner.visibleIf !== 'string' || owner.visibleIf.trim() === '') return [];
    let runner = runners.get(owner.visibleIf);
    if (!runner) runners.set(owner.visibleIf, (runner = new ConditionRunner(owner.visibleIf)));
    return [runner];
  };
  const questions = new Map<string, CompiledQuestion>();
  const comments = new Map<string, ValueCheck>();
  for (const { element, page, panels } of walkElements(survey)) {
    if (!isQuestion(element) || element.type === 'panel') continue;
    const compiled: CompiledQuestion = {
      name: element.name,
      check: checkFor(element),
      visibleIf: [...condition(page), ...panels.flatMap(condition), ...condition(element)],
      required: element.isRequired === true,
      ...(typeof element.requiredIf === 'string' ? { requiredIf: new ConditionRunner(element.requiredIf) } : {}),
    };
    if (element.showOtherItem || element.showCommentArea || element.hasComment) {
      compiled.commentKey = `${element.name}-Comment`;
      comments.set(compiled.commentKey, textCheck(maxTextLength));
    }
    questions.set(element.name, compiled);
  }

  /** Whether a question is shown for these values, each distinct condition run once (survey-core's runs are costly). */
  const visibility = (values: Record<string, unknown>) => {
    const results = new Map<ConditionRunner, boolean>();
    const holds = (runner: ConditionRunner) => {
      let result = results.get(runner);
      if (result === undefined) results.set(runner, (result = Boolean(runner.runValues(values))));
      return result;
    };
    return (q: CompiledQuestion) => q.visibleIf.every(holds);
  };

  return {
    questionNames: [...questions.keys()],
    check(answers) {
      for (const [name, value] of Object.entries(answers)) {
        const question = questions.get(name);
        const check = question?.check ?? comments.get(name);
        if (!check) return { code: 'unknown_question', question: name, reason: 'is not a question of this survey' };
        if (value === null) continue;
        const reason = check(value);
        if (reason) return { code: 'invalid_answer', question: name, reason };
      }
      return undefined;
    },
    missingRequired(answers, variables) {
      const values = { ...answers, ...variables };
      const isVisible = visibility(values);
      const missing: string[] = [];
      for (const q of questions.values()) {
        const required = q.required || (q.requiredIf?.runValues(values) ?? false);
        if (required && isEmpty(answers[q.name]) && isVisible(q)) missing.push(q.name);
      }
      return missing;
    },
    withoutHidden(answers, variables) {
      const values = { ...answers, ...variables };
      const isVisible = visibility(values);
      const kept: Record<string, unknown> = {};
      for (const q of questions.values()) {
        if (!(q.name in answers) || !isVisible(q)) continue;
        kept[q.name] = answers[q.name];
        if (q.commentKey && q.commentKey in answers) kept[q.commentKey] = answers[q.commentKey];
      }
      return kept;
    },
  };
}
