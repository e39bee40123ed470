import { createContext, useContext } from 'react';
import { dutchT, type TFunction } from './i18n.ts';

/** The chosen language's translate function, for every component below the app. */
export const TranslationContext = createContext<TFunction>(dutchT());

export function useT(): TFunction {
  return useContext(TranslationContext);
}
