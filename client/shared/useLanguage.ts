import { useEffect, useState } from 'react';
import { applyDocumentLanguage } from './document-language.ts';
import { loadLanguage, translatorFor, type TFunction } from './i18n.ts';
import type { Language } from './languages.ts';

/**
 * The chosen language: its strings (fetched on demand), `<html lang dir>` and, for Tigrinya, the
 * font. Until a language's strings arrive the previous ones stay on screen.
 */
export function useLanguage(initial: Language): { language: Language; t: TFunction; setLanguage: (language: Language) => void } {
  const [language, setLanguage] = useState(initial);
  // The language's strings when they are here already (Dutch; the letter's language with its page).
  const [t, setT] = useState<{ fn: TFunction }>(() => ({ fn: translatorFor(initial) }));
  useEffect(() => {
    let current = true;
    void applyDocumentLanguage(language);
    void loadLanguage(language).then((fn) => current && setT({ fn }));
    return () => {
      current = false;
    };
  }, [language]);
  useEffect(() => {
    document.title = t.fn('app.title');
  }, [t]);
  return { language, t: t.fn, setLanguage };
}
