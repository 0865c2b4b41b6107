/**
 * Country and nationality codes as travel documents, passenger data and watchlists write them: ISO 3166-1 alpha-3
 * (Lodestar's canonical form), ISO alpha-2 (FollowTheMoney, CTDC), and the ICAO Doc 9303 codes that are not ISO
 * (D for Germany, British nationality classes, UN, stateless and refugee codes, Kosovo). Pure data and lookups.
 */
import { iso31661 } from 'iso-3166';

export type CountryKind = 'state' | 'icao';

export interface Country {
  /** Canonical code: ISO alpha-3, or the ICAO code for entities ISO does not list. */
  readonly code: string;
  readonly alpha2: string | undefined;
  readonly name: string;
  readonly kind: CountryKind;
  /** For ICAO codes that stand for a state's nationals (D, GBD…), the state's ISO alpha-3. */
  readonly state: string | undefined;
}

/** ICAO 9303 Part 3 codes that are not ISO 3166-1 alpha-3 codes of assigned countries. */
const icaoCodes: readonly (readonly [code: string, name: string, state?: string])[] = [
  ['D', 'Germany', 'DEU'],
  ['GBD', 'British Overseas Territories Citizen', 'GBR'],
  ['GBN', 'British National (Overseas)', 'GBR'],
  ['GBO', 'British Overseas Citizen', 'GBR'],
  ['GBP', 'British Protected Person', 'GBR'],
  ['GBS', 'British Subject', 'GBR'],
  ['UNO', 'United Nations Organization or one of its officials'],
  ['UNA', 'Specialized agency of the United Nations or one of its officials'],
  ['UNK', 'Resident of Kosovo to whom a travel document has been issued by UNMIK'],
  ['XBA', 'African Development Bank'],
  ['XIM', 'African Export-Import Bank'],
  ['XCC', 'Caribbean Community or one of its emissaries'],
  ['XCE', 'Council of Europe'],
  ['XCO', 'Common Market for Eastern and Southern Africa'],
  ['XEC', 'Economic Community of West African States'],
  ['XES', 'Organization of Eastern Caribbean States'],
  ['XMP', 'International Federation of Red Cross and Red Crescent Societies'],
  ['XOM', 'Sovereign Military Order of Malta or one of its emissaries'],
  ['XPO', 'INTERPOL'],
  ['EUE', 'European Union'],
  ['XXA', 'Stateless person (1954 Convention)'],
  ['XXB', 'Refugee (1951 Convention)'],
  ['XXC', 'Refugee (other than the 1951 Convention)'],
  ['XXX', 'Person of unspecified nationality'],
  ['RKS', 'Kosovo', 'RKS'],
  ['XXK', 'Kosovo', 'RKS'],
  ['UTO', 'Utopia (ICAO specimen documents only)'],
];

const byCode = new Map<string, Country>();
const byAlpha2 = new Map<string, Country>();

for (const entry of iso31661) {
  const country: Country = {
    code: entry.alpha3,
    alpha2: entry.alpha2,
    name: entry.name,
    kind: 'state',
    state: entry.alpha3,
  };
  byCode.set(entry.alpha3, country);
  byAlpha2.set(entry.alpha2, country);
}
for (const [code, name, state] of icaoCodes) {
  byCode.set(code, { code, alpha2: undefined, name, kind: 'icao', state });
}
// Kosovo has no ISO code; FollowTheMoney and many lists write it XK.
byAlpha2.set('XK', byCode.get('RKS')!);

/** All known countries and ICAO codes, ISO states first. */
export const allCountries: readonly Country[] = [...byCode.values()];

/**
 * Finds a country by ISO alpha-3, ISO alpha-2 or ICAO code, in any case, ignoring MRZ filler (`D<<`).
 * Returns undefined for an unknown code.
 */
export function findCountry(code: string): Country | undefined {
  const key = code.trim().toUpperCase().replace(/<+$/, '');
  if (key.length === 2) return byAlpha2.get(key);
  return byCode.get(key);
}

/**
 * The code to compare nationalities by: the ISO alpha-3 of the state (so D, DEU and de agree), the ICAO code of a
 * non-state entity, or undefined when the code is unknown.
 */
export function nationalityKey(code: string): string | undefined {
  const country = findCountry(code);
  return country === undefined ? undefined : (country.state ?? country.code);
}

/**
 * Whether any of a person's nationalities (codes in any form: one, several, or none given) is one of `keys`
 * (nationalityKey codes).
 */
export function ofNationality(
  nationalities: readonly string[] | string | undefined,
  keys: ReadonlySet<string>,
): boolean {
  if (nationalities === undefined) return false;
  if (typeof nationalities === 'string') return keys.has(nationalityKey(nationalities) ?? '');
  for (const n of nationalities) if (keys.has(nationalityKey(n) ?? '')) return true;
  return false;
}

/** True for the stateless and refugee codes of ICAO 9303 (XXA, XXB, XXC). */
export function isStatelessOrRefugee(code: string): boolean {
  const key = findCountry(code)?.code;
  return key === 'XXA' || key === 'XXB' || key === 'XXC';
}
