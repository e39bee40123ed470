import i18next, { type TFunction } from 'i18next';
import dutch from '../../locales/nl/app.json';
import { sourceLanguage, type Language } from './languages.ts';

/**
 * The app's own strings (`locales/<lang>/app.json`, i18next JSON v4). Dutch is bundled as the
 * fallback; every other language is fetched only when chosen, as its own small chunk.
 */

const loaders = import.meta.glob<{ default: Record<string, unknown> }>(['../../locales/*/app.json', '!../../locales/nl/app.json']);

const instance = i18next.createInstance();
const ready = instance.init({
  lng: sourceLanguage,
  fallbackLng: sourceLanguage,
  resources: { [sourceLanguage]: { app: dutch } },
  ns: ['app'],
  defaultNS: 'app',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export async function loadLanguage(language: Language): Promise<TFunction> {
  await ready;
  if (!instance.hasResourceBundle(language, 'app')) {
    const load = loaders[`../../locales/${language}/app.json`];
    if (load) instance.addResourceBundle(language, 'app', (await load()).default);
  }
  await instance.changeLanguage(language);
  return instance.getFixedT(language);
}

export function dutchT(): TFunction {
  return instance.getFixedT(sourceLanguage);
}

export type { TFunction };
