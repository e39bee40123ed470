import { ConditionRunner, ExpressionRunner } from 'survey-core';
import type { DerivedDeclaration } from '../studies/study-definition.ts';
import { migrationCbs, migrationExtended, migrationGroup, type Answers, type MigrationExtended } from './migration.ts';

/**
 * Derived variables as a study declares them: an expression in survey-core's own language (the
 * one researchers already write `visibleIf` in), or a named built-in rule where an expression is
 * not enough. Compiled once per study definition; `derive` is then a pure function of one
 * response's answers, the participant's background and their register values.
 */

export type { Answers };
export type DerivedValue = string | number | boolean | null;
export type DerivedValues = Record<string, DerivedValue>;
/** One participant's register values by column name; null when not known. */
export type RegisterRecord = Record<string, string | number | boolean | null>;

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** The mean of a matrix question's rows whose values lie in `range`, when at least `minAnswered` of them are. */
export function matrixMean(answers: Answers, { question, rows, minAnswered, range: [low, high] }: { question: string; rows: readonly string[]; minAnswered: number; range: readonly [number, number] }): number | null {
  const matrix = answers[question];
  if (!matrix || typeof matrix !== 'object' || Array.isArray(matrix)) return null;
  const values = rows.map((row) => asNumber((matrix as Record<string, unknown>)[row])).filter((v): v is number => v !== null && v >= low && v <= high);
  if (values.length < minAnswered) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The background a participant is described by: per named question, the answer from the latest
 * wave in which it was answered (with its `-Comment` text). `waves` are earliest first.
 */
export function latestBackground(waves: readonly Answers[], questions: readonly string[]): Answers {
  const background: Answers = {};
  for (const answers of waves) {
    for (const name of questions) {
      if (isAnswered(answers[name])) background[name] = answers[name];
      if (isAnswered(answers[`${name}-Comment`])) background[`${name}-Comment`] = answers[`${name}-Comment`];
    }
  }
  return background;
}

interface Inputs {
  answers: Answers;
  register: RegisterRecord | null;
  derived: DerivedValues;
}

type Compute = (inputs: Inputs) => unknown;

/** The built-in rules a study may name, with what each reads. */
function builtInRule(rule: NonNullable<DerivedDeclaration['rule']>): Compute {
  switch (rule.name) {
    case 'matrix_mean':
      return ({ answers }) => matrixMean(answers, rule);
    case 'migration_cbs':
      return ({ answers }) => migrationCbs(answers);
    case 'migration_extended':
      return ({ answers, register }) => migrationExtended(answers, rule.nationality && register ? { nationality: register[rule.nationality] } : null);
    case 'migration_group':
      return ({ answers, register, derived }) =>
        migrationGroup(derived[rule.extended] as MigrationExtended, answers, rule.statusHolder && register ? { statusHolder: register[rule.statusHolder] } : null);
  }
}

/** What an expression may read: answers by name, `{register.<column>}`, earlier derived variables. */
function valuesFor(variables: string[], { answers, register, derived }: Inputs): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const variable of variables) {
    const head = variable.split('.')[0]!;
    if (head === 'register') values.register = register ?? {};
    else if (Object.hasOwn(derived, head)) values[head] = derived[head];
    else if (Object.hasOwn(answers, head)) values[head] = answers[head];
  }
  return values;
}

/** Why an expression cannot run, or undefined when survey-core can parse it. */
export function expressionProblem(expression: string): string | undefined {
  try {
    return new ExpressionRunner(expression).canRun() ? undefined : 'is not a valid expression';
  } catch (error) {
    return `is not a valid expression (${(error as Error).message})`;
  }
}

/** The `{names}` an expression reads. */
export function expressionVariables(expression: string): string[] {
  return new ExpressionRunner(expression).getVariables();
}

function expressionOf(declaration: DerivedDeclaration): Compute {
  const runner = new ExpressionRunner(declaration.expression!);
  const variables = runner.getVariables();
  return (inputs) => runner.runValues(valuesFor(variables, inputs));
}

function conditionOf(expression: string): (inputs: Inputs) => boolean {
  const runner = new ConditionRunner(expression);
  const variables = runner.getVariables();
  return (inputs) => Boolean(runner.runValues(valuesFor(variables, inputs)));
}

function typed(type: DerivedDeclaration['type'], value: unknown): DerivedValue {
  switch (type) {
    case 'binary':
      return typeof value === 'boolean' ? value : value === 1 ? true : value === 0 ? false : null;
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'categorical':
      return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)) ? value : null;
  }
}

export type Derive = (answers: Answers, register: RegisterRecord | null, background?: Answers) => DerivedValues;

/**
 * Compiles a study's derived variables. A `participant` level variable reads the participant's
 * background (`latestBackground`), a `response` level one the response's own answers; both see
 * the register and the derived variables declared before them.
 */
export function compileDerived(declarations: readonly DerivedDeclaration[]): Derive {
  const compiled = declarations.map((d) => ({
    name: d.name,
    type: d.type,
    participant: d.level === 'participant',
    compute: d.rule ? builtInRule(d.rule) : expressionOf(d),
    when: d.when ? conditionOf(d.when) : undefined,
  }));
  return (answers, register, background = answers) => {
    const derived: DerivedValues = {};
    for (const c of compiled) {
      const inputs = { answers: c.participant ? background : answers, register, derived };
      derived[c.name] = c.when && !c.when(inputs) ? null : typed(c.type, c.compute(inputs));
    }
    return derived;
  };
}
