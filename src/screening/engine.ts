/**
 * The screening engine: one façade over the person store, its blocking index and the document index. Pure and
 * in memory: the watchlist layer feeds it records (and their removals) as they change, border checks and
 * passenger lists query it. Every result carries the matcher's name and version, stored with each hit.
 */
import { dateKey } from './blocking-keys.js';
import { DocumentIndex } from './document-index.js';
import { headTailTokens, kindWeight, type NameContext } from './name-match.js';
import { NameBound } from './name-bound.js';
import { PersonIndex, includes } from './person-index.js';
import { PersonStore } from './person-store.js';
import { QuickScorer } from './prerank.js';
import { SimilarityMemo } from './similarity-memo.js';
import {
  explainCandidate,
  prepareQuery,
  restoreScoreState,
  saveScoreState,
  scoreBound,
  scoreCandidate,
  type PreparedQuery,
} from './score.js';
import { TokenTable } from './token-table.js';
import { populationInfo } from './common-names.js';
import { russianLatinReadings } from './translit/cyrillic.js';
import { germanReadings } from './translit/german.js';
import { somaliReadings } from './translit/somali.js';
import { thaiReadings } from './translit/thai.js';
import type {
  ExplanationFeature,
  DocumentHit,
  DocumentQuery,
  PersonQuery,
  PersonRecord,
  ScreenOptions,
  ScreeningHit,
  ScreeningResult,
} from './types.js';

/** The matcher's name, recorded with every hit. */
export const MATCHER_NAME = 'lodestar-name';
/**
 * The matcher's version: changes whenever scores can change. 2.1 keeps memoised token similarities and token
 * weights in full precision: rounded to float32 they broke ties between equally similar tokens differently
 * depending on which candidates had been scored first, so a candidate's score depended on its neighbours. 2.2
 * caps what the world's commonest names and single Chinese or Korean syllables say about identity
 * (common-names.ts), lets an initial cover a name without identifying it, joins tokens by skeleton only when
 * their spelling agrees, and lets an exact birth date (with a matching nationality, more) lift any name that
 * agrees in part. 2.3 lets the candidate's other names confirm what the best name pair leaves unmatched
 * (score.ts, ALIAS_SHARE), trusts a consonant skeleton from a script without short vowels less and no longer takes
 * its B for F or L for R (name-match.ts, LOSSY_AGREES; similarity.ts, writtenSkeletonDistance), reads German transcriptions of Cyrillic names in English as well (translit/german.ts), and
 * takes King, Prince, Major, Don and the like for names unless they open a name. 2.4 keys a particle written together
 * with the name after it and counts such a joined form in the quick score ("AL-MADANI" finds "ALMADANI"; blocking-keys.ts,
 * prerank.ts), lets two query tokens written as one candidate token win over an initial the greedy pairing gave one
 * of them, and joins syllables that the Korean surname folding had respelled ("LI, Hong Ri" is "LI, Hongri";
 * name-match.ts). 2.5.0 reads a Korean name written in Latin letters in any romanisation: in a name with a Korean
 * surname, each word of romanised Korean syllables has the spelling that McCune–Reischauer, Revised Romanisation and
 * passport spellings fold to as its alternative, keyed for blocking and counted in the quick score (KIM Chae-hyok finds
 * Kim Jae-hyeok, and KIM Chaehyok too: a word joins two by their alternative spellings; tokens.ts,
 * translit/korean.ts, name-match.ts). It also reads ur, ud and us as the article, like ul, and keys a name with the article
 * written onto the name before it, as South Asian names write it (Hameedul is Hameed ul, Abd ur Rahman is Abdur Rahman;
 * blocking-keys.ts, prerank.ts); and its quick score credits a query word with an article written onto its start to the
 * name written apart (ALKURDI reaches the scorer for AL-KURDI among many namesakes). 2.6.0 changes which candidates
 * reach the scorer, not how they are scored: among the candidates the quick score ties at its cut, those whose names
 * come nearest the query's words go on (JOUMHA, Aymen finds JOUMAA, Ayman among the many Aymans), and blocking's three
 * best always go on (JALALMAAB, Mohammad finds JALAL MAAB, Mohammad among the many Mohammads; see preselect). It also
 * keys a word the Korean surname folding respelled written together with its neighbour as written, and joins it
 * whatever its first letter, so Chinese given names are found with and without spaces where the syllable is also a
 * Korean surname (LIU Changsheng finds Liu Chang Sheng, folded JANG; tokens.ts, blocking-keys.ts, name-match.ts).
 * 2.7.0 also changes only which candidates reach the scorer: blocking asks for the listed skeletons one edit away from
 * a query word that few listed persons have, so a slip of one letter-sound in a rare name no longer hides the person
 * when the rest of the name is common (AMESCUA, Chuey finds AMEZCUA, Chuy; near-skeletons.ts, person-index.ts). And
 * the quick score counts a word shared by its skeleton only at half a word spelled the same, so candidates that share
 * a short skeleton with the query (OSUNA and SANA) no longer take the scorer's places from those sharing a word as
 * written (prerank.ts). The default threshold moves with it (DEFAULT_THRESHOLD). A name written surname first
 * whose "Abu" or "Abd" was left at the end ("MARZOUK, Musa Abu") is read in its spoken order, so the kunya joins as
 * where the name is written in order (ABU MARZOUK; tokens.ts). 2.8.0 reads an "Abu" alone after the comma the same
 * way: "ZUBAYR, Abu" is the kunya Abu Zubayr (tokens.ts, kunyaInOrder). 2.9.0 takes a word that starts with Q for
 * one that starts with G or GH where the rest agrees, as ق is romanised (QADHAFI is GADDAFI, QASEMI GHASEMI; and
 * قاسمی is GHASEMI; name-match.ts, Q_AS_G). 2.10.0 takes Z for D past a word's first sound where the spellings are
 * otherwise near, as ض and ذ are Z in Persian and D or DH in Arabic romanisation (REZA is RIDA and RIDHA, MORTEZA
 * MURTADA; name-match.ts, zAsD). 2.11.0 reads Chinese names in Wade–Giles as in Pinyin: in a name with a Chinese
 * surname (and no Korean one, unless a word is spelled as only Chinese romanisations spell), each word of Chinese
 * syllables has the spelling both fold to as its alternative, keyed and scored as the Korean ones are (CHANG
 * Hsiao-ming finds ZHANG Xiaoming, MAO Tse-tung MAO Zedong; translit/chinese.ts, tokens.ts). 2.12.0 gives a Cyrillic
 * word with Щ its Bulgarian reading, SHT, as an alternative (Щерев is SHTEREV as well as SHCHEREV; translit/cyrillic.ts).
 * 2.13.0 reads Ethiopic (Amharic, Tigrinya) and the Indian scripts laid out as Devanagari (Bengali, Gurmukhi,
 * Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam), which it used to drop (translit/other.ts); 2.14.0 Khmer, Lao
 * and Burmese, one word a Burmese syllable as names are written in Latin letters (translit/southeast-asian.ts).
 * 2.15.0 takes two spellings with the same consonants for the same name where they agree once their vowels and
 * doubled letters are written plain and Q as K (QASIM is KASSEM, FOUAZ FAWAZ; name-match.ts, VOWEL_SPELLING). 2.16.0
 * takes a theophoric name's tail for the name without its Abd, as part of it (AZIZ for ABDUL AZIZ; ABD_TAIL). 2.17.0
 * changes only which candidates reach the scorer: a query word no more than two listed persons have pairs its near
 * skeletons with the other words of its name, so a slip into a common word beside a common word still finds the
 * person (MURPHY, Jacol finds MURPHY, Jacob; person-index.ts). 2.18.0 also changes only which
 * candidates reach the scorer: the quick score counts a query initial that begins a word of the name, so I. M.
 * KORNILOV reaches the scorer for Igor Mikhailovich KORNILOV among many Kornilovs (prerank.ts, INITIAL_ONLY). 2.19.0
 * pairs the near skeletons of every word that asks for them, not only of words two persons have at most, and weighs
 * the pairs below the keys of words as written (person-index.ts, NEAR_PAIR_WEIGHT). 2.20.0, also for candidates only:
 * a query asks for the pairs its name would have with two adjacent words written together, and the quick score counts
 * two words written together as a word of the name spells them as spelled the same (HAO Jing-jie finds HAO Jingjie
 * among many Haos, Jings and Jingjies; person-index.ts, joinedPairKeys; prerank.ts). 2.21.0 reads a word's CH as K
 * where Greek, Dutch and Indonesian spellings write K or KH so (CHRISTIAN is KRISTIAN, MOCHAMMAD MUHAMMAD, ACHWAN
 * AKHWAN; name-match.ts, chSimilarity). 2.22.0 takes short words (four letters or fewer) two edits apart for the same
 * name where they are one spelling once their vowels are written plain (ALEIK is ALIQ, MOOSA MUSA; VOWEL_SPELLING).
 * 2.23.0 counts a birth date five years or more from the listed one, unless one digit of the year was written wrong
 * or two swapped, as more surely another person's (dates.ts, DATE_FAR; score.ts, dateEffect: -0.45 against -0.3).
 * 2.24.0 lifts a name that shares up to half of the query by an exact birth date only as far as the date is rare in
 * the list, as it did below a third (score.ts, DATE_EXACT_NAME_FLOOR). 2.25.0 reads the diphthong written EI or EY as
 * AI too where it compares spellings with their vowels written plain (SEIF is SAYF, ZEIN ZAYN; name-match.ts,
 * plainAlike). 2.26.0 changes only which candidates reach the scorer: a query word with CH or KH also asks blocking for
 * the skeletons of its other spellings, CH read as K and KH after a vowel written CH (AKHWAN, Muhammad finds ACHWAN,
 * Muhammad among many Muhammads; name-match.ts, forEachChSkeleton; person-index.ts). 2.27.0 counts a birth date of
 * the listed year whose month and day are both other as a mismatch, as a year off with the month other is: two of the
 * date's three parts wrong (-0.3, was -0.1), unless one side is 1 January, which registries and passports write for a
 * date they know only the year of (dates.ts, compareDates). 2.28.0 takes a name for the family name or kunya formed on
 * it with Abu, as part of it, as it takes a theophoric name's tail for the name with its Abd (Khaled Hamdan Shanab is
 * Khaled Hamdan Abu Shanab; name-match.ts, HEAD_TAIL, which ABD_TAIL was). 2.29.0 takes GH for Q past a word's first
 * letter in the short words skeletonsNear leaves, as Persian romanises ق (TAGHI is TAQI, YAGHOUB YAQUB, نقی NAGHI;
 * name-match.ts, qAsGhWithin). 2.30.0 counts a full birth date with two of its three parts other (month and day, or
 * the year and either) more surely against, -0.4 where -0.3 was, and one years apart -0.5 where -0.45 was; a date with
 * only its year other, by a few years or a slip of a digit, stays at -0.3, as the person's date written wrong may be
 * (dates.ts, DATE_YEAR_WRONG; score.ts, dateEffect). At 200,000 synthetic persons, namesakes born another day had
 * raised a tenth of the flight alerts, none of them true. 2.31.0 reads a name written in Somali orthography as the
 * Arabic-derived and English spellings write it too, X as H, C left out, long vowels once (Maxamed Cabdi Xasan as
 * Mahamed Abdi Hasan; translit/somali.ts), where a word shows it with a doubled vowel or the person is of a country
 * where Somali is written. 2.32.0 changes only which candidates reach the scorer: the quick score credits a kunya asked
 * about (ABUDIRIYE, as the tokenizer joins "Abu Diriye") with the name its Abu leads (DIRIYE; blocking-keys.ts,
 * articleStemKey), and among candidates tied at its cut a name that is the other with Abu or Abd before it comes
 * near (engine.ts, nearness; name-match.ts, headTailTokens). 2.33.0 reads W as V where one spelling has a W the other has
 * not and the other a V (Arabic and Persian و, Thai ว, Polish and German W: VALED is WALID, FADWI FADAVI; name-match.ts,
 * W_AS_V). 2.34.0 reads Thai by syllables after RTGS, where it read letter by letter: a consonant closing a syllable
 * as a final (ญ N, ร N, จ T), a syllable without a written vowel with O or A, letters under the thanthakhat silent
 * (บุญมี is BUNMI, not BUYMI; จันทร์เพ็ญ CHANPHEN; translit/thai.ts). 2.35.0 screens a Thai person's names in one
 * spelling of Thai in Latin letters too, on both sides, aspirates written plain, an unread R left out, J as CH
 * (SIRIPHON, SIRIPORN and ศิริพร as SIRIPON; translit/thai.ts, thaiReadings): a name in Thai script, or a Latin name
 * where the person is of Thailand. 2.36.0 lets a birth year (or year and month) that agrees add 0.1, not 0.15, to a
 * name scoring under 0.45, as one word of two in common does: namesakes of the same family born the same year no
 * longer alert (score.ts, DATE_PARTIAL_NAME_FLOOR). 2.37.0 counts a birth year one off where one side gives the year
 * alone (listed as born in 1999, a traveller born in 2000) against, -0.1, as a date of the same year with the day
 * other; it counted for, as a year one off with month and day agreeing. 2.38.0 counts such a year two or more off as
 * two of a date's parts other (-0.4), not as a slip of the year (-0.3). 2.39.0 tells these where dates are compared
 * (dates.ts, compareDates: near, mismatch), where the scorer told them apart after: same scores, and a candidate's
 * dates are now ranked by them; the explanation says "mismatch", not "year_off". 2.40.0 reads a query name written
 * family name first ("NEJAD, Farhad Karimi") as a ring: its last given name and its first family name, neighbours
 * when it is spoken, may be one word of the listed name written together (KARIMINEZHAD), keyed so by blocking and the
 * quick score and joined so by the scorer and its bound (tokens.ts, readAsRing). Persian family names are compounds a
 * list may split at the comma (-zadeh, -nejad, -pour). 2.41.0 reads a listed name so too, in the scorer only
 * (person-store.ts, ringedNames): KARIMINEJAD, Farhad is NEZHAD, Farhad Karimi. Keyed for blocking as well, the
 * listed names' wrapped pairs lost 3 aliases from the top 10 and raised a false alert on the development set. 2.42.0
 * joins a ring's ends only where they are words (tokens.ts, readAsRing): an article, a title or an initial at either
 * end made Ahmed ALHASSAN a match (0.67) for a listed AL-KAMEL, Ahmed Hassan; the Abd of a theophoric name and its
 * article stay joinable (UR-REHMAN, Abd is ABDUR REHMAN). 2.43.0 decides that once, where a name is tokenised, so
 * blocking and the quick score no longer key a wrapped pair the scorer would not join: AL-MAKANI, Adil Abd Fari is
 * back in the top 10 of its alias (development set: Latin names alone in the top 10 5,860 to 5,861). 2.44.0 keys a near
 * skeleton's pair with another word of the query as the list keys that pair (person-index.ts, partners): the other
 * word's skeleton hash was kept as a signed integer, so for half of all words (those whose hash has its top bit set)
 * the pair asked for was no one's, and a slip beside a common word (KELLY, Jacol) found nobody. 2.45.0 keys a long word
 * of few consonants by its spelling as well as its skeleton (blocking-keys.ts, SPELLED_SKELETON): OMOYEMI's skeleton, M,
 * is everyone's, so "B. OMOYEMI" found no one. 2.46.0 keys an initial's letter with each other word of the name
 * (blocking-keys.ts, KEY_INITIAL; a listed name, every word's first letter so): "S SCHAEFER" found no Sven SCHÄFER among
 * many Schaefers. These keys have buckets of their own, so words' weights do not change: in the shared buckets they
 * took 18 found positives from the development set, every one by a slightly lower score. 2.47.0 changes only which
 * candidates a screening for matches only (alerts) scores: the quick score ranks, for the scorer's places, only the
 * blocking candidates whose bound may reach the threshold, so namesakes who cannot match (born decades apart, of
 * another gender and nationality) no longer crowd out one who does (engine.ts, keepReachable). It finds every hit it
 * found before, and more: 2,036 alerts where 2,023 were for 20,000 synthetic travellers against a million persons.
 * 2.48.0 reads more of the standards' spellings (normalize.ts, scripts.ts, translit/): a format character inside a
 * word (a zero-width joiner, the non-joiner of Persian compounds, a soft hyphen) is deleted, not a space, so it no
 * longer splits a name to dodge screening; Azerbaijani Ə and the other IPA-block letters of African orthographies
 * are Latin; a Cyrillic name without Russian-only letters is read the Ukrainian way too (KMU 2010: Г as H, ЗГ as ZGH),
 * and ў marks Belarusian; German transcriptions of Russian names (Juri Petrow, Iwan Saizew) and the passport spelling
 * of 2006–2010 and GOST 7.79 B (Tcoi, Xabarov) are read back; Greek γκ starts a word as G; old ICAO UXX and NXX are Ü
 * and Ñ. Development set unchanged (11,819 ranked first, 12,708 in the top 10, 11,049 found, 19 false alerts).
 * 2.49.0 reads Arabic script, Chinese characters and Hangul as more of their romanisations do (translit/arabic.ts,
 * cjk.ts, chinese.ts, korean.ts; tokens.ts, name-match.ts): an Arabic-script word has one other reading, Persian (و as
 * V, ذ as Z, ث as S: BGN/PCGN 1958) where the name has a letter only Persian or Urdu uses, else Egyptian (ج as G);
 * pinyin ü is U (LYU, LU), Wade–Giles HSÜ is XU; words in characters and Hangul carry their folded spelling as an
 * alternative that is keyed and scored (曹 finds TSAO), and against Hangul O and U are one vowel (ㅓ is EO, Ŏ or U) and
 * an opening I may be the surname Lee. ض as Z was tried and left out: it made every Reza of a Mohammad Reza a Z and
 * added 5 false alerts. Development set: Arabic names with a birth date in the top 10 0.991 to 0.994, Arabic
 * positives found at the threshold 0.840 to 0.848 (names alone) and 0.944 to 0.950 (with a birth date); one Latin
 * alias (scored about 0.2) left the top 10; the same 19 false alerts. 2.50.0 weighs words and birth dates by exact
 * counts of the persons who have them (person-index.ts, KeyCounts), where it read the count of the bucket their key
 * fell into, which other words', pairs' and dates' keys share: a word's weight and a date's rarity no longer depend on
 * the size of the table or how it grew (of 31,660 partial names with a birth date screened against 20,000 synthetic
 * persons, 11 alerted in a table of the default size and not in one sized for a million, or the other way; none now).
 * Counted exactly, rare words weigh a little more. It also fixes what blocking returns: a person added as the table
 * grew was linked twice and, removed, came back as a hit (insert); a query's keys past its first 256 were dropped, so
 * the rarest, of a name asked last, was never walked (all are ordered now); and persons of equal blocking sums were
 * chosen by the order their postings were walked, now by the lower person key, buckets compacted oldest first
 * (selectTop, compact), so a list answers the same whatever order it was loaded in (the same 10,000 persons added by
 * ascending and by descending key: 242 of 2,000 top-10 lists differed, none now). And a screening for matches only
 * bounds a word that is another with an Abu before it, or with GH for Q or W for V, as close where their skeletons are
 * the same (token-sketch.ts, relation): bounded as alike (0.88), ABSHIR lost its alert for ABOU BASHIR, 0.94 by
 * Jaro–Winkler. Development set: 11,822 ranked first (11,820), 12,706 in the top 10 (12,708), 11,084 found at the
 * threshold (11,050), 20 false alerts (19): 1.00 per 1,000, the target with no margin left (at 0.6: 0.95 per 1,000,
 * 0.816 found); the exact counts alone found 31 more and raised 2 more false alerts. Speed unchanged within the noise
 * of a shared machine (200,000 synthetic persons, one thread, six runs each: 6,412 screenings/s against 6,232, alert
 * screenings 11,414/s against 11,770); the counts hold 16 MB at a million persons (index 677 MB against 661).
 */
export const MATCHER_VERSION = '2.50.0';
/**
 * Score at or above which a hit is a match unless the caller says otherwise. Set at the operating point of the
 * development set (bench/eval-screening.ts): the lowest score at which non-listed travellers raise at most one
 * false alert per 1,000 with a margin of one alert (for 2.4.0 as for 2.3.0: 19 alerts on 20,002 negatives at 0.59, 21 at
 * 0.585, 18 at 0.595; 0.804 of the positives found at 0.59; for 2.5.0, 19 alerts at 0.59 and 0.806 of the positives;
 * for 2.6.0, 19 and 0.808). 2.7.0 raised it to 0.595: at 0.59 it raises 20 alerts (no margin left), at 0.595 19, and
 * finds 0.808 of the positives. Lists of a million persons hold far more namesakes than the development set's 5,350: a
 * list that size may want its own, higher threshold (each list stores one; lists made before keep theirs).
 */
export const DEFAULT_THRESHOLD = 0.595;

/**
 * The names with, after them, their English readings where they are German transcriptions of Cyrillic names
 * (translit/german.ts: Wladimir Tjurin is screened as Vladimir Tyurin too) or written in Somali orthography
 * (translit/somali.ts: Maxamed Cabdi Xasan as Mahamed Abdi Hasan too), and a Thai person's names in one spelling of
 * Thai in Latin letters (translit/thai.ts: ศิริพร and SIRIPORN both as SIRIPON), and Russian names in the passport
 * spelling of 2006–2010 or GOST 7.79 B (translit/cyrillic.ts: Viktor Tcoi as Viktor Tsoi, Xabarov as Khabarov), on
 * both the list's side and the query's.
 */
function withReadings<
  T extends {
    readonly names: readonly string[];
    readonly nationality?: string | undefined;
    readonly nationalities?: readonly string[];
  },
>(subject: T): T {
  const german = germanReadings(subject.names);
  const nationality = subject.nationalities ?? subject.nationality;
  const somali = somaliReadings(subject.names, nationality);
  const thai = thaiReadings(subject.names, nationality);
  const russian = russianLatinReadings(subject.names, nationality);
  if (german.length + somali.length + thai.length + russian.length === 0) return subject;
  return { ...subject, names: [...subject.names, ...german, ...somali, ...thai, ...russian] };
}

/** Tuning of the engine. */
export interface EngineOptions {
  /** Persons expected (sizes the index; it grows past this). */
  readonly expectedPersons?: number;
  /** Keys shared by more persons than this are not walked. */
  readonly maxPostings?: number;
  /** Postings walked per query at most, rarest keys first. */
  readonly walkBudget?: number;
  /**
   * A query word at most this many listed persons have is also looked for one edit away (near-skeletons.ts).
   * Default 10; -1 never.
   */
  readonly nearFrequency?: number;
  /** How many candidates go to the full scorer. */
  readonly candidates?: number;
  /** How many blocking candidates the quick score narrows down to `candidates`. */
  readonly blockingCandidates?: number;
  /**
   * Whether screenings for matches only skip the candidates a bound of their score (name-bound.ts) shows cannot be
   * returned (the hits are the same). Default true; false scores every candidate (for tests and measurements).
   */
  readonly bound?: boolean;
}

const NO_EXPLANATION: readonly ExplanationFeature[] = Object.freeze([]);
/** The most hits one screening returns. */
const MAX_LIMIT = 64;

/** Blocking candidates that keep a place for the full scorer whatever their quick score (see keepBlockingBest). */
const RESERVED_BLOCKING = 3;
/** Candidates tied at the quick stage's cut read beyond the places at stake (see breakTies). */
const TIE_EXTRA = 16;

/** Inserts `score` into the `count` best scores kept (best first, at most `limit`); returns the new count. */
function keep(kept: Float64Array, count: number, limit: number, score: number): number {
  let at = count;
  if (count < limit) count++;
  else if (kept[limit - 1]! >= score) return count;
  else at = limit - 1;
  while (at > 0 && kept[at - 1]! < score) {
    kept[at] = kept[at - 1]!;
    at--;
  }
  kept[at] = score;
  return count;
}

/** The in-memory screening engine. */
export class ScreeningEngine {
  private readonly store = new PersonStore();
  private readonly index: PersonIndex;
  private readonly documents = new DocumentIndex();
  private readonly queryTable = new TokenTable();
  private readonly candidateCount: number;
  private readonly candidateBuf: Int32Array;
  private readonly wideBuf: Int32Array;
  private readonly quickBuf: Float64Array;
  /** The quick score of every blocking candidate (wideBuf), and the candidates tied at the cut with their nearness. */
  private readonly wideQuick: Float64Array;
  private readonly tiedKeys: Int32Array;
  private readonly tiedNear: Float64Array;
  private readonly scoreBuf: Float64Array;
  private readonly orderBuf: Int32Array;
  private readonly memo: SimilarityMemo;
  private readonly quick = new QuickScorer();
  private readonly nameBound = new NameBound();
  private readonly useBound: boolean;
  /** The best scores of the matches found so far by a bounded screenPerson, best first. */
  private readonly keptBuf: Float64Array;
  /** Bumped by every add and remove: cached candidate token weights older than it are recomputed. */
  private version = 1;
  /**
   * Per candidate token: the version its weight was computed at, then the weight. One array, so that reading both
   * (for every token of every candidate name) costs one cache miss, not two.
   */
  private tokenWeights = new Float64Array(2 * 1024);
  private queryWeight = new Float64Array(64);
  private queryInfo = new Float64Array(64);
  /** Where collectDocument puts the hits of the current screenDocument call (one callback, no closure per call). */
  private documentHits: DocumentHit[] = [];
  private readonly collectDocument = (entry: number, exact: boolean): void => {
    const owner = this.documents.ownerOf(entry);
    this.documentHits.push(this.documents.hit(entry, this.store.entityIds[owner] ?? '', exact));
  };
  private readonly ctx: { -readonly [K in keyof NameContext]: NameContext[K] };
  /** What the store's warm-ups (warm, warmHits) read, kept so their reads are not optimised away. */
  private warmed = 0;

  constructor(options: EngineOptions = {}) {
    this.index = new PersonIndex(this.store, options);
    this.candidateCount = options.candidates ?? 32;
    this.useBound = options.bound ?? true;
    this.wideBuf = new Int32Array(Math.max(this.candidateCount, MAX_LIMIT, options.blockingCandidates ?? 160));
    this.wideQuick = new Float64Array(this.wideBuf.length);
    this.tiedKeys = new Int32Array(this.wideBuf.length);
    this.tiedNear = new Float64Array(this.wideBuf.length);
    // Sized for the largest limit a caller may ask (more hits than candidates need more candidates).
    const most = Math.max(this.candidateCount, MAX_LIMIT) + 8;
    this.candidateBuf = new Int32Array(most);
    this.quickBuf = new Float64Array(most);
    this.scoreBuf = new Float64Array(most);
    this.orderBuf = new Int32Array(most);
    this.keptBuf = new Float64Array(most);
    this.memo = new SimilarityMemo(this.queryTable, this.store.tokens);
    this.ctx = {
      queryWeight: this.queryWeight,
      queryInfo: this.queryInfo,
      dateInfo: 1,
      candidateWeight: (id) => this.candidateWeight(id),
      similarity: (qi, ci) => this.memo.similarity(qi, ci),
    };
  }

  /** Number of persons in the engine. */
  get size(): number {
    return this.store.liveCount;
  }

  /** Adds a person, or replaces the one with the same key. */
  add(record: PersonRecord): void {
    if (!Number.isInteger(record.key) || record.key < 0)
      throw new RangeError(`person key must be a non-negative integer, got ${record.key}`);
    if (this.store.has(record.key)) this.remove(record.key);
    this.store.put(withReadings(record));
    this.index.insert(record.key);
    this.documents.add(record.key, record.documents);
    this.version++;
  }

  /** Removes a person; returns false when it was not there. */
  remove(key: number): boolean {
    if (!this.store.has(key)) return false;
    this.index.delete(key);
    this.documents.remove(key);
    this.store.drop(key);
    this.version++;
    return true;
  }

  /** Weight of a token: kind times informativeness of its skeleton in the list. */
  private weightOf(table: TokenTable, id: number): number {
    return kindWeight(table.flags[id]!) * (0.3 + 0.7 * this.index.idf(table.skelHash[id]!));
  }

  private candidateWeight(id: number): number {
    if (2 * id >= this.tokenWeights.length) {
      const w = new Float64Array(2 * Math.max(id + 1, this.tokenWeights.length));
      w.set(this.tokenWeights);
      this.tokenWeights = w;
    }
    if (this.tokenWeights[2 * id] === this.version) return this.tokenWeights[2 * id + 1]!;
    const w = this.weightOf(this.store.tokens, id);
    this.tokenWeights[2 * id] = this.version;
    this.tokenWeights[2 * id + 1] = w;
    return w;
  }

  private prepareWeights(table: TokenTable): void {
    const n = table.size;
    if (this.queryWeight.length < n) {
      this.queryWeight = this.ctx.queryWeight = new Float64Array(n * 2);
      this.queryInfo = this.ctx.queryInfo = new Float64Array(n * 2);
    }
    for (let id = 0; id < n; id++) {
      const kind = kindWeight(table.flags[id]!);
      const idf = this.index.idf(table.skelHash[id]!);
      this.queryWeight[id] = kind * (0.3 + 0.7 * idf);
      const info = Math.min(idf, populationInfo(table, id));
      this.queryInfo[id] = kind >= 1 ? info : 0;
    }
  }

  /**
   * Reads what the scorer reads first for each token of the candidates about to be scored (its weight, and its
   * flags and spelling hash in the token table): these arrays are indexed by token id and as large as the list, so
   * nearly every read misses the cache, and reads made in one pass overlap where the scorer would wait for each.
   * (Reading more of each token here, its other numbers and strings, measured slower at a million persons.)
   */
  private warmTokens(cands: Int32Array, n: number): number {
    const s = this.store;
    const a = s.records;
    const flags = s.tokens.flags;
    const spell = s.tokens.spellHash;
    let x = 0;
    for (let i = 0; i < n; i++) {
      const end = s.namesEnd(cands[i]!);
      for (let p = s.namesStart(cands[i]!); p < end; p++) {
        const id = a[p]!;
        if (id !== -1) x ^= this.candidateWeight(id) ^ flags[id]! ^ spell[id]!;
      }
    }
    return x;
  }

  /** The m blocking candidates narrowed by the quick score to the `limit` best, into candidateBuf; returns their number. */
  private preselect(q: PreparedQuery, m: number, limit: number): number {
    const wide = this.wideBuf;
    const cands = this.candidateBuf;
    if (m <= limit) {
      cands.set(wide.subarray(0, m));
      return m;
    }
    const quick = this.quickBuf;
    const all = this.wideQuick;
    this.quick.prepare(q, this.ctx);
    this.quick.warm(this.store, wide, m);
    let n = 0;
    // Partial insertion sort into the `limit` best (blocking order breaks ties, wide being best first; breakTies then
    // reconsiders the candidates tied at the cut). Blocking order is by the keys shared, then by the lower person key
    // (person-index.ts, selectTop), not by the order the postings were walked in: equal quick scores, and equal
    // nearness below, are broken the same way whatever order the persons were added in.
    for (let i = 0; i < m; i++) {
      const v = this.quick.score(this.store, wide[i]!);
      all[i] = v;
      if (n === limit && v <= quick[n - 1]!) continue;
      let at = n < limit ? n++ : n - 1;
      while (at > 0 && quick[at - 1]! < v) {
        quick[at] = quick[at - 1]!;
        cands[at] = cands[at - 1]!;
        at--;
      }
      quick[at] = v;
      cands[at] = wide[i]!;
    }
    this.breakTies(q, m, n);
    this.keepBlockingBest(m, n);
    return n;
  }

  /**
   * Chooses among the candidates tied at the quick stage's cut by how near the query's words come to one of their
   * names (`nearness`), where blocking order alone chose before. The quick score counts shared words only, so every
   * listed "Ayman" not otherwise named like the query ties: "JOUMHA, Aymen" must prefer "JOUMAA, Ayman". Only the
   * first TIE_EXTRA tied candidates beyond the places at stake are read, in blocking order.
   */
  private breakTies(q: PreparedQuery, m: number, n: number): void {
    const quick = this.quickBuf;
    const cands = this.candidateBuf;
    const cut = quick[n - 1]!;
    let places = 0;
    while (places < n && quick[n - 1 - places] === cut) places++;
    const keys = this.tiedKeys;
    const near = this.tiedNear;
    let tied = 0;
    for (let i = 0; i < m && tied < places + TIE_EXTRA; i++)
      if (this.wideQuick[i] === cut) keys[tied++] = this.wideBuf[i]!;
    if (tied <= places) return;
    for (let t = 0; t < tied; t++) near[t] = this.nearness(q, keys[t]!);
    // Selection of the `places` nearest (stable: blocking order still breaks ties of nearness).
    for (let slot = 0; slot < places; slot++) {
      let best = slot;
      for (let t = slot + 1; t < tied; t++) if (near[t]! > near[best]!) best = t;
      const k = keys[best]!;
      const v = near[best]!;
      for (let t = best; t > slot; t--) {
        keys[t] = keys[t - 1]!;
        near[t] = near[t - 1]!;
      }
      keys[slot] = k;
      near[slot] = v;
      cands[n - places + slot] = k;
    }
  }

  /**
   * The weighted share of the query's words (all its names) that one name of the person has with the same skeleton
   * (1) or a skeleton one cheap step away (0.5: same first class, length within one, at most two classes
   * different; see skeletonMask), or that one of them is the other with the Abd or Abu of a compound before it
   * (0.5, as the scorer's headTail: "Rayhanah" for a person listed as "Abu-Rayhanah", whose quick score had no word
   * of the query's; on the development set 1 more alias in the top 10): the best over the person's names. A proxy of
   * the name score made of numbers the token tables hold, for the few candidates breakTies reads.
   */
  private nearness(q: PreparedQuery, key: number): number {
    const a = this.store.records;
    const qt = q.table;
    const ct = this.store.tokens;
    const end = this.store.namesEnd(key);
    let best = 0;
    let cs = this.store.namesStart(key);
    for (let ce = cs; ce < end; ce++) {
      if (a[ce] !== -1) continue;
      let sum = 0;
      for (let i = 0; i < q.count; i++) {
        const qi = q.names[i]!;
        if (qi === -1) continue;
        let most = 0;
        for (let j = cs; j < ce && most < 1; j++) {
          const ci = a[j]!;
          if (qt.skelHash[qi] === ct.skelHash[ci]) most = 1;
          else if (most === 0 && qt.skelFirst[qi] === ct.skelFirst[ci]) {
            const dl = qt.skelLength[qi]! - ct.skelLength[ci]!;
            let x = qt.skelMask[qi]! ^ ct.skelMask[ci]!;
            x &= x - 1;
            x &= x - 1;
            if (dl <= 1 && dl >= -1 && x === 0) most = 0.5;
          }
          if (most === 0 && headTailTokens(qt, qi, ct, ci)) most = 0.5;
        }
        sum += this.queryWeight[qi]! * most;
      }
      if (sum > best) best = sum;
      cs = ce + 1;
    }
    return best;
  }

  /**
   * Blocking's best RESERVED_BLOCKING candidates keep a place among the `n` preselected whatever their quick score,
   * in the places of the last: blocking ranks by rare keys the quick score does not count (a query word that is two of
   * the candidate's written together: "JALALMAAB" for "JALAL MAAB").
   */
  private keepBlockingBest(m: number, n: number): void {
    const wide = this.wideBuf;
    const cands = this.candidateBuf;
    const reserved = Math.min(RESERVED_BLOCKING, m);
    let free = n;
    for (let i = 0; i < reserved; i++) {
      const k = wide[i]!;
      if (includes(cands, n, k)) continue;
      do free--;
      while (free >= 0 && includes(wide, reserved, cands[free]!));
      if (free < 0) return;
      cands[free] = k;
    }
  }

  /**
   * Screens a person: the best candidates, scored and explained, best first. Candidates are scored on the
   * numeric path; explanations are built only for the hits returned (and only for matches with
   * `explain: 'matches'`).
   */
  screenPerson(query: PersonQuery, options: ScreenOptions = {}): ScreeningResult {
    const limit = Math.max(1, Math.min(options.limit ?? 10, MAX_LIMIT));
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const explain = options.explain ?? 'all';
    if (this.store.liveCount === 0) return { matcher: MATCHER_NAME, version: MATCHER_VERSION, threshold, hits: [] };
    if (this.index.needsCompaction) this.index.compact();
    const q = prepareQuery(withReadings(query), this.queryTable);
    this.prepareWeights(q.table);
    this.ctx.dateInfo = q.birthDate % 100 !== 0 ? this.index.idf(dateKey(q.birthDate)) : 1;
    this.memo.reset(q.table, this.store.tokens);
    for (const d of query.documents ?? []) {
      this.documents.forEachMatch(d, (entry, exact) => {
        const owner = this.documents.ownerOf(entry);
        const known = q.documents.get(owner);
        if (known === undefined || (exact && !known.exact)) {
          q.documents.set(owner, { exact, number: d.number, candidate: this.documents.numberOf(entry) });
        }
      });
    }
    const matchesOnly = options.matchesOnly === true;
    // Screenings for matches only (alerts) skip the candidates whose score bound is below the threshold: for most
    // travellers, all. Taken against the lowest of the hits kept, it skipped too few to pay (100,000 and 1M persons).
    const bounded = this.useBound && matchesOnly && !Number.isNaN(threshold);
    const m = this.index.candidates(
      q.table,
      q.names,
      q.count,
      this.wideBuf.length,
      this.wideBuf,
      q.birthDate,
      q.ringed,
    );
    if (bounded) this.nameBound.prepare(q, this.ctx, this.store.tokens);
    const cands = this.candidateBuf;
    // A bounded screening preselects among the blocking candidates that may reach the threshold only: for most
    // travellers none, and the quick score is not taken at all.
    const reachable = bounded ? this.keepReachable(q, m, threshold) : m;
    let n = reachable === 0 ? 0 : this.preselect(q, reachable, Math.max(limit, this.candidateCount));
    // Persons found only by their documents are candidates too.
    for (const owner of q.documents.keys()) {
      if (n < cands.length && !includes(cands, n, owner)) cands[n++] = owner;
    }
    // A bounded screening scores few candidates: it reads their tokens' sketches first, their other numbers if scored.
    this.warmed = this.store.warm(cands, n) ^ (bounded ? this.store.warmSketches(cands, n) : this.warmTokens(cands, n));
    const scores = this.scoreBuf;
    const order = this.orderBuf;
    const kept = this.keptBuf;
    let scored = 0;
    let keptCount = 0;
    // Score the candidates, keeping `order` sorted best first (insertion: n is small). When bounded, a candidate
    // whose bound is below the threshold, or below the `limit` best matches so far, cannot be returned: skipped.
    for (let i = 0; i < n; i++) {
      const key = cands[i]!;
      if (bounded) {
        const floor = keptCount === limit ? kept[limit - 1]! : threshold;
        const bound = this.scoreBoundOf(q, key, floor);
        if (bound < floor || bound <= 0) continue;
      }
      const sc = scoreCandidate(this.store, q, key, this.ctx);
      saveScoreState(i);
      scores[i] = sc;
      let at = scored++;
      while (at > 0) {
        const o = order[at - 1]!;
        if (scores[o]! > sc || (scores[o] === sc && cands[o]! < key)) break;
        order[at] = o;
        at--;
      }
      order[at] = i;
      if (bounded && sc > 0 && sc >= threshold) keptCount = keep(kept, keptCount, limit, sc);
    }
    n = scored;
    this.warmed ^= this.store.warmHits(cands, order, Math.min(n, limit));
    const hits: ScreeningHit[] = [];
    for (let r = 0; r < n; r++) {
      if (hits.length >= limit) break;
      const i = order[r]!;
      const score = scores[i]!;
      if (score <= 0 || (options.matchesOnly === true && score < threshold)) continue;
      const key = cands[i]!;
      const match = score >= threshold;
      let explanation = NO_EXPLANATION;
      if (explain === 'all' || (explain === 'matches' && match)) {
        restoreScoreState(i);
        explanation = explainCandidate(this.store, q, key);
      }
      hits.push({
        key,
        entityId: this.store.entityIds[key] ?? '',
        score: Math.round(score * 10000) / 10000,
        match,
        explanation,
      });
    }
    return { matcher: MATCHER_NAME, version: MATCHER_VERSION, threshold, hits };
  }

  /**
   * Keeps, at the front of wideBuf and in blocking order, the m blocking candidates whose cheapest bound (nameBound's
   * `most`, which reads none of their tokens) reaches `threshold`, for a screening for matches only (nameBound
   * prepared); returns their number. The others cannot be returned, so the quick score does not rank them and they
   * take no place from those that can: the scorer sees every candidate it would have scored and bounded, and, where more
   * than its places may reach the threshold, others it would not have (20,000 synthetic flight travellers against a
   * million synthetic persons: 2,036 hits where the quick score's cut over all candidates left 2,023, none lost). The
   * bound is loose (it reads no token: the names' evidence, such as a birth date years away, sets candidates aside):
   * against 100,000 persons 5 % of those travellers have no candidate left and 8 % more than the scorer's places;
   * against a million, 3 % and 51 %. Preselecting among fewer, and not bounding twice those left, took 12 % off a
   * traveller's screening at 100,000 persons and 7 % at a million.
   */
  private keepReachable(q: PreparedQuery, m: number, threshold: number): number {
    const wide = this.wideBuf;
    this.warmed ^= this.store.warm(wide, m);
    let n = 0;
    for (let i = 0; i < m; i++) {
      const key = wide[i]!;
      const most = this.mostBoundOf(q, key);
      if (most >= threshold && most > 0) wide[n++] = key;
    }
    return n;
  }

  /** An upper bound of scoreCandidate (nameBound prepared): the first of nameBound's below `floor`, else the last. */
  private scoreBoundOf(q: PreparedQuery, key: number, floor: number): number {
    const most = this.mostBoundOf(q, key);
    return most < floor ? most : this.closerBoundOf(q, key, floor);
  }

  /** The cheapest bound of scoreCandidate: nameBound's `most`, which reads none of the candidate's tokens. */
  private mostBoundOf(q: PreparedQuery, key: number): number {
    return scoreBound(this.store, q, key, this.ctx, this.nameBound.most(this.store, key));
  }

  /** The closer bounds of scoreCandidate, read from the candidate's tokens: `start`'s if below `floor`, else `narrow`'s. */
  private closerBoundOf(q: PreparedQuery, key: number, floor: number): number {
    const coarse = scoreBound(this.store, q, key, this.ctx, this.nameBound.start(this.store, key));
    if (coarse < floor) return coarse;
    return scoreBound(this.store, q, key, this.ctx, this.nameBound.narrow());
  }

  /** Looks a document number up (OCR-tolerant, issuing state checked when both sides give it). */
  screenDocument(query: DocumentQuery): DocumentHit[] {
    const hits: DocumentHit[] = [];
    this.documentHits = hits;
    this.documents.forEachMatch(query, this.collectDocument);
    return hits.length > 1 ? hits.sort((a, b) => b.score - a.score) : hits;
  }

  /**
   * Compacts the person index now (it is done anyway by the first screening after many changes; call this after
   * a bulk import to keep that pause off the first query).
   */
  compact(): void {
    if (this.index.needsCompaction) this.index.compact();
  }

  /** Posting count of the person index (for sizing). */
  get postings(): number {
    return this.index.postings;
  }
}
