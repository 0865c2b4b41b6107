/**
 * Planted name variants: the ways a listed person's name comes back at a border — another romanisation, the
 * other script, family name first with or without a comma, a particle added or dropped, initials, a middle name
 * dropped or added, typing errors, the other ICAO folding. Each variant is a token list plus render options, so
 * the full name and the passport's surname and given-name fields stay consistent.
 */
import { addableParticles, cultures } from './names/index.js';
import { latinPart } from './names/pool.js';
import { renderName, surnameMask, type RenderOptions } from './names/render.js';
import type { NameToken, PersonName } from './names/types.js';
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

function romanisation(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const name = p.structured;
  for (let attempt = 0; attempt < 4; attempt++) {
    const options: RenderOptions = name.systematic
      ? latin(rng.range(1, 4), rng.chance(0.3))
      : { script: 'latin', variant: (part) => rng.int(part.latin.length), upperSurname: rng.chance(0.3) };
    if (renderName(name, options) !== p.name) return { kind: 'romanisation', tokens: name.tokens, options };
  }
  return undefined;
}

function script(p: SynthPerson): NameVariant | undefined {
  const name = p.structured;
  if (p.nameScript !== 'Latn') return { kind: 'script', tokens: name.tokens, options: latin() };
  if (name.script !== 'Latn') return { kind: 'script', tokens: name.tokens, options: { script: 'native' } };
  return undefined;
}

function reorder(rng: Rng, p: SynthPerson, latinOnly: boolean): NameVariant | undefined {
  const name = p.structured;
  if (!name.tokens.some((t) => t.role === 'surname')) return undefined;
  const order = rng.chance(0.5) ? 'surname-comma' : name.surnameFirst ? 'given-first' : 'surname-first';
  const native = !latinOnly && p.nameScript !== 'Latn';
  const options: RenderOptions = native ? { script: 'native', order } : { ...latin(0, rng.chance(0.6)), order };
  return { kind: 'reorder', tokens: name.tokens, options };
}

function particle(rng: Rng, p: SynthPerson): NameVariant | undefined {
  const tokens = p.structured.tokens;
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
  const tokens = p.structured.tokens;
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
  const tokens = p.structured.tokens;
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
  const tokens = p.structured.tokens;
  const candidates = tokens.map((t, i) => [t, i] as const).filter(([t]) => (t.part.latin[0] ?? '').length >= 3);
  if (candidates.length === 0) return undefined;
  const [t, at] = rng.pick(candidates);
  // Edit one word of the token, so a compound name (Ana Clara, Jean-Pierre) keeps its separators.
  const parts = t.part.latin[0]!.split(/([\s'-])/);
  const long = parts.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 3);
  const [word, wi] = long.length > 0 ? rng.pick(long) : [parts[0]!, 0];
  parts[wi] = typo(rng, word);
  const edited = token(t.role, { native: t.part.native, latin: [parts.join('')] });
  return { kind: 'typo', tokens: tokens.map((x, i) => (i === at ? edited : x)), options: latin(0, rng.chance(0.3)) };
}

function icao(p: SynthPerson): NameVariant | undefined {
  const name: PersonName = p.structured;
  if (name.script !== 'Latn') return undefined;
  for (const options of [latin(1), latin(0), { script: 'native' } as const]) {
    if (renderName(name, options) !== p.name) return { kind: 'icao', tokens: name.tokens, options };
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
      return icao(p);
    case 'exact':
    case 'alias':
      return undefined;
  }
}
