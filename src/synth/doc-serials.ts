/**
 * Document numbers that never repeat within a generated set. A number is its key's image under a keyed, reversible
 * permutation of the state's format (so two keys never give one number, and the numbers still look drawn at random);
 * a key unique per issuing state therefore gives a number unique per state. The positions other than the last two
 * digits (the "high" part) hold a permuted even number for a single document and a permuted odd one for a batch of
 * stolen blanks, whose numbers count up in those last two digits. A format with too few values for a key is widened
 * by one digit, and again.
 */
import { dniLetter, documentFormat, type DocumentFormat, type DocumentFormatKind } from './doc-numbers.js';
import { mix32, type Rng } from './prng.js';

const DIGITS = '0123456789';
/** Upper bound of the permuted domains: the Feistel halves stay within 21 bits, exact in 32-bit arithmetic. */
const MAX_DOMAIN = 2 ** 41;
/** Documents per batch of stolen blanks; a batch's numbers count up from a start in 0…(100 - BLANK_BATCH). */
export const BLANK_BATCH = 64;

/**
 * A bijection of [0, n) chosen by a key: a Feistel network over the fewest bits that cover n (split into a left
 * and a right part, each in turn xor-ed with a keyed hash of the other, four times), applied again until the value
 * falls inside [0, n) (cycle walking, under two tries on average). Built once, applied many times.
 */
export class Permutation {
  private readonly rightSize: number;
  private readonly leftMask: number;
  private readonly rightMask: number;
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;

  /** `n` from 1 to 2^42. */
  constructor(
    readonly n: number,
    key: number,
  ) {
    if (!(n >= 1 && n <= 2 ** 42)) throw new RangeError(`permutation of ${n} values`);
    const bits = Math.max(2, Math.ceil(Math.log2(n)));
    const left = Math.floor(bits / 2);
    this.rightSize = 2 ** (bits - left);
    this.leftMask = 2 ** left - 1;
    this.rightMask = this.rightSize - 1;
    this.k0 = mix32(key >>> 0);
    this.k1 = mix32((this.k0 + 0x9e3779b9) >>> 0);
    this.k2 = mix32((this.k1 + 0x9e3779b9) >>> 0);
    this.k3 = mix32((this.k2 + 0x9e3779b9) >>> 0);
  }

  /** The image of x, 0 ≤ x < n. */
  apply(x: number): number {
    const { rightSize, leftMask, rightMask, n, k0, k1, k2, k3 } = this;
    let y = x;
    do {
      let l = Math.floor(y / rightSize);
      let r = y % rightSize;
      l = (l ^ mix32((r ^ k0) >>> 0)) & leftMask;
      r = (r ^ mix32((l ^ k1) >>> 0)) & rightMask;
      l = (l ^ mix32((r ^ k2) >>> 0)) & leftMask;
      r = (r ^ mix32((l ^ k3) >>> 0)) & rightMask;
      y = l * rightSize + r;
    } while (y >= n);
    return y;
  }
}

/** How a format's positions are used: counted (high part, low pair), drawn at random, or fixed. */
interface Layout {
  readonly alphabets: readonly string[];
  readonly dniLetter: boolean;
  /** The two rightmost positions that take every digit: the low part, where blanks count up. */
  readonly low: readonly [number, number];
  /** Positions of the high part, least significant first. */
  readonly high: readonly number[];
  /** Positions left of the high part in very long formats (18-digit cards): drawn at random. */
  readonly free: readonly number[];
  readonly highSize: number;
  readonly lowSize: number;
  /** Keys of single documents the layout holds, and of blank batches. */
  readonly capacity: number;
  readonly blankCapacity: number;
}

/** One more digit: after the last all-digit position (PHL P1234567A → P12345678A), or at the end. */
function widen(alphabets: readonly string[]): string[] {
  let at = alphabets.length;
  for (let i = alphabets.length - 1; i >= 0; i--) {
    if (alphabets[i] === DIGITS) {
      at = i + 1;
      break;
    }
  }
  return [...alphabets.slice(0, at), DIGITS, ...alphabets.slice(at)];
}

function layoutOf(alphabets: readonly string[], dni: boolean): Layout {
  const digitPositions = alphabets.flatMap((a, i) =>
    a.length > 1 && DIGITS.split('').every((d) => a.includes(d)) ? [i] : [],
  );
  if (digitPositions.length < 2) throw new Error(`document format without two digit positions: ${alphabets.join('|')}`);
  const low = [digitPositions.at(-2)!, digitPositions.at(-1)!] as const;
  const lowSize = alphabets[low[0]]!.length * alphabets[low[1]]!.length;
  const high: number[] = [];
  const free: number[] = [];
  let highSize = 1;
  for (let i = alphabets.length - 1; i >= 0; i--) {
    const radix = alphabets[i]!.length;
    if (radix === 1 || i === low[0] || i === low[1]) continue;
    if (free.length === 0 && highSize * radix * lowSize <= MAX_DOMAIN) {
      high.push(i);
      highSize *= radix;
    } else free.push(i);
  }
  return {
    alphabets,
    dniLetter: dni,
    low,
    high,
    free,
    highSize,
    lowSize,
    capacity: Math.ceil(highSize / 2) * lowSize,
    blankCapacity: Math.floor(highSize / 2),
  };
}

/** The permutations of one widening level of a format for one seed. */
interface Level {
  readonly layout: Layout;
  /** Keys of single documents → [0, capacity). */
  readonly documents: Permutation;
  /** The high part: single documents take the images of even numbers, blank batches those of odd ones. */
  readonly high: Permutation;
}

/** Reused by `write` (numbers are written one at a time). */
const chars: string[] = [];

/** The number with the high part `high`, the two characters `low` in the low positions, free positions drawn. */
function write(l: Layout, high: number, low0: string, low1: string, rng: Rng): string {
  const { alphabets } = l;
  chars.length = alphabets.length;
  for (let i = 0; i < alphabets.length; i++) chars[i] = alphabets[i]!;
  for (let f = l.free.length - 1; f >= 0; f--) {
    const i = l.free[f]!;
    chars[i] = alphabets[i]![rng.int(alphabets[i]!.length)]!;
  }
  let h = high;
  for (const i of l.high) {
    const a = alphabets[i]!;
    chars[i] = a[h % a.length]!;
    h = Math.floor(h / a.length);
  }
  chars[l.low[0]] = low0;
  chars[l.low[1]] = low1;
  let number = '';
  for (let i = 0; i < chars.length; i++) number += chars[i]!;
  return l.dniLetter ? number + dniLetter(number) : number;
}

/** A state's series of document numbers in one format, with its widenings and their permutations for one seed. */
export class Numbering {
  private readonly layouts: Layout[];
  private seed = -1;
  private levels: Level[] = [];

  /** `name` tells the series apart (state and format): the permutations are keyed by it. */
  constructor(
    private readonly name: string,
    format: DocumentFormat,
  ) {
    this.layouts = [layoutOf(format.alphabets, format.dniLetter)];
  }

  /** The format widened `level` times. */
  private layout(level: number): Layout {
    while (this.layouts.length <= level) {
      const last = this.layouts.at(-1)!;
      this.layouts.push(layoutOf(widen(last.alphabets), last.dniLetter));
    }
    return this.layouts[level]!;
  }

  /** The widening level `level` with its permutations for `seed`. */
  private level(seed: number, level: number): Level {
    if (seed !== this.seed) {
      this.seed = seed;
      this.levels = [];
    }
    let found = this.levels[level];
    if (found === undefined) {
      let k = mix32((seed ^ 0x5bd1e995) >>> 0);
      for (let i = 0; i < this.name.length; i++) k = mix32((k ^ this.name.charCodeAt(i)) >>> 0);
      k = mix32((k ^ level) >>> 0);
      const layout = this.layout(level);
      found = {
        layout,
        documents: new Permutation(layout.capacity, k),
        high: new Permutation(layout.highSize, mix32((k ^ 0x68e31da4) >>> 0)),
      };
      this.levels[level] = found;
    }
    return found;
  }

  /**
   * The formats (an alphabet per position, a DNI letter as one more position of letters) that single documents with
   * keys below `keys` and blank batches with keys below `batchKeys` are written in.
   */
  formats(keys: number, batchKeys: number): (readonly string[])[] {
    const out: (readonly string[])[] = [];
    for (let level = 0; ; level++) {
      const l = this.layout(level);
      out.push(l.dniLetter ? [...l.alphabets, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'] : l.alphabets);
      if (keys <= l.capacity && batchKeys <= l.blankCapacity) return out;
    }
  }

  /**
   * The number of a single document: distinct keys give distinct numbers. Positions a very long format has beyond
   * the counted ones are drawn from `rng`.
   */
  single(seed: number, key: number, rng: Rng): string {
    let level = 0;
    while (key >= this.layout(level).capacity) level++;
    const { layout: l, documents, high } = this.level(seed, level);
    const x = documents.apply(key);
    const lowValue = x % l.lowSize;
    const a = l.alphabets[l.low[0]]!;
    const b = l.alphabets[l.low[1]]!;
    const h = high.apply(2 * Math.floor(x / l.lowSize));
    return write(l, h, a[Math.floor(lowValue / b.length)]!, b[lowValue % b.length]!, rng);
  }

  /**
   * The number of blank `offset` (0 … BLANK_BATCH-1) of batch `batchKey`: a batch's numbers are consecutive (their
   * last two digits count up from a start drawn from `batchRng`) and distinct from every other batch's and every
   * single document's. `batchRng` must be the batch's own, so all its blanks share the start and the prefix.
   */
  blank(seed: number, batchKey: number, offset: number, batchRng: Rng): string {
    let level = 0;
    while (batchKey >= this.layout(level).blankCapacity) level++;
    const { layout: l, high } = this.level(seed, level);
    const count = batchRng.int(100 - BLANK_BATCH + 1) + offset;
    return write(l, high.apply(2 * batchKey + 1), String(Math.floor(count / 10)), String(count % 10), batchRng);
  }
}

const numberings = new Map<string, Numbering>();

/**
 * The numbering of a state's documents of a kind. Kinds a state writes in one format (Dutch passports and identity
 * cards) share one numbering, hence one series: a number is never given twice.
 */
export function numbering(state: string, kind: DocumentFormatKind): Numbering {
  const format = documentFormat(state, kind);
  const name = `${state}:${format.alphabets.join('|')}:${String(format.dniLetter)}`;
  let found = numberings.get(name);
  if (found === undefined) {
    found = new Numbering(name, format);
    numberings.set(name, found);
  }
  return found;
}
