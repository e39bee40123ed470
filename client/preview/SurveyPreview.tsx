import { useEffect, useMemo, useState } from 'react';
import type { Model } from 'survey-core';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { useT } from '../shared/i18n-react.tsx';
import type { Language } from '../shared/languages.ts';
import { loadRegionNames } from '../shared/survey/countries.ts';
import { SurveyView } from '../shared/survey/SurveyView.tsx';
import type { LocalizedDefinition } from '../../shared/contract/surveys.ts';
import { withTranslationKeys } from '../shared/survey/translation-keys.ts';

/** One survey in one language, every page reachable, no required checks, nothing sent. `load` gives its definition in a language. */
export function SurveyPreview({ load, language }: { load: (language: Language) => Promise<LocalizedDefinition>; language: Language }) {
  const t = useT();
  const [definition, setDefinition] = useState<LocalizedDefinition | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showKeys, setShowKeys] = useState(false);
  const [model, setModel] = useState<Model | null>(null);
  const [pageNo, setPageNo] = useState(0);

  useEffect(() => {
    let current = true;
    setError(null);
    Promise.all([load(language), loadRegionNames(language)]).then(
      ([json]) => current && setDefinition(json),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [load, language]);

  const shown = useMemo(() => (definition && showKeys ? withTranslationKeys(definition) : definition), [definition, showKeys]);

  useEffect(() => {
    if (!model) return;
    model.onCurrentPageChanged.add((sender) => setPageNo(sender.currentPageNo));
    // Completing a preview only shows the last page again: nothing is sent anywhere.
    model.onCompleting.add((_, options) => {
      options.allow = false;
    });
  }, [model]);

  return (
    <>
      <ErrorMessage error={error} language={language} />
      <div className="preview-tools">
        <label className="preview-tools__keys">
          <input type="checkbox" checked={showKeys} onChange={(event) => setShowKeys(event.target.checked)} /> {t('preview.showKeys')}
        </label>
        {model && (
          <nav aria-label={t('preview.pages')}>
            <ol className="preview-pages">
              {model.visiblePages.map((page, index) => (
                <li key={page.name}>
                  <button type="button" className="button" aria-current={index === pageNo ? 'page' : undefined} onClick={() => (model.currentPageNo = index)}>
                    {index + 1}. {page.name}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        )}
      </div>
      {shown && <SurveyView definition={shown} language={language} data={{}} pageNo={pageNo} preview onModel={setModel} />}
    </>
  );
}
