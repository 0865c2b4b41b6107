/**
 * Rule-driven transliteration for the synthetic name pools: a letter table, forms used at the start of a word
 * (or after a vowel), and context rewrites applied first. Enough to reproduce how the same Cyrillic, Greek,
 * Georgian or Armenian name comes out of different romanisation systems; not a general transliterator.
 */
import { capitalise } from './pool.js';

export interface TranslitSystem {
  readonly table: Readonly<Record<string, string>>;
  /** Forms used at the start of a word, and also after a vowel when `vowels` is given. */
  readonly initial?: Readonly<Record<string, string>>;
  readonly vowels?: string;
  /** Context rewrites on the lower-case native text, applied in order before the table. */
  readonly rewrite?: readonly (readonly [RegExp, string])[];
  /** Rewrites on the romanised result (final -ов → -ow in German, doubled letters…). */
  readonly after?: readonly (readonly [RegExp, string])[];
}

/** Romanises a native-script name with one system; the result is capitalised word by word. */
export function transliterate(native: string, system: TranslitSystem): string {
  let text = native.toLowerCase();
  for (const [pattern, replacement] of system.rewrite ?? []) text = text.replace(pattern, replacement);
  let out = '';
  let prev = ' ';
  for (const c of text) {
    const atStart = prev === ' ' || prev === '-';
    const afterVowel = system.vowels !== undefined && system.vowels.includes(prev);
    const initial = system.initial?.[c];
    out += initial !== undefined && (atStart || afterVowel) ? initial : (system.table[c] ?? c);
    prev = c;
  }
  for (const [pattern, replacement] of system.after ?? []) out = out.replace(pattern, replacement);
  return capitalise(out.replace(/-(\p{L})/gu, (_m, c: string) => `-${c.toUpperCase()}`));
}

/** A system as a function, for `translitPool`. */
export function romaniser(system: TranslitSystem): (native: string) => string {
  return (native) => transliterate(native, system);
}

/** A table from two parallel strings of space-separated tokens (`'а б' , 'a b'`); `-` stands for nothing. */
export function letters(from: string, to: string): Record<string, string> {
  const a = from.split(' ');
  const b = to.split(' ');
  if (a.length !== b.length) throw new Error(`letters: ${a.length} sources, ${b.length} targets`);
  const table: Record<string, string> = {};
  a.forEach((k, i) => (table[k] = b[i] === '-' ? '' : b[i]!));
  return table;
}
