/**
 * Travellers to screen, with the answer key: planted variants of listed persons (each labelled with the listed
 * id, the kind of variant and the script of the name) and travellers who are not listed — same cultures,
 * different people, some sharing a listed person's family name. `travellerAt` is the entry point for a flight
 * generator: the same draw with Latin-only names and a configurable hit rate.
 */
import { idCardNumber, passportNumber } from './doc-numbers.js';
import { cultures, cultureTable } from './names/index.js';
import { renderGiven, renderName, renderSurname } from './names/render.js';
import type { Gender, NameToken, PersonName, Script } from './names/types.js';
import { listedVariant, nameVariant, type NameVariant, type NameVariantKind } from './name-variants.js';
import { icaoFold } from './names/pool.js';
import { latinStyle } from './person-names.js';
import { drawBirthDate, drawNationalities, personAt, type SynthPerson } from './persons.js';
import { deriveSeed, Rng, streams, Weighted } from './prng.js';
import { birthDateVariant, ocrVariant } from './query-fields.js';

export interface SynthQuery {
  /** `synth-q-0000001` for index 0 (`synth-t-…` for flight travellers). */
  readonly id: string;
  readonly name: string;
  /**
   * The family and given names as a passport's MRZ holds them (romanised, for passenger lists), in the variant's
   * spellings; swapped for a 'reorder' variant, as when a passenger list has the given names in the surname field.
   */
  readonly surname: string;
  readonly givenNames: string;
  readonly birthDate: string;
  readonly nationality: string;
  readonly gender: Gender | '';
  readonly documentNumber: string;
  readonly documentCountry: string;
  /** Ids of the listed persons this traveller is (empty for a non-match). */
  readonly expectedIds: readonly string[];
  readonly script: Script;
  /** The name variant, then `+dob_…` or `+document_ocr` for the other planted differences. */
  readonly variantKind: string;
}

export interface QueryOptions {
  /** Number of listed persons (indices 0 … personCount-1 of the same seed). */
  readonly personCount: number;
  /** Share of travellers planted from listed persons; default 0.5 for queries. */
  readonly matchShare?: number;
  /** Only romanised names (passenger data is Latin-script). */
  readonly latinOnly?: boolean;
}

type QueryKind = NameVariantKind | 'document_ocr';

const kindTable = new Weighted<QueryKind>([
  ['romanisation', 18],
  ['typo', 16],
  ['script', 10],
  ['reorder', 10],
  ['middle', 8],
  ['icao', 8],
  ['document_ocr', 8],
  ['particle', 6],
  ['initials', 6],
  ['exact', 5],
  ['alias', 5],
]);

/**
 * The name and passport fields of a variant. The fields are romanised and folded as an MRZ holds them, in the
 * spellings the full name shows; a 'reorder' variant has them swapped, as a passenger list does when the given
 * names went into the surname field.
 */
function withNameFields(name: PersonName, v: NameVariant) {
  const structured: PersonName = { ...name, tokens: v.tokens };
  const native = v.options.script === 'native';
  const surname = icaoFold(renderSurname(structured, v.options.variant)).toUpperCase();
  const given = icaoFold(renderGiven(structured, v.options.variant)).toUpperCase();
  const swap = v.kind === 'reorder' && surname !== '' && given !== '';
  return {
    name: renderName(structured, v.options),
    surname: swap ? given : surname,
    givenNames: swap ? surname : given,
    script: native ? name.script : ('Latn' as Script),
  };
}

/**
 * The listed name itself, with its kind: in queries the listed text ('exact'); in passenger data (romanised) the
 * passport form, which is 'exact' when it reads as listed, 'script' when the person is listed in another script and
 * 'icao' when the listed name has letters the passport folds (Müller → MUELLER).
 */
function asListed(p: SynthPerson, latinOnly: boolean): { fields: ReturnType<typeof withNameFields>; kind: string } {
  const fields = withNameFields(p.structured, listedVariant(p));
  if (!latinOnly) return { fields: { ...fields, name: p.name, script: p.nameScript }, kind: 'exact' };
  if (p.nameScript !== 'Latn') return { fields, kind: 'script' };
  return { fields, kind: fields.name.toLowerCase() === p.name.toLowerCase() ? 'exact' : 'icao' };
}

function planted(rng: Rng, id: string, p: SynthPerson, latinOnly: boolean): SynthQuery {
  let kind = kindTable.draw(rng);
  if (kind === 'document_ocr' && p.documents.length === 0) kind = 'typo';
  if (latinOnly && (kind === 'script' || kind === 'alias')) kind = 'romanisation';
  const nameKind: NameVariantKind = kind === 'document_ocr' ? 'exact' : kind;
  let named: { fields: ReturnType<typeof withNameFields>; kind: string };
  if (nameKind === 'exact' || (nameKind === 'alias' && p.aliases.length === 0)) {
    named = asListed(p, latinOnly);
  } else if (nameKind === 'alias') {
    let fields = {
      ...withNameFields(p.structured, listedVariant(p)),
      name: rng.pick(p.aliases),
      script: 'Latn' as Script,
    };
    if (/[^\p{Script=Latin}\p{P}\s]/u.test(fields.name)) fields = { ...fields, script: p.structured.script };
    named = { fields, kind: 'alias' };
  } else {
    // A kind that does not apply to this name falls back to a typo, and a name too short for one to its listed form.
    const v = nameVariant(rng, p, nameKind, latinOnly) ?? nameVariant(rng, p, 'typo', latinOnly);
    named = v === undefined ? asListed(p, latinOnly) : { fields: withNameFields(p.structured, v), kind: v.kind };
  }
  const dob = p.birthDate.length === 10 ? birthDateVariant(rng, p.birthDate) : { kind: 'exact', value: p.birthDate };
  const doc =
    p.documents.length > 0 && (kind === 'document_ocr' || rng.chance(0.4)) ? rng.pick(p.documents) : undefined;
  const number = doc === undefined ? '' : kind === 'document_ocr' ? ocrVariant(rng, doc.number) : doc.number;
  const labels = [named.kind, ...(dob.kind === 'exact' ? [] : [`dob_${dob.kind}`])];
  if (kind === 'document_ocr' && number !== doc?.number) labels.push('document_ocr');
  return {
    id,
    ...named.fields,
    birthDate: dob.value,
    nationality: rng.chance(0.85) ? p.nationalities[0]! : '',
    gender: rng.chance(0.8) ? p.gender : '',
    documentNumber: number,
    documentCountry: doc?.country ?? '',
    expectedIds: [p.id],
    variantKind: labels.join('+'),
  };
}

function unlisted(rng: Rng, id: string, seed: number, options: QueryOptions): SynthQuery {
  let gender: Gender = rng.chance(0.55) ? 'male' : 'female';
  let name: PersonName;
  let kind = 'non_match';
  let culture = cultureTable.draw(rng);
  if (options.personCount > 0 && rng.chance(0.3)) {
    // A namesake: a listed person's family name with another given name and birth date — a hard negative.
    const p = personAt(seed, rng.int(options.personCount));
    culture = cultures.get(p.culture) ?? culture;
    gender = p.gender;
    const givenOf = (n: PersonName): readonly NameToken[] =>
      n.tokens.filter((t) => t.role !== 'surname' && t.role !== 'particle');
    const key = (tokens: readonly NameToken[]) => tokens.map((t) => t.part.native).join(' ');
    let given = givenOf(culture.name(rng, gender));
    // Redraw until the given names differ from the listed person's (a few tries; names pools are large).
    for (let i = 0; i < 5 && key(given) === key(givenOf(p.structured)); i++) given = givenOf(culture.name(rng, gender));
    const family = p.structured.tokens.filter((t) => t.role === 'surname' || t.role === 'particle');
    name = { ...p.structured, tokens: p.structured.surnameFirst ? [...family, ...given] : [...given, ...family] };
    kind = 'non_match_namesake';
  } else {
    name = culture.name(rng, gender);
  }
  const native = !options.latinOnly && name.script !== 'Latn' && rng.chance(0.15);
  const style = native ? ({ script: 'native' } as const) : latinStyle(rng, name, 0.75, rng.chance(0.3));
  const age = rng.chance(0.08) ? rng.range(1, 17) : Math.min(80, 18 + Math.floor(-Math.log(1 - rng.next()) * 15));
  const nationality = drawNationalities(rng, culture)[0]!;
  const hasDoc = rng.chance(0.6);
  const passport = rng.chance(0.85);
  return {
    id,
    name: renderName(name, style),
    surname: renderSurname(name).toUpperCase(),
    givenNames: renderGiven(name).toUpperCase(),
    birthDate: drawBirthDate(rng, age, true),
    nationality,
    gender: rng.chance(0.8) ? gender : '',
    documentNumber: hasDoc ? (passport ? passportNumber(rng, nationality) : idCardNumber(rng, nationality)) : '',
    documentCountry: hasDoc ? nationality : '',
    expectedIds: [],
    script: native ? name.script : 'Latn',
    variantKind: kind,
  };
}

function draw(seed: number, stream: number, index: number, id: string, options: QueryOptions): SynthQuery {
  const rng = new Rng(deriveSeed(seed, stream, index));
  if (options.personCount > 0 && rng.chance(options.matchShare ?? 0.5)) {
    const p = personAt(seed, rng.int(options.personCount));
    return planted(rng, id, p, options.latinOnly ?? false);
  }
  return unlisted(rng, id, seed, options);
}

/** Query `index` of `seed` against the first `personCount` listed persons of the same seed. */
export function queryAt(seed: number, index: number, options: QueryOptions): SynthQuery {
  return draw(seed, streams.query, index, `synth-q-${String(index + 1).padStart(7, '0')}`, options);
}

/** Queries 0 … count-1, streamed. */
export function* queries(seed: number, count: number, options: QueryOptions): Generator<SynthQuery> {
  for (let i = 0; i < count; i++) yield queryAt(seed, i, options);
}

/**
 * Traveller `index` for a flight generator: Latin-script names with MRZ-style surname and given names, planted
 * from the listed persons of the same seed with probability `hitRate` (default 0.002, a realistic few per
 * thousand), otherwise an unlisted traveller. Independent of the query stream.
 */
export function travellerAt(seed: number, index: number, personCount: number, hitRate = 0.002): SynthQuery {
  const id = `synth-t-${String(index + 1).padStart(9, '0')}`;
  return draw(seed, streams.traveller, index, id, { personCount, matchShare: hitRate, latinOnly: true });
}
