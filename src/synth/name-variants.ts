/**
 * Planted name variants: the ways a listed person's name comes back at a border — another romanisation, the
 * other script, family name first with or without a comma, a particle added or dropped, initials, a middle name
 * dropped or added, typing errors, the other ICAO folding. Each variant is a token list plus render options, so
 * the full name and the passport's surname and given-name fields stay consistent.
 */
import { addableParticles, cultures } from './names/index.js';
import { icaoFold, latinPart, plainFold } from './names/pool.js';
import { latinOf, renderName, surnameMask, type RenderOptions } from './names/render.js';
import type { NamePart, NameToken } from './names/types.js';
import { token } from './names/types.js';
import type { SynthPerson } from './persons.js';
import type { Rng } from './prng.js';

export type NameVariantKind =
  'exact' | 'alias' | 'romanisation' | 'script' | 'reorder' | 'particle' | 'initials' | 'middle' | 'typo' | 'icao';

export interface NameVariant {
  readonly kind: NameVariantKind;
  readonly tokens: readonly NameToken[];
  readonly options: RenderOptions;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One or two random edits (transposition, substitution, deletion, insertion) of a word; two for long words. */
export function typo(rng: Rng, word: string): string {
  const edits = word.length <= 5 ? 1 : word.length <= 9 ? rng.range(1, 2) : 2;
  let out = word;
  for (let e = 0; e < edits; e++) {
    const i = rng.int(Math.max(1, out.length - 1)) + (out.length > 2 ? 1 : 0);
    const at = Math.min(i, out.length - 1);
    const kind = rng.int(4);
    const letter = LETTERS[rng.int(26)]!;
    if (kind === 0 && at + 1 < out.length) out = out.slice(0, at) + out[at + 1]! + out[at]! + out.slice(at + 2);
    else if (kind === 1) out = out.slice(0, at) + letter + out.slice(at + 1);
    else if (kind === 2 && out.length > 3) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + letter + out.slice(at);
  }
  return out === word ? word.slice(0, -1) + (word.endsWith('a') ? 'e' : 'a') : out;
}

const latin = (variant = 0, upperSurname = false): RenderOptions => ({ script: 'latin', variant, upperSurname });

const lower = (text: string) => text.toLowerCase();

/** The romanisation index of each token in the listed name: its own, or the passport form (0) for a native one. */
function listedIndex(p: SynthPerson, i: number): number {
  return p.nameSpelling?.[i] ?? 0;
}

/**
 * The person's tokens spelt as the listed name spells them (the passport form for a name listed in native script):
 * variants that change something else start from these, so they do not also change a romanisation.
 */
export function listedTokens(p: SynthPerson): readonly NameToken[] {
  return p.structured.tokens.map((t, i) => token(t.role, { ...t.part, latin: [latinOf(t.part, listedIndex(p, i))] }));
}

/** The listed name as a romanised record writes it (what a passport of the listed person shows). */
export function listedVariant(p: SynthPerson): NameVariant {
  return { kind: 'exact', tokens: listedTokens(p), options: latin() };
}

/** The foldings of a part's native form (Müller, MUELLER, MULLER), lower-cased: one spelling in different hands. */
function foldings(part: NamePart): readonly string[] {
  return [part.native, icaoFold(part.native), plainFold(part.native)].map(lower);
}

/** A writing with case, diacritics, spaces and punctuation taken out (Al-Rifai, AL RIFAI, Yonās → alrifai, yonas). */
const letters = (text: string) => lower(plainFold(text)).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Whether two writings of a part are one spelling: the same letters (ignoring case, diacritics, spaces and
 * punctuation), or both foldings of its native form (Jürgens, Juergens, Jurgens).
 */
function sameSpelling(part: NamePart, a: string, b: string): boolean {
  if (letters(a) === letters(b)) return true;
  const f = foldings(part);
  return f.includes(lower(a)) && f.includes(lower(b));
}

function romanisation(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const tokens = p.structured.tokens;
  // A spelling of token i other than the listed one (for a name listed in native script, other than the passport
  // form: that one is the 'script' variant). Another folding of the same letters is the 'icao' variant.
  const changes = (i: number, form: string) => {
    const part = tokens[i]!.part;
    return !sameSpelling(part, form, latinOf(part, listedIndex(p, i)));
  };
  if (p.structured.systematic) {
    const systems = Math.max(...tokens.map((t) => t.part.latin.length));
    const other: number[] = [];
    for (let v = 0; v < systems; v++) if (tokens.some((t, i) => changes(i, latinOf(t.part, v)))) other.push(v);
    if (other.length === 0) return undefined;
    return { kind: 'romanisation', tokens, options: latin(rng.pick(other), rng.chance(0.3)) };
  }
  // Per token: its other spellings. One token certainly takes one, others now and then; the rest keep the listed
  // spelling. The choice is made once, so the full name and the passport fields show the same spellings.
  const alternatives = tokens.map((t, i) => t.part.latin.flatMap((form, v) => (changes(i, form) ? [v] : [])));
  const movable = alternatives.flatMap((a, i) => (a.length > 0 ? [i] : []));
  if (movable.length === 0) return undefined;
  const forced = rng.pick(movable);
  const choice = alternatives.map((a, i) =>
    a.length > 0 && (i === forced || rng.chance(0.3)) ? rng.pick(a) : listedIndex(p, i),
  );
  const options: RenderOptions = {
    script: 'latin',
    variant: (_part, i) => choice[i] ?? 0,
    upperSurname: rng.chance(0.3),
  };
  return { kind: 'romanisation', tokens, options };
}

function script(p: SynthPerson): NameVariant | undefined {
  const name = p.structured;
  if (p.nameScript !== 'Latn') return { kind: 'script', tokens: name.tokens, options: latin() };
  if (name.script !== 'Latn') return { kind: 'script', tokens: name.tokens, options: { script: 'native' } };
  return undefined;
}

function reorder(rng: Rng, p: SynthPerson, latinOnly: boolean): NameVariant | undefined {
  const name = p.structured;
  const tokens = listedTokens(p);
  const mask = surnameMask(tokens);
  // A family name and a given name that differ (Hidayat Hidayat reads the same both ways round), or there is
  // nothing to put the other way round.
  const side = (family: boolean) =>
    letters(tokens.flatMap((t, i) => (mask[i] === family ? [t.part.latin[0]!] : [])).join(''));
  if (side(true) === '' || side(false) === '' || side(true) === side(false)) return undefined;
  const order = rng.chance(0.5) ? 'surname-comma' : name.surnameFirst ? 'given-first' : 'surname-first';
  const native = !latinOnly && p.nameScript !== 'Latn';
  if (native) return { kind: 'reorder', tokens: name.tokens, options: { script: 'native', order } };
  return { kind: 'reorder', tokens, options: { ...latin(0, rng.chance(0.6)), order } };
}

function particle(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const tokens = listedTokens(p);
  if (tokens.some((t) => t.role === 'particle')) {
    return { kind: 'particle', tokens: tokens.filter((t) => t.role !== 'particle'), options: latin() };
  }
  const choices = addableParticles[p.culture];
  const first = tokens.findIndex((t) => t.role === 'surname');
  if (choices === undefined || first < 0) return undefined;
  const added = token('particle', latinPart([rng.pick(choices)]));
  return { kind: 'particle', tokens: [...tokens.slice(0, first), added, ...tokens.slice(first)], options: latin() };
}

function initials(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const tokens = listedTokens(p);
  const mask = surnameMask(tokens);
  if (!mask.includes(true) || !mask.includes(false)) return undefined;
  const dot = rng.chance(0.6) ? '.' : '';
  const out = tokens.map((t, i) => {
    if (mask[i] || t.role === 'particle') return t;
    const letter = (t.part.latin[0] ?? '').charAt(0).toUpperCase();
    return token(t.role, { native: letter, latin: [letter + dot] });
  });
  return { kind: 'initials', tokens: out, options: latin(0, rng.chance(0.7)) };
}

function middle(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const tokens = listedTokens(p);
  const middles = tokens.filter((t) => t.role === 'middle' || t.role === 'patronymic');
  if (middles.length > 0) {
    const kept = tokens.filter((t) => t.role !== 'middle' && t.role !== 'patronymic' && !isLink(t, tokens));
    return { kind: 'middle', tokens: kept, options: latin() };
  }
  const given = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.role === 'given');
  if (given.length >= 2) {
    const drop = given[1]![1];
    return { kind: 'middle', tokens: tokens.filter((_t, i) => i !== drop), options: latin() };
  }
  const culture = cultures.get(p.culture);
  if (culture === undefined || given.length === 0) return undefined;
  // One added given name of one word (not a compound such as María de los Ángeles).
  let extra: NameToken | undefined;
  for (let i = 0; i < 4 && extra === undefined; i++) {
    const t = culture.name(rng, p.gender).tokens.find((x) => x.role === 'given');
    if (t !== undefined && !/[\s-]/.test(t.part.native) && t.part.native !== given[0]![0].part.native) extra = t;
  }
  if (extra === undefined) return undefined;
  const at = given[0]![1] + 1;
  return { kind: 'middle', tokens: [...tokens.slice(0, at), extra, ...tokens.slice(at)], options: latin() };
}

/** A bin/bint particle that only links a dropped father's name. */
function isLink(t: NameToken, tokens: readonly NameToken[]): boolean {
  const i = tokens.indexOf(t);
  const next = tokens[i + 1];
  return t.role === 'particle' && next !== undefined && (next.role === 'middle' || next.role === 'patronymic');
}

function typoVariant(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const tokens = listedTokens(p);
  const candidates = tokens.map((t, i) => [t, i] as const).filter(([t]) => (t.part.latin[0] ?? '').length >= 3);
  if (candidates.length === 0) return undefined;
  const [t, at] = rng.pick(candidates);
  // Edit one word of the token, so a compound name (Ana Clara, Jean-Pierre) keeps its separators.
  const parts = t.part.latin[0]!.split(/([\s'-])/);
  const long = parts.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 3);
  const [word, wi] = long.length > 0 ? rng.pick(long) : [parts[0]!, 0];
  // An edit that lands on another spelling of the part (Ibraahim → Ibrahim) is a romanisation, not a typo.
  const original = p.structured.tokens[at]!.part;
  const spellings = [original.native, ...original.latin].map(letters);
  let text = '';
  for (let attempt = 0; attempt < 4 && (text === '' || spellings.includes(letters(text))); attempt++) {
    parts[wi] = typo(rng, word);
    text = parts.join('');
  }
  if (spellings.includes(letters(text))) return undefined;
  const edited = token(t.role, { native: t.part.native, latin: [text] });
  return { kind: 'typo', tokens: tokens.map((x, i) => (i === at ? edited : x)), options: latin(0, rng.chance(0.3)) };
}

/**
 * The name in another ICAO folding (Ä as AE, as A, or kept): only the parts whose native form has letters the
 * folding changes, and whose listed spelling is one of those foldings, change; the others keep the listed spelling.
 * Undefined when no part has such letters. Passenger data (Latin only) has no diacritics, so it folds one way or
 * the other.
 */
function icao(rng: Rng, p: SynthPerson, latinOnly: boolean): NameVariant | undefined {
  const name = p.structured;
  if (name.script !== 'Latn') return undefined;
  const listed = listedTokens(p);
  const folds = name.tokens.map((t, i) => {
    const form = p.nameSpelling === undefined ? t.part.native : latinOf(t.part, listedIndex(p, i));
    const foldable = lower(t.part.native) !== lower(icaoFold(t.part.native)) && foldings(t.part).includes(lower(form));
    return foldable ? form : undefined;
  });
  if (folds.every((f) => f === undefined)) return undefined;
  // A passport prints the ICAO folding, which is what passenger data shows for the name as listed: there the other
  // folding comes first. Queries may show either, or the letters themselves.
  const schemes = latinOnly || rng.chance(0.5) ? [plainFold, icaoFold] : [icaoFold, plainFold];
  if (!latinOnly) schemes.push((native: string) => native);
  for (const fold of schemes) {
    const tokens = name.tokens.map((t, i) => {
      const form = folds[i];
      return form === undefined ? listed[i]! : token(t.role, { ...t.part, latin: [fold(t.part.native)] });
    });
    const changed = tokens.some((t, i) => folds[i] !== undefined && lower(t.part.latin[0]!) !== lower(folds[i]));
    const options = latin();
    if (changed && lower(renderName({ ...name, tokens }, options)) !== lower(p.name)) {
      return { kind: 'icao', tokens, options };
    }
  }
  return undefined;
}

/** The variant of a kind for a person, or undefined when the kind does not apply to this name. */
export function nameVariant(
  rng: Rng,
  p: SynthPerson,
  kind: NameVariantKind,
  latinOnly: boolean,
): NameVariant | undefined {
  switch (kind) {
    case 'romanisation':
      return romanisation(rng, p);
    case 'script':
      return latinOnly ? undefined : script(p);
    case 'reorder':
      return reorder(rng, p, latinOnly);
    case 'particle':
      return particle(rng, p);
    case 'initials':
      return initials(rng, p);
    case 'middle':
      return middle(rng, p);
    case 'typo':
      return typoVariant(rng, p);
    case 'icao':
      return icao(rng, p, latinOnly);
    case 'exact':
    case 'alias':
      return undefined;
  }
}
