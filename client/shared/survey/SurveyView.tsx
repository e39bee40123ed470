import 'survey-core/survey-core.fontless.min.css';
import './survey.css';
import { memo, useEffect, useMemo, useState } from 'react';
import { Model, settings, type PanelModel, type Question } from 'survey-core';
import { Survey } from 'survey-react-ui';
import './survey-locales.ts';
import { countriesLater } from './countries.ts';
import { enhanceSurvey } from './enhance.ts';
import type { RecordingButtons } from './recordings.ts';
import { loadSurveyStrings, surveyStringsReady } from './survey-strings.ts';
import { useT } from '../i18n-react.tsx';
import type { Language } from '../languages.ts';
import type { LocalizedDefinition } from '../../../shared/contract/surveys.ts';

export interface SurveyViewProps {
  definition: LocalizedDefinition;
  language: Language;
  data: Record<string, unknown>;
  pageNo: number;
  variables?: Record<string, unknown>;
  /** Translator preview: every page and question shown, nothing required. */
  preview?: boolean;
  /** Shared devices: no autofill on any input. */
  noAutofill?: boolean;
  /** Play buttons beside questions and answers that have a recording in this language (`loadRecordings`). */
  recordings?: RecordingButtons | undefined;
  /** Called with each new model, to attach the caller's events. */
  onModel?: (model: Model) => void;
}

// A bar that fills up, with "Page 2 of 10" in the respondent's language, instead of SurveyJS 3's
// numbered page steps: the questionnaires have up to ten pages, and on a phone the steps ran off
// the screen in a strip that scrolls sideways.
settings.legacyProgressBarView = true;
// Each page has one top-level heading, its own title (the app's header already names the
// questionnaire), and each question a heading below it, so screen readers can jump between them.
settings.titleTags.page = 'h1';
settings.titleTags.question = 'h2';
settings.titleTags.panel = 'h2';

/** Our colours (contrast at least 4.5:1 for text) and fonts (Ge'ez for Tigrinya) instead of SurveyJS's defaults. */
const theme = {
  '--sjs2-color-project-brand-600': '#0b5394',
  '--sjs2-color-bg-basic-primary-dim': '#ffffff',
  '--sjs2-color-utility-surface-survey': '#f3f5f8',
  '--sjs2-color-fg-basic-secondary': '#4a4a4a',
  '--sjs2-typography-font-family-text': 'var(--font)',
};

function previewAll(model: Model): void {
  model.validationEnabled = false;
  for (const page of model.pages) {
    page.visibleIf = '';
    page.visible = true;
  }
  for (const question of model.getAllQuestions(false, true, true)) {
    question.visibleIf = '';
    question.visible = true;
  }
  for (const panel of model.getAllPanels(false, true) as PanelModel[]) {
    panel.visibleIf = '';
    panel.visible = true;
  }
}

/**
 * A page whose following pages wait on an answer on it (the consent page, before consent) is not
 * the last page to the respondent: its button says Next, not Send, and no "Page 1 of 1" shows.
 * The progress bar shows once there is more than one page to go through.
 */
export function followPendingPages(model: Model): void {
  const send = model.completeText;
  const update = () => {
    const current = model.currentPage;
    if (!current) return;
    const later = model.pages.slice(model.pages.indexOf(current) + 1);
    const pending = model.isLastPage && later.some((page) => !page.isVisible) && current.questions.some((question: Question) => question.isVisible && question.hasInput && question.isEmpty());
    model.completeText = pending ? model.pageNextText : send;
    model.showProgressBar = model.visiblePageCount > 1;
  };
  model.onValueChanged.add(update);
  model.onCurrentPageChanged.add(update);
  update();
}

/**
 * Whether the survey can be made in the language: SurveyJS's own strings are registered, or
 * loading them was tried (offline and never loaded, SurveyJS shows its Dutch ones).
 */
function useSurveyStrings(language: Language): boolean {
  // Ready at once, the effect's answer changes nothing and renders nothing again.
  const [tried, setTried] = useState<Language | null>(() => (surveyStringsReady(language) ? language : null));
  useEffect(() => {
    let current = true;
    void loadSurveyStrings(language).then(() => current && setTried(language));
    return () => {
      current = false;
    };
  }, [language]);
  return tried === language || surveyStringsReady(language);
}

/**
 * The survey once SurveyJS has its strings for the language: the model is made with them, not
 * re-rendered later. Rendered again only for new props, not for every change around it (the
 * submission queue's state): each render goes through the whole page of questions.
 */
export const SurveyView = memo(function SurveyView(props: SurveyViewProps) {
  return useSurveyStrings(props.language) ? <SurveyModelView {...props} /> : null;
});

/** One SurveyJS model per definition and language, with the saved answers, page and variables. */
function SurveyModelView({ definition, language, data, pageNo, variables, preview = false, noAutofill = false, recordings, onModel }: SurveyViewProps) {
  const t = useT();
  const [model, undoEnhancements] = useMemo(() => {
    const countries = countriesLater(definition, language);
    const created = new Model(countries.definition);
    created.locale = language;
    created.showTitle = false;
    // SurveyJS stores its default locale (Dutch) as '' and then marks the survey `lang="en"`.
    created.onAfterRenderSurvey.add((_, { htmlElement }) => htmlElement.setAttribute('lang', language));
    created.applyTheme({ cssVariables: theme });
    // Rating scales as buttons with faces (they wrap on a phone), never a dropdown.
    for (const question of created.getAllQuestions(false, false, true)) {
      if (question.getType() === 'rating') question.setPropertyValue('displayMode', 'buttons');
      if (noAutofill && question.getType() === 'text') question.setPropertyValue('autocomplete', 'off');
    }
    if (preview) previewAll(created);
    for (const [name, value] of Object.entries(variables ?? {})) created.setVariable(name, value);
    created.data = data;
    if (pageNo > 0 && pageNo < created.visiblePageCount) created.currentPageNo = pageNo;
    if (!preview) followPendingPages(created);
    const stopNaming = countries.nameOnDemand(created);
    // Before the first render: SurveyJS reports rendered questions before React effects run.
    const undoEnhancements = enhanceSurvey(created, language, { readAloud: t('survey.readAloud'), stopReading: t('survey.stopReading') });
    const undoRecordings = recordings?.(created, t('survey.playRecording'));
    const undo = () => {
      stopNaming();
      undoEnhancements();
      undoRecordings?.();
    };
    return [created, undo] as const;
    // A new model only for another definition or language; answers and page travel in the props.
  }, [definition, language, preview, noAutofill, recordings]);

  useEffect(() => undoEnhancements, [undoEnhancements]);
  useEffect(() => onModel?.(model), [model, onModel]);

  return <Survey model={model} />;
}
