/**
 * Country questions (`choices`: bare ISO 3166-1 alpha-2 codes, the common ones first, plus
 * `unknown`) get their names from `Intl.DisplayNames` in the respondent's language. The common
 * block keeps the definition's order; the rest, which the definition lists in code order, is
 * sorted by name for that language. Call `loadRegionNames(language)` first where the browser
 * may not know the language.
 */

type Namer = (code: string) => string;

/** Languages whose country names some browsers lack; their names are generated at build time. */
const bundledNames: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  ti: () => import('virtual:region-names/ti'),
};

const namers = new Map<string, Namer>();

/** Country names in `language`: the browser's Intl where it knows the language, else the bundled table. */
export async function loadRegionNames(language: string): Promise<Namer> {
  const known = namers.get(language);
  if (known) return known;
  let namer: Namer;
  const bundled = bundledNames[language];
  if (Intl.DisplayNames.supportedLocalesOf([language]).length === 0 && bundled) {
    const table = (await bundled()).default;
    namer = (code) => table[code] ?? code;
  } else {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    namer = (code) => names.of(code) ?? code;
  }
  namers.set(language, namer);
  return namer;
}

function namerFor(language: string): Namer {
  const loaded = namers.get(language);
  if (loaded) return loaded;
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  return (code) => names.of(code) ?? code;
}

type Choice = string | number | { value: string | number; text?: unknown; [key: string]: unknown };

const isoCode = /^[A-Z]{2}$/;

function isBareCountry(choice: Choice): choice is string {
  return typeof choice === 'string' && isoCode.test(choice);
}

/** Index where the code-ordered rest begins: the longest tail of countries in ascending code order. */
export function restStart(codes: readonly string[]): number {
  let start = codes.length - 1;
  while (start > 0 && codes[start - 1]! < codes[start]!) start--;
  return Math.max(start, 0);
}

export function localizeCountryChoices(choices: readonly Choice[], language: string): Choice[] {
  const countries = choices.filter(isBareCountry);
  if (countries.length < 20) return [...choices];
  const name = namerFor(language);
  const collator = new Intl.Collator(language);
  const named = (code: string) => ({ value: code, text: name(code) });
  const split = restStart(countries);
  const common = countries.slice(0, split).map(named);
  const rest = countries
    .slice(split)
    .map(named)
    .sort((a, b) => collator.compare(a.text, b.text));
  const firstCountry = choices.findIndex(isBareCountry);
  const leading = choices.slice(0, firstCountry);
  const trailing = choices.slice(firstCountry).filter((choice) => !isBareCountry(choice));
  return [...leading, ...common, ...rest, ...trailing];
}

interface Element {
  type?: unknown;
  choices?: unknown;
  elements?: unknown;
  templateElements?: unknown;
  [key: string]: unknown;
}

/** A copy of the definition with every country dropdown named in `language`. */
export function localizeCountries<T extends { pages?: unknown }>(definition: T, language: string): T {
  const copy = structuredClone(definition);
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Element[]) {
      if (element.type === 'dropdown' && Array.isArray(element.choices)) {
        element.choices = localizeCountryChoices(element.choices as Choice[], language);
      }
      visit(element.elements);
      visit(element.templateElements);
    }
  };
  if (Array.isArray(copy.pages)) for (const page of copy.pages as Element[]) visit(page.elements);
  return copy;
}
