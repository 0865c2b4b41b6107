/**
 * Writing a structured name as text: in native script or romanised (one system, or a variant per token), given
 * names first or family name first, with a comma ("SURNAME, Given") and an upper-case surname as watchlists do.
 */
import type { NamePart, NameToken, PersonName } from './types.js';

export type NameOrder = 'natural' | 'given-first' | 'surname-first' | 'surname-comma';

export interface RenderOptions {
  readonly script: 'native' | 'latin';
  /** Romanisation system index, or a chooser per token; defaults to 0 (the passport form). */
  readonly variant?: number | ((part: NamePart, index: number) => number);
  readonly order?: NameOrder;
  readonly upperSurname?: boolean;
  /** Render these tokens instead of the name's own (a variant with a token dropped or added). */
  readonly tokens?: readonly NameToken[];
}

/** The romanisation of a part for a variant index (the last one when the part has fewer). */
export function latinOf(part: NamePart, variant: number): string {
  return part.latin[Math.min(variant, part.latin.length - 1)] ?? part.native;
}

/** True for tokens that belong to the family name (surnames and the particles directly before them). */
export function surnameMask(tokens: readonly NameToken[]): boolean[] {
  const mask = new Array<boolean>(tokens.length).fill(false);
  let next = false;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const role = tokens[i]!.role;
    if (role === 'surname') next = true;
    else if (role !== 'particle') next = false;
    mask[i] = next;
  }
  return mask;
}

/** A token whose text attaches to the next one without a space (al-, ال). */
function attaches(text: string): boolean {
  return text.endsWith('-') || text === 'ال' || text.endsWith("'");
}

function join(texts: readonly string[], separator: string): string {
  let out = '';
  let previous = '';
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!.trim();
    if (t === '') continue;
    out += out === '' || attaches(previous) ? t : separator + t;
    previous = t;
  }
  return out;
}

/** Renders a name as one string. */
export function renderName(name: PersonName, options: RenderOptions): string {
  const tokens = options.tokens ?? name.tokens;
  const mask = surnameMask(tokens);
  const native = options.script === 'native';
  const variant = options.variant ?? 0;
  const texts = tokens.map((t, i) => {
    if (native) return t.part.native;
    const v = typeof variant === 'number' ? variant : variant(t.part, i);
    const text = latinOf(t.part, v);
    return options.upperSurname === true && mask[i] ? text.toUpperCase() : text;
  });
  const given: string[] = [];
  const family: string[] = [];
  texts.forEach((t, i) => (mask[i] ? family : given).push(t));
  const separator = native ? name.nativeJoin : ' ';
  const order = options.order ?? 'natural';
  if (order === 'surname-comma' && given.length > 0 && family.length > 0) {
    return `${join(family, separator)},${separator === '' ? '' : ' '}${join(given, separator)}`;
  }
  const surnameFirst = order === 'surname-first' || (order === 'natural' && name.surnameFirst);
  if (!surnameFirst) return join(texts, separator);
  return join([join(family, separator), join(given, separator)], separator);
}

/** The romanised tokens on one side of the surname mask, each in the spelling `variant` gives its position. */
function renderSide(name: PersonName, variant: RenderOptions['variant'], family: boolean): string {
  const mask = surnameMask(name.tokens);
  const v = variant ?? 0;
  const texts: string[] = [];
  name.tokens.forEach((t, i) => {
    if (mask[i] === family) texts.push(latinOf(t.part, typeof v === 'number' ? v : v(t.part, i)));
  });
  return join(texts, ' ');
}

/**
 * The family-name part alone, romanised (what a passport's primary identifier holds). A per-token chooser is asked
 * with each token's position in the whole name, as `renderName` asks it, so both give the same spellings.
 */
export function renderSurname(name: PersonName, variant: RenderOptions['variant'] = 0): string {
  return renderSide(name, variant, true);
}

/** The given names alone, romanised (a passport's secondary identifier), spelt as `renderSurname` spells. */
export function renderGiven(name: PersonName, variant: RenderOptions['variant'] = 0): string {
  return renderSide(name, variant, false);
}
