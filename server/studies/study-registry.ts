import fs from 'node:fs';
import path from 'node:path';
import { Value } from 'typebox/value';
import { compileDerived, expressionProblem, expressionVariables, type Derive } from '../classification/derived-variables.ts';
import { isQuestion, itemOf, walkElements, type ElementJson } from '../surveys/definition.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import type { Study as StudyRecord } from './studies.repository.ts';
import type { StudyDefinitionsRepository } from './study-definitions.repository.pg.ts';
import type { StudyProblem } from '../../shared/contract/studies.ts';
import { StudyDefinitionSchema, type StudyDefinition } from './study-definition.ts';

/**
 * Study definitions (`studies/<id>/study.json`): read, checked against the schema and against the
 * study's surveys, compiled once. Every problem of every file is collected before anything is
 * refused, each naming the file, the JSON path in it and what is wrong.
 */

export type { StudyProblem };

export class StudyDefinitionError extends Error {
  constructor(readonly problems: StudyProblem[]) {
    super(`The study definition is refused:\n${problems.map(describeProblem).join('\n')}`);
  }
}

export function describeProblem(p: StudyProblem): string {
  return `${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`;
}

/** A checked definition with its derived variables compiled. */
export interface Study {
  definition: StudyDefinition;
  /** Where it was read from; null for a study that has no definition file (defaults). */
  file: string | null;
  derive: Derive;
  /** Declared missing values per question name. */
  missingValues: ReadonlyMap<string, ReadonlySet<string | number>>;
}

export const studyFileName = 'study.json';

export function compileStudy(definition: StudyDefinition, file: string | null): Study {
  return {
    definition,
    file,
    derive: compileDerived(definition.derived ?? []),
    missingValues: new Map(Object.entries(definition.missingValues ?? {}).map(([name, values]) => [name, new Set(values)])),
  };
}

/** The questions of every survey version a definition's waves name, by name. */
function questionsOf(definition: StudyDefinition, surveys: SurveyRegistry): Map<string, ElementJson> {
  const questions = new Map<string, ElementJson>();
  for (const wave of definition.waves ?? []) {
    for (const version of surveys.list().filter((v) => v.id === wave.survey)) {
      for (const { element } of walkElements(version.definition)) if (isQuestion(element)) questions.set(element.name, element);
    }
  }
  return questions;
}

function answerValues(element: ElementJson): Set<string | number> {
  const items = [...(element.choices ?? []), ...(element.columns ?? []), ...(element.rateValues ?? [])].map((i) => itemOf(i).value);
  if (element.showNoneItem) items.push('none');
  if (element.showOtherItem) items.push('other');
  return new Set(items);
}

/** Checks a parsed definition; returns every problem (an empty list: it is good). */
export function checkStudyDefinition(file: string, json: unknown, { surveys, folder }: { surveys: SurveyRegistry; folder?: string }): StudyProblem[] {
  const problems: StudyProblem[] = [];
  const problem = (at: string, message: string) => problems.push({ file, path: at, message });
  const seen = new Set<string>();
  for (const error of Value.Errors(StudyDefinitionSchema, json)) {
    if (error.keyword === 'boolean') continue; // the additionalProperties error that follows names the key
    const detail =
      error.keyword === 'additionalProperties' ? `has a property that is not allowed: ${(error.params as { additionalProperties: string[] }).additionalProperties.join(', ')}` : error.message;
    const key = `${error.instancePath}|${detail}`;
    if (!seen.has(key)) problem(error.instancePath, detail);
    seen.add(key);
  }
  if (problems.length > 0) return problems;
  const definition = json as StudyDefinition;
  if (folder !== undefined && definition.id !== folder) problem('/id', `is "${definition.id}" but the folder is "${folder}"`);

  for (const [i, wave] of (definition.waves ?? []).entries()) {
    if (!surveys.latest(wave.survey)) problem(`/waves/${i}/survey`, `names survey "${wave.survey}", which is not installed`);
  }
  const codes = (definition.waves ?? []).map((w) => w.code);
  codes.forEach((code, i) => codes.indexOf(code) !== i && problem(`/waves/${i}/code`, `wave code "${code}" is used twice`));

  const questions = questionsOf(definition, surveys);
  const checkQuestions = (definition.waves ?? []).length > 0;
  const isQuestionName = (name: string) => !checkQuestions || questions.has(name);
  for (const [name, values] of Object.entries(definition.missingValues ?? {})) {
    const question = questions.get(name);
    if (!isQuestionName(name)) problem(`/missingValues/${name}`, `names question "${name}", which none of the study's surveys asks`);
    else if (question) {
      const known = answerValues(question);
      for (const [j, value] of values.entries()) if (!known.has(value)) problem(`/missingValues/${name}/${j}`, `"${value}" is not an answer value of ${name}`);
    }
  }
  for (const [key, list] of [['countryQuestions', definition.countryQuestions], ['participantAnswers', definition.participantAnswers]] as const) {
    for (const [i, name] of (list ?? []).entries()) if (!isQuestionName(name)) problem(`/${key}/${i}`, `names question "${name}", which none of the study's surveys asks`);
  }

  const variables = new Map<string, 'answer' | 'register' | 'derived'>();
  for (const name of questions.keys()) variables.set(name, 'answer');
  for (const [i, column] of (definition.register ?? []).entries()) {
    if (variables.has(column.name)) problem(`/register/${i}/name`, `"${column.name}" is already the name of ${variables.get(column.name) === 'answer' ? 'a question' : 'another register column'}`);
    variables.set(column.name, 'register');
    if (column.type === 'category' && !column.values) problem(`/register/${i}`, 'a category column needs its values');
    if (column.type !== 'category' && column.values) problem(`/register/${i}/values`, `only a category column has values, not a ${column.type} column`);
  }
  const registerNames = new Set((definition.register ?? []).map((c) => c.name));
  for (const [i, derived] of (definition.derived ?? []).entries()) {
    const at = `/derived/${i}`;
    if (variables.has(derived.name)) problem(`${at}/name`, `"${derived.name}" is already the name of a ${variables.get(derived.name) === 'answer' ? 'question' : variables.get(derived.name) === 'register' ? 'register column' : 'derived variable'}`);
    if (Boolean(derived.expression) === Boolean(derived.rule)) problem(at, 'needs either an expression or a rule, not both or neither');
    if (derived.type === 'categorical' && !derived.values) problem(at, 'a categorical variable needs its values');
    for (const [key, expression] of [['expression', derived.expression], ['when', derived.when]] as const) {
      if (!expression) continue;
      const invalid = expressionProblem(expression);
      if (invalid) {
        problem(`${at}/${key}`, invalid);
        continue;
      }
      for (const name of expressionVariables(expression)) {
        const [head, column] = name.split('.');
        if (head === 'register') {
          if (!column || !registerNames.has(column)) problem(`${at}/${key}`, `reads {${name}}, but the register has no column "${column ?? ''}"`);
        } else if (checkQuestions && !variables.has(head!)) problem(`${at}/${key}`, `reads {${name}}, which is no question, register column or earlier derived variable`);
      }
    }
    const rule = derived.rule;
    if (rule?.name === 'matrix_mean' && checkQuestions && questions.get(rule.question)?.type !== 'matrix') problem(`${at}/rule/question`, `"${rule.question}" is not a matrix question of the study's surveys`);
    if (rule?.name === 'migration_extended' && rule.nationality && !registerNames.has(rule.nationality)) problem(`${at}/rule/nationality`, `the register has no column "${rule.nationality}"`);
    if (rule?.name === 'migration_group') {
      if (variables.get(rule.extended) !== 'derived') problem(`${at}/rule/extended`, `"${rule.extended}" is not a derived variable declared before this one`);
      if (rule.statusHolder && !registerNames.has(rule.statusHolder)) problem(`${at}/rule/statusHolder`, `the register has no column "${rule.statusHolder}"`);
    }
    variables.set(derived.name, 'derived');
  }

  const report = definition.report;
  const known = (name: string) => variables.has(name) || (!checkQuestions && !registerNames.has(name));
  for (const [i, grouping] of (report?.groupings ?? []).entries()) {
    if (!known(grouping.variable)) problem(`/report/groupings/${i}/variable`, `"${grouping.variable}" is no question, register column or derived variable of this study`);
  }
  const measureNames = new Set<string>();
  for (const [i, measure] of (report?.measures ?? []).entries()) {
    if (measureNames.has(measure.name)) problem(`/report/measures/${i}/name`, `the measure name "${measure.name}" is used twice`);
    measureNames.add(measure.name);
    if (!known(measure.variable)) problem(`/report/measures/${i}/variable`, `"${measure.variable}" is no question, register column or derived variable of this study`);
    if (measure.statistic === 'share' && !measure.values) problem(`/report/measures/${i}`, 'a share needs the values it counts');
    if (measure.statistic === 'mean' && measure.values) problem(`/report/measures/${i}/values`, 'a mean counts no values');
  }
  for (const [j, name] of (report?.comparison?.variables ?? []).entries()) {
    if (!known(name)) problem(`/report/comparison/variables/${j}`, `"${name}" is no question, register column or derived variable of this study`);
  }
  return problems;
}

function readDefinition(file: string): { json?: unknown; problem?: StudyProblem } {
  try {
    return { json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
  } catch (error) {
    return { problem: { file, path: '', message: `is not valid JSON (${(error as Error).message})` } };
  }
}

/** What a study's definition is looked up by: its database row. */
export type StudyRow = Pick<StudyRecord, 'id' | 'name' | 'kind' | 'definitionRevision' | 'createdAt'>;

/**
 * The studies' definitions by id: the one last saved in the workspace (kept in the database, so
 * that every server serves the same), else the study's file in `studies/`, else defaults from its
 * database row.
 */
export class StudyDefinitions {
  private readonly files = new Map<string, Study>();
  /** By study id, with the row's creation moment: a study deleted and made again under its id starts its revisions anew. */
  private readonly saved = new Map<string, { createdAt: number; revision: number; study: Study }>();

  constructor(
    studies: Study[],
    private readonly store?: StudyDefinitionsRepository,
  ) {
    for (const study of studies) this.files.set(study.definition.id, study);
  }

  /** These files' definitions, and those saved in the database `store` is on. */
  following(store: StudyDefinitionsRepository): StudyDefinitions {
    return new StudyDefinitions([...this.files.values()], store);
  }

  /** The definition this server holds (without asking the database whether a newer one was saved elsewhere). */
  get(id: string): Study | undefined {
    return this.saved.get(id)?.study ?? this.files.get(id);
  }

  /** Every definition this server holds. */
  list(): Study[] {
    return [...new Set([...this.files.keys(), ...this.saved.keys()])].map((id) => this.get(id)!);
  }

  /**
   * The definition of a study as its row says it is now: the revision its row names (read from
   * the database when another server saved it), its file, or the defaults for one made without a
   * definition.
   */
  async of(row: StudyRow): Promise<Study> {
    const held = this.saved.get(row.id);
    if (held && held.createdAt === row.createdAt.getTime() && held.revision === row.definitionRevision) return held.study;
    const stored = row.definitionRevision > 0 ? await this.store?.find(row.id) : undefined;
    if (stored) return this.remember(row, compileStudy(JSON.parse(stored.definition) as StudyDefinition, this.files.get(row.id)?.file ?? null), stored.revision);
    return this.files.get(row.id) ?? compileStudy({ id: row.id, kind: row.kind, title: row.name, purpose: row.name }, null);
  }

  /** Serves the definition saved as `revision` of the study in `row` from now on (after `checkStudyDefinition`). */
  remember(row: Pick<StudyRow, 'createdAt'>, study: Study, revision: number): Study {
    this.saved.set(study.definition.id, { createdAt: row.createdAt.getTime(), revision, study });
    return study;
  }
}

/** Loads every `studies/<id>/study.json`; any problem in any file refuses them all, listing every problem. */
export function loadStudyDefinitions(studiesDir: string, surveys: SurveyRegistry): StudyDefinitions {
  const problems: StudyProblem[] = [];
  const studies: Study[] = [];
  const folders = fs.existsSync(studiesDir) ? fs.readdirSync(studiesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
  for (const folder of folders) {
    const file = path.join(studiesDir, folder, studyFileName);
    if (!fs.existsSync(file)) continue;
    const { json, problem } = readDefinition(file);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const found = checkStudyDefinition(file, json, { surveys, folder });
    if (found.length > 0) problems.push(...found);
    else studies.push(compileStudy(json as StudyDefinition, file));
  }
  if (problems.length > 0) throw new StudyDefinitionError(problems);
  return new StudyDefinitions(studies);
}
