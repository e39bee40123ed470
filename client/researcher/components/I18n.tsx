import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formats, initialLanguage, translator, type Formats, type TFunction } from '../lib/i18n.ts';

const storageKey = 'wavepanel.researcher.language';

interface I18n {
  language: string;
  t: TFunction;
  format: Formats;
  setLanguage: (language: string) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** The workspace language: the one chosen in the header (remembered on this browser), else the browser's, else Dutch; sets `<html lang>`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState(() => initialLanguage(storedLanguage(), navigator.languages));
  const value = useMemo<I18n>(
    () => ({
      language,
      t: translator(language),
      format: formats(language),
      setLanguage: (next) => {
        try {
          window.localStorage.setItem(storageKey, next);
        } catch {
          // A browser that keeps nothing still switches for this visit.
        }
        setLanguage(next);
      },
    }),
    [language],
  );
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = value.t('app.title');
  }, [language, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
