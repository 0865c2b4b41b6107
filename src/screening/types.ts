/**
 * The plain data the screening engine consumes and returns. The watchlist layer maps database rows to
 * `PersonRecord`; the HTTP and check layers build `PersonQuery` / `DocumentQuery` from requests or MRZs.
 */

/** A travel or identity document held by a watchlisted person. */
export interface DocumentRecord {
  readonly number: string;
  /** Issuing state in any code form (alpha-2, alpha-3, ICAO). */
  readonly country?: string | undefined;
  readonly type?: string | undefined;
}

/** One watchlisted person as the engine indexes it. */
export interface PersonRecord {
  /** Dense internal id (0, 1, 2, …) chosen by the watchlist layer; arrays are indexed by it. */
  readonly key: number;
  readonly entityId: string;
  /** The name and all aliases, in any script. */
  readonly names: readonly string[];
  /** ISO 8601 dates, possibly partial (`1962`, `1962-05`). */
  readonly birthDates: readonly string[];
  /** Nationalities in any code form. */
  readonly nationalities: readonly string[];
  readonly gender?: 'male' | 'female' | 'other' | undefined;
  readonly documents: readonly DocumentRecord[];
}

/** What a border check or passenger list asks about one traveller. */
export interface PersonQuery {
  readonly names: readonly string[];
  readonly birthDate?: string | undefined;
  readonly nationality?: string | undefined;
  readonly gender?: string | undefined;
  readonly documents?: readonly { readonly number: string; readonly country?: string | undefined }[] | undefined;
}

/** A document number to look up in the stolen/lost and person document lists. */
export interface DocumentQuery {
  readonly number: string;
  readonly country?: string | undefined;
}

/** How two values were found to agree (or disagree). */
export type MatchHow =
  | 'exact'
  | 'variant'
  | 'phonetic'
  | 'translit'
  | 'fuzzy'
  | 'initial'
  | 'joined'
  | 'partial'
  | 'swapped'
  | 'year_off'
  | 'ocr'
  | 'match'
  | 'mismatch';

/** One feature that moved a score, with the values compared. */
export interface ExplanationFeature {
  /**
   * `name`, `name.token`, `name.alias` (a part another of the person's names confirms), `birthDate`, `nationality`,
   * `gender`, `document`.
   */
  readonly feature: string;
  /** The feature's weight inside its group (tokens) or its signed effect on the score (evidence). */
  readonly weight: number;
  /** What it added to (or, when negative, removed from) the final score. */
  readonly contribution: number;
  readonly query: string;
  readonly candidate: string;
  readonly how: MatchHow;
}

/** One candidate found by a screening, best first. */
export interface ScreeningHit {
  readonly key: number;
  readonly entityId: string;
  /** In [0, 1]. */
  readonly score: number;
  /** True when `score >= threshold`. */
  readonly match: boolean;
  readonly explanation: readonly ExplanationFeature[];
}

/** The answer to one screening, tagged with the matcher that produced it (stored with every hit). */
export interface ScreeningResult {
  readonly matcher: string;
  readonly version: string;
  readonly threshold: number;
  readonly hits: readonly ScreeningHit[];
}

/** A document hit: which entry holds the number and how it matched. */
export interface DocumentHit {
  readonly key: number;
  readonly entityId: string;
  readonly number: string;
  readonly country: string | undefined;
  readonly type: string | undefined;
  /** 1 for the exact number, lower when only the OCR-folded forms agree. */
  readonly score: number;
  readonly how: 'exact' | 'ocr';
}

/** Options of a person screening. */
export interface ScreenOptions {
  /** How many hits to return at most (default 10). */
  readonly limit?: number;
  /** Score at or above which a hit is a match (default: the matcher's threshold). */
  readonly threshold?: number;
  /** Return only hits at or above the threshold (default false: the top `limit` whatever their score). */
  readonly matchesOnly?: boolean;
  /**
   * Which hits get an explanation: `all` (default), `matches` (hits at or above the threshold; the others get
   * an empty list) or `none` (fastest: scores only).
   */
  readonly explain?: 'all' | 'matches' | 'none' | undefined;
}
