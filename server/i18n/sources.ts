import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isQuestion, itemOf, walkElements, type ElementJson, type SurveyJson } from '../surveys/definition.ts';
import { extractSourceStrings, type Strings } from '../surveys/localization.ts';
import type { ContextFile } from './catalog.ts';

/** Every version of every survey under `surveys/<id>/<version>.json`, versions ascending. */
export function loadSurveyVersions(surveysDir: string): Map<string, { version: number; definition: SurveyJson }[]> {
  const surveys = new Map<string, { version: number; definition: SurveyJson }[]>();
  if (!existsSync(surveysDir)) return surveys;
  for (const entry of readdirSync(surveysDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const versions = readdirSync(path.join(surveysDir, entry.name))
      .map((file) => /^(\d+)\.json$/.exec(file))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => ({
        version: Number(match[1]),
        definition: JSON.parse(readFileSync(path.join(surveysDir, entry.name, match[0]), 'utf8')) as SurveyJson,
      }))
      .sort((a, b) => a.version - b.version);
    if (versions.length) surveys.set(entry.name, versions);
  }
  return new Map([...surveys].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The Dutch source of one survey namespace: the strings of every version, where a key's text
 * is the one of the newest version that has it (older versions may still be in the field).
 */
export function namespaceSource(versions: { definition: SurveyJson }[]): Strings {
  const strings: Strings = {};
  for (const { definition } of versions) Object.assign(strings, extractSourceStrings(definition));
  return strings;
}

const propertyMeaning: Record<string, string> = {
  title: 'the question as the respondent reads it',
  description: 'explanation under the title',
  placeholder: 'hint inside an empty field',
  html: 'formatted text (keep the HTML tags, translate the words)',
  labelTrue: 'answer button for yes',
  labelFalse: 'answer button for no',
  otherText: 'label of the "something else" choice that opens a text field',
  otherPlaceholder: 'hint inside the "something else" text field',
  noneText: 'label of the "none of these" choice',
  commentText: 'label of the comment field',
  requiredErrorText: 'message when the question is left empty',
  minRateDescription: 'label at the lowest end of the scale',
  maxRateDescription: 'label at the highest end of the scale',
};

const surveyMeaning: Record<string, string> = {
  title: 'title of the whole questionnaire, shown at the top of every page',
  description: 'introduction under the questionnaire title',
  completedHtml: 'thank-you text shown after the last page (keep the HTML tags)',
  completedBeforeHtml: 'text shown to someone who already filled in the questionnaire (keep the HTML tags)',
  loadingHtml: 'text shown while the questionnaire loads (keep the HTML tags)',
};

function describeElement(element: ElementJson): string {
  const kind = element.type === 'text' && element.inputType === 'number' ? 'number field' : `${element.type} question`;
  return isQuestion(element) ? `${kind} "${element.name}"` : `${element.type} block "${element.name}"`;
}

/** Where each key appears and what it means, so a translator can translate it out of context. */
export function namespaceContext(surveyId: string, versions: { definition: SurveyJson }[]): ContextFile {
  const context: ContextFile = {};
  const latest = versions.at(-1)?.definition;
  if (!latest) return context;
  const strings = extractSourceStrings(latest);
  const note = (key: string, where: string, meaning: string) => {
    if (key in strings) context[key] = { where, meaning };
  };
  for (const property of Object.keys(surveyMeaning)) note(`survey.${property}`, `survey ${surveyId}`, surveyMeaning[property]!);
  for (const page of latest.pages) {
    note(`pages.${page.name}.title`, `survey ${surveyId}, page "${page.name}"`, 'heading of the page');
    note(`pages.${page.name}.description`, `survey ${surveyId}, page "${page.name}"`, 'text under the page heading');
  }
  for (const { element, page } of walkElements(latest)) {
    const where = `survey ${surveyId}, page "${page.name}", ${describeElement(element)}`;
    const title = strings[`${element.name}.title`];
    const about = title ? ` of "${title}"` : '';
    for (const [property, meaning] of Object.entries(propertyMeaning)) note(`${element.name}.${property}`, where, meaning);
    for (const list of ['choices', 'rows', 'columns', 'rateValues'] as const) {
      const role = { choices: 'answer choice', rows: 'row (a statement to rate)', columns: 'column (a rating on the scale)', rateValues: 'scale point' }[list];
      for (const raw of element[list] ?? []) {
        const item = itemOf(raw);
        note(`${element.name}.${list}.${item.value}`, where, `${role} "${item.value}"${about}`);
      }
    }
    for (const [i] of ((element.validators as unknown[] | undefined) ?? []).entries()) {
      note(`${element.name}.validators.${i}`, where, `error message shown when the answer${about} is not accepted`);
    }
  }
  return context;
}
