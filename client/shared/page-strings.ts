import { pageStringsId, type PageCatalog } from '../../shared/page-strings.ts';
import { isLanguage, type Language } from './languages.ts';

/** A catalog the page came with (`shared/page-strings.ts`), in its language; none when absent or unreadable. */
export function stringsFromPage(catalog: PageCatalog): { language: Language; strings: Record<string, unknown> } | undefined {
  // The module is also loaded outside a browser (the unit tests of the strings): no page, nothing served with it.
  if (typeof document === 'undefined') return undefined;
  const element = document.getElementById(pageStringsId(catalog));
  const language = element?.dataset.lang;
  if (!element?.textContent || !isLanguage(language)) return undefined;
  try {
    return { language, strings: JSON.parse(element.textContent) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
