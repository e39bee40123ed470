import { itemOf, isQuestion, walkElements, type ElementJson, type SurveyJson } from './definition.ts';

/**
 * Question names become variable names in every export: CSV headers, SPSS syntax (where a
 * variable name is an identifier and cannot be quoted), R scripts, the `.sav`. They are checked
 * where a definition enters the platform (publishing through the API or the CLI, `surveys check`,
 * start-up, and any other upload through `definitionNameProblems`) against what all of those
 * accept: a letter first, then letters, digits and `_ . @ # $`, not ending in a period, at most
 * 64 bytes (SPSS) including the wave prefix of the wide export, and no reserved word of SPSS or R.
 */

/** SPSS's reserved words: never a variable name, in any case. */
export const spssReservedWords = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
/** R's reserved words (case matters in R). */
export const rReservedWords = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'in', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_']);

export const maxVariableBytes = 64;
/** Room kept for the wide export's wave prefix (`t0_`, `w12_`): wave codes of up to 7 characters. */
export const wavePrefixBytes = 8;

const namePattern = /^\p{L}[\p{L}\p{Nd}_.@#$]*$/u;
/** A suffix after `__` (a choice or a matrix row): the same characters, but it may start with a digit. */
const suffixPattern = /^[\p{L}\p{Nd}_.@#$]+$/u;

/** Why `name` cannot be a variable name, or undefined when it can. */
export function variableNameProblem(name: string, maxBytes = maxVariableBytes): string | undefined {
  if (name === '') return 'is empty';
  if (!namePattern.test(name)) {
    return /^\p{L}/u.test(name) ? 'may hold only letters, digits and _ . @ # $ (no spaces, hyphens or other signs)' : 'must start with a letter';
  }
  if (name.endsWith('.')) return 'may not end with a period';
  if (Buffer.byteLength(name) > maxBytes) return `is ${Buffer.byteLength(name)} bytes long; at most ${maxBytes} are allowed`;
  if (spssReservedWords.has(name.toUpperCase())) return 'is a reserved word of SPSS';
  if (rReservedWords.has(name)) return 'is a reserved word of R';
  return undefined;
}

/** The export columns a question gives besides its own name: one per choice of a checkbox, per matrix row, and the "other" text. */
function suffixesOf(element: ElementJson): string[] {
  const suffixes: string[] = [];
  if (element.type === 'checkbox' || element.type === 'tagbox') suffixes.push(...(element.choices ?? []).map((c) => String(itemOf(c).value)));
  if (element.type === 'matrix') suffixes.push(...(element.rows ?? []).map((r) => String(itemOf(r).value)));
  if (element.showOtherItem) suffixes.push('other_text');
  return suffixes;
}

/** Every question name (and the column names derived from it) that exports could not use, as sentences; empty when all are fine. */
export function definitionNameProblems(definition: SurveyJson): string[] {
  const budget = maxVariableBytes - wavePrefixBytes;
  const problems: string[] = [];
  for (const { element } of walkElements(definition)) {
    if (!isQuestion(element) || typeof element.name !== 'string') continue;
    const problem = variableNameProblem(element.name, budget);
    if (problem) {
      problems.push(`the question name ${JSON.stringify(element.name)} ${problem}`);
      continue;
    }
    for (const suffix of suffixesOf(element)) {
      const column = `${element.name}__${suffix}`;
      const columnProblem = suffixPattern.test(suffix) ? variableNameProblem(column, budget) : 'may hold only letters, digits and _ . @ # $';
      if (columnProblem) problems.push(`the export column ${JSON.stringify(column)} of question ${JSON.stringify(element.name)} ${columnProblem}`);
    }
  }
  return problems;
}
