import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { surveyTexts, type TextSlot } from '../../shared/survey-text.ts';
import { isQuestion, type ElementJson, type SurveyJson } from '../surveys/definition.ts';
import { extractSourceStrings, type Strings } from '../surveys/localization.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinition } from '../studies/study-definition.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
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

/** Every `studies/<id>/study.json` that reads as JSON (the server checks them fully at start-up). */
export function loadStudyTexts(studiesDir: string): StudyDefinition[] {
  if (!existsSync(studiesDir)) return [];
  return readdirSync(studiesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(studiesDir, entry.name, 'study.json')))
    .map((entry) => JSON.parse(readFileSync(path.join(studiesDir, entry.name, 'study.json'), 'utf8')) as StudyDefinition)
    .sort((a, b) => a.id.localeCompare(b.id));
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
  completeText: 'button on the last page that sends the answers',
  pageNextText: 'button that goes to the next page',
  pagePrevText: 'button that goes back to the previous page',
  startSurveyText: 'button that starts the questionnaire',
};

const pageMeaning: Record<string, string> = { title: 'heading of the page', description: 'text under the page heading' };

const listRole: Record<string, string> = {
  choices: 'answer choice',
  rows: 'row (a statement to rate)',
  columns: 'column (a rating on the scale)',
  rateValues: 'scale point',
};

function describeElement(element: ElementJson): string {
  const kind = element.type === 'text' && element.inputType === 'number' ? 'number field' : `${element.type} question`;
  return isQuestion(element) ? `${kind} "${element.name}"` : `${element.type} block "${element.name}"`;
}

/** What one text is for, from its survey-core class and property. */
function meaningOf(slot: TextSlot, strings: Strings): string {
  const element = slot.element as ElementJson | undefined;
  const title = element ? strings[`${element.name}.title`] : undefined;
  const about = title ? ` of "${title}"` : '';
  if (slot.list === 'validators') return `error message shown when the answer${about} is not accepted`;
  if (slot.list) return `${listRole[slot.list] ?? `item of "${slot.list}"`} "${String(slot.owner.value)}"${about}`;
  const table = slot.className === 'survey' ? surveyMeaning : slot.className === 'page' ? pageMeaning : propertyMeaning;
  return table[slot.property] ?? `the "${slot.property}" text of the ${slot.className}`;
}

/** Where each key appears and what it means, so a translator can translate it out of context. */
export function namespaceContext(surveyId: string, versions: { definition: SurveyJson }[]): ContextFile {
  const context: ContextFile = {};
  const latest = versions.at(-1)?.definition;
  if (!latest) return context;
  const strings = extractSourceStrings(latest);
  for (const slot of surveyTexts(latest).slots) {
    if (!(slot.key in strings)) continue;
    const element = slot.element as ElementJson | undefined;
    const where = [`survey ${surveyId}`, slot.page && `page "${slot.page}"`, element && describeElement(element)].filter(Boolean).join(', ');
    context[slot.key] = { where, meaning: meaningOf(slot, strings) };
  }
  return context;
}

/**
 * The studies whose texts translators work on: the files in `studies/`, and every study whose
 * definition was saved in the workspace, as the database holds it (on whichever server it was saved).
 */
export async function translatableStudies(deps: { studies: StudiesRepository; definitions: StudyDefinitions; config: { studiesDir: string } }): Promise<StudyDefinition[]> {
  const byId = new Map(loadStudyTexts(deps.config.studiesDir).map((definition) => [definition.id, definition]));
  for (const row of await deps.studies.listStudies()) {
    if (row.definitionRevision > 0) byId.set(row.id, (await deps.definitions.of(row)).definition);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
