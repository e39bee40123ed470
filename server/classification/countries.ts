import { countryRows } from './countries.data.ts';

/**
 * Western or non-western, by the definition of instrument.md: a country is western when it is in
 * Europe (Turkey excluded), in North America north of Mexico, in Oceania, or is Indonesia or Japan;
 * every other country is non-western. The regions come from the checked-in table; the exceptions
 * to the plain region rule are written out here.
 */
export type Origin = 'western' | 'nonwestern';

const westernRegions: ReadonlySet<string> = new Set(['Europe', 'Oceania']);
/** North America north of Mexico: the subregion "North America" without Mexico (US, CA, GL, BM, PM, UM). */
const northAmerica = 'North America';

export const westernExceptions = {
  /** Outside the western regions but western by definition. */
  added: ['ID', 'JP'],
  /** Inside a western region (or straddling one) but non-western by definition. */
  removed: ['TR', 'MX'],
} as const;

export interface Country {
  alpha2: string;
  /** ISO 3166-1 numeric code; Kosovo has none and gets 900 from the user-assigned range 900-999. */
  numeric: number;
  region: string;
  subregion: string;
  origin: Origin;
}

/** Code used for `unknown` (and a missing answer) where a numeric code is needed, e.g. in SPSS. */
export const unknownCountryCode = 999;
const kosovoCode = 900;

function originOf(alpha2: string, region: string, subregion: string): Origin {
  if ((westernExceptions.added as readonly string[]).includes(alpha2)) return 'western';
  if ((westernExceptions.removed as readonly string[]).includes(alpha2)) return 'nonwestern';
  if (westernRegions.has(region) || subregion === northAmerica) return 'western';
  return 'nonwestern';
}

export const countries: ReadonlyMap<string, Country> = new Map(
  countryRows.map(([alpha2, numeric, region, subregion]) => [
    alpha2,
    { alpha2, numeric: numeric ?? kosovoCode, region, subregion, origin: originOf(alpha2, region, subregion) },
  ]),
);

/** Normalises an answer to an ISO alpha-2 code; `unknown`, a missing answer or a code not in the table gives null. */
export function countryCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  return countries.has(code) ? code : null;
}

/** Western or non-western for a known country code; null for `unknown`, missing or unrecognised answers. */
export function countryOrigin(value: unknown): Origin | null {
  const code = countryCode(value);
  return code ? countries.get(code)!.origin : null;
}
