import { useEffect, useMemo, useState } from 'react';
import { surveyTexts } from '../../shared/survey-text.ts';
import { useI18n } from '../researcher/components/I18n.tsx';
import { request } from '../shared/api-client.ts';
import { applyDocumentLanguage } from '../shared/document-language.ts';
import { loadLanguage, type TFunction } from '../shared/i18n.ts';
import { TranslationContext } from '../shared/i18n-react.tsx';
import { directionOf, type Language } from '../shared/languages.ts';
import { SurveyView } from '../shared/survey/SurveyView.tsx';
import type { LocalizedDefinition } from '../../shared/contract/surveys.ts';
import type { WorkspaceFile } from '../../shared/contract/translate.ts';

type Json = Record<string, unknown>;

/**
 * The Dutch definition with the translations as they are in the editor (saved or not), cut down
 * to what the focused key belongs to: its question, else its page, else the first page.
 */
function previewDefinition(dutch: LocalizedDefinition, translations: Record<string, string>, focused: string | undefined): LocalizedDefinition {
  const copy = structuredClone(dutch) as Json;
  const { slots } = surveyTexts(copy);
  for (const slot of slots) {
    const text = translations[slot.key];
    // HTML is shown as text here: the server sanitises saved HTML, this text is not saved yet.
    if (text !== undefined && text.trim() !== '') slot.owner[slot.field] = slot.html ? text.replace(/</g, '&lt;') : text;
  }
  const slot = slots.find((s) => s.key === focused);
  const pages = copy.pages as Json[];
  const page = pages.find((p) => p.name === slot?.page) ?? pages[0]!;
  const elements = slot?.element ? [slot.element] : page.elements;
  return { ...copy, pages: [{ ...page, elements }] };
}

/** The focused string as a respondent sees it: phone width, the language's direction and script. */
export function StringPreview({ file, language, translations, focused }: { file: WorkspaceFile; language: Language; translations: Record<string, string>; focused: string | undefined }) {
  const { t: workspaceT, language: workspaceLanguage } = useI18n();
  const [dutch, setDutch] = useState<LocalizedDefinition>();
  const [t, setT] = useState<{ fn: TFunction }>();

  useEffect(() => {
    if (!file.survey) return;
    let current = true;
    request('GET /api/surveys/:surveyId/:version', { params: { surveyId: file.survey.id, version: file.survey.version }, query: { locale: 'nl' } }).then(
      (definition) => current && setDutch(definition),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [file.survey]);

  useEffect(() => {
    let current = true;
    void loadLanguage(language).then((fn) => current && setT({ fn }));
    // The workspace itself stays in its own language; only the preview takes the language (and its font).
    void applyDocumentLanguage(language).then(() => {
      document.documentElement.lang = workspaceLanguage;
      document.documentElement.dir = directionOf(workspaceLanguage as Language);
    });
    return () => {
      current = false;
    };
  }, [language, workspaceLanguage]);

  const definition = useMemo(() => (dutch ? previewDefinition(dutch, translations, focused) : undefined), [dutch, translations, focused]);
  const appText = focused ? (translations[focused] ?? file.strings.find((s) => s.key === focused)?.source) : undefined;

  return (
    <section className="translate__preview" aria-label={workspaceT('translate.preview')}>
      <h2>{focused ? workspaceT('translate.previewOf', { key: focused }) : workspaceT('translate.preview')}</h2>
      <div className="phone" lang={language} dir={directionOf(language)} data-testid="preview">
        {file.survey
          ? definition && t && (
              <TranslationContext.Provider value={t.fn}>
                <SurveyView definition={definition} language={language} data={{}} pageNo={0} preview />
              </TranslationContext.Provider>
            )
          : appText && <p className="message">{appText}</p>}
      </div>
    </section>
  );
}
