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
  visibleIf: Condition[];
  required: boolean;
  requiredIf?: Condition;
}

/**
 * A `visibleIf` or `requiredIf` expression, run by survey-core's `ConditionRunner` on the answers
 * its text can name. survey-core finds a variable by comparing it with every key of the values,
 * case-insensitively, so a run on all answers of a long questionnaire costs far more than the
 * comparison itself. The answers passed are those whose names occur in the expression's text
 * (ignoring case): a superset of what it reads, so the result is the same (no two answer names
 * differ only in case; `compileAnswerRules` refuses that).
 */
class Condition {
  private readonly runner: ConditionRunner;
  private readonly text: string;
  /** Names of the survey's answers that the expression's text mentions. */
  private readonly mentioned: string[];

  constructor(expression: string, answerNames: string[]) {
    this.runner = new ConditionRunner(expression);
    this.text = expression.toLowerCase();
    this.mentioned = answerNames.filter((name) => this.mentions(name));
  }

  private mentions(name: string): boolean {
    return this.text.includes(name.toLowerCase());
  }

  /** Variables win over an answer of the same name, as in `{ ...answers, ...variables }`. */
  holds(answers: Record<string, unknown>, variables: Record<string, unknown>): boolean {
    const values: Record<string, unknown> = {};
    for (const name of this.mentioned) if (Object.hasOwn(answers, name)) values[name] = answers[name];
    for (const name of Object.keys(variables)) if (this.mentions(name)) values[name] = variables[name];
    return Boolean(this.runner.runValues(values));
  }
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

/** Which questions are shown for one set of answers, each distinct condition run once. */
class Visibility {
  private readonly results = new Map<Condition, boolean>();

  constructor(
    private readonly answers: Record<string, unknown>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** False for a name that is no question (an answer the rules do not know is never kept). */
  shows(question: CompiledQuestion | undefined): boolean {
    if (!question) return false;
    for (const condition of question.visibleIf) {
      let holds = this.results.get(condition);
      if (holds === undefined) this.results.set(condition, (holds = condition.holds(this.answers, this.variables)));
      if (!holds) return false;
    }
    return true;
  }
}

export function compileAnswerRules(survey: SurveyJson): AnswerRules {
  const elements = [...walkElements(survey)].filter(({ element }) => isQuestion(element) && element.type !== 'panel');
  const commentKeyOf = (element: ElementJson) => (element.showOtherItem || element.showCommentArea || element.hasComment ? `${element.name}-Comment` : undefined);
  const answerNames = elements.flatMap(({ element }) => {
    const commentKey = commentKeyOf(element);
    return commentKey ? [element.name, commentKey] : [element.name];
  });
  // SurveyJS expressions read names regardless of case, so two such names would be one variable.
  const byCase = new Map<string, string>();
  for (const name of answerNames) {
    const other = byCase.get(name.toLowerCase());
    if (other !== undefined) throw new Error(`the answer names '${other}' and '${name}' differ only in case, which SurveyJS expressions do not tell apart`);
    byCase.set(name.toLowerCase(), name);
  }
  // One condition per distinct expression: every question of a page repeats the page's
  // `visibleIf`, and each is run once per call (see `Visibility`).
  const conditions = new Map<string, Condition>();
  const conditionOf = (expression: string): Condition => {
    let compiled = conditions.get(expression);
    if (!compiled) conditions.set(expression, (compiled = new Condition(expression, answerNames)));
    return compiled;
  };
  const visibleIf = (owner: Record<string, unknown>): Condition[] =>
    typeof owner.visibleIf === 'string' && owner.visibleIf.trim() !== '' ? [conditionOf(owner.visibleIf)] : [];
  const questions = new Map<string, CompiledQuestion>();
  /** Comment keys (`<name>-Comment`) with the question they belong to. */
  const comments = new Map<string, CompiledQuestion>();
  const commentCheck = textCheck(maxTextLength);
  for (const { element, page, panels } of elements) {
    const compiled: CompiledQuestion = {
      name: element.name,
      check: checkFor(element),
      visibleIf: [...visibleIf(page), ...panels.flatMap(visibleIf), ...visibleIf(element)],
      required: element.isRequired === true,
      ...(typeof element.requiredIf === 'string' ? { requiredIf: conditionOf(element.requiredIf) } : {}),
    };
    const commentKey = commentKeyOf(element);
    if (commentKey) comments.set(commentKey, compiled);
    questions.set(element.name, compiled);
  }

  return {
    questionNames: [...questions.keys()],
    check(answers) {
      for (const [name, value] of Object.entries(answers)) {
        const question = questions.get(name);
        const check = question?.check ?? (comments.has(name) ? commentCheck : undefined);
        if (!check) return { code: 'unknown_question', question: name, reason: 'is not a question of this survey' };
        if (value === null) continue;
        const reason = check(value);
        if (reason) return { code: 'invalid_answer', question: name, reason };
      }
      return undefined;
    },
    missingRequired(answers, variables) {
      const visibility = new Visibility(answers, variables);
      const missing: string[] = [];
      for (const q of questions.values()) {
        const required = q.required || (q.requiredIf?.holds(answers, variables) ?? false);
        if (required && isEmpty(answers[q.name]) && visibility.shows(q)) missing.push(q.name);
      }
      return missing;
    },
    withoutHidden(answers, variables) {
      const visibility = new Visibility(answers, variables);
      const names = Object.keys(answers);
      const shown = names.map((name) => visibility.shows(questions.get(name) ?? comments.get(name)));
      if (!shown.includes(false)) return answers;
      const kept: Record<string, unknown> = {};
      names.forEach((name, i) => {
        if (shown[i]) kept[name] = answers[name];
      });
      return kept;
    },
  };
}
