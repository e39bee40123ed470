import { pageStringsId, type PageCatalog } from '../../shared/page-strings.ts';
import { isLanguage, type Language } from './languages.ts';

/** A catalog the page came with (`shared/page-strings.ts`), in its language; none when absent or unreadable. */
export function stringsFromPage(catalog: PageCatalog): { language: Language; strings: Record<string, unknown> } | undefined {
  const element = document.getElementById(pageStringsId(catalog));
  const language = element?.dataset.lang;
  if (!element?.textContent || !isLanguage(language)) return undefined;
  try {
    return { language, strings: JSON.parse(element.textContent) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
