/// <reference types="vite/client" />

declare module 'virtual:region-names/*' {
  const names: Record<string, string>;
  export default names;
}

/** survey-core's dictionaries register themselves when loaded (`survey-locales.ts`); nothing of theirs is used by name. */
declare module 'survey-core/i18n/*';
