/**
 * Small value types shared by the PAXLST, PNRGOV and MRZ parsers.
 */
import { findCountry, nationalityKey } from '../countries/countries.js';

/** A country or nationality code as the message wrote it, and what Lodestar compares it by. */
export interface CountryRef {
  /** The code as sent, upper-cased, MRZ filler removed (`D`, `DEU`, `XXB`, `GB`…). */
  readonly code: string;
  /** `nationalityKey`: ISO alpha-3 of the state (D → DEU), the ICAO code of a non-state entity; undefined if unknown. */
  readonly key: string | undefined;
  /** False when the code is neither ISO 3166 nor an ICAO 9303 code. */
  readonly known: boolean;
}

// A message names the same handful of countries thousands of times: resolve each code once per process.
const cache = new Map<string, CountryRef>();

/** The CountryRef for a code ('' → undefined); cached and frozen. */
export function countryRef(raw: string): CountryRef | undefined {
  if (raw === '') return undefined;
  let ref = cache.get(raw);
  if (ref === undefined) {
    const code = raw.trim().toUpperCase().replace(/<+$/, '');
    if (code === '') return undefined;
    const key = nationalityKey(code);
    ref = Object.freeze({ code, key, known: findCountry(code) !== undefined });
    if (cache.size < 10_000) cache.set(raw, ref); // bounded: garbage input must not grow it forever
  }
  return ref;
}

/** Gender as travel data carries it; `X` is the ICAO/IATA unspecified marker, `U` unknown. */
export type Gender = 'M' | 'F' | 'X' | 'U';

/** M/F/X/U (also MI/FI infant variants of SSR DOCS, `<` of the MRZ) → Gender; undefined when absent. */
export function genderOf(raw: string): Gender | undefined {
  switch (raw.trim().toUpperCase()) {
    case 'M':
    case 'MI':
    case 'MALE':
      return 'M';
    case 'F':
    case 'FI':
    case 'FEMALE':
      return 'F';
    case 'X':
    case '<':
      return 'X';
    case 'U':
      return 'U';
    default:
      return undefined;
  }
}
