/**
 * String similarity on short strings (name words, skeletons) without allocating: scratch buffers are module
 * level and reused, which keeps the screening hot path free of garbage. Inputs longer than MAX_LEN are compared
 * on their first MAX_LEN characters.
 */

const MAX_LEN = 64;
const flagsA = new Uint8Array(MAX_LEN);
const flagsB = new Uint8Array(MAX_LEN);
const rowPrev2 = new Float64Array(MAX_LEN + 1);
const rowPrev = new Float64Array(MAX_LEN + 1);
const rowCur = new Float64Array(MAX_LEN + 1);

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  const la = Math.min(a.length, MAX_LEN);
  const lb = Math.min(b.length, MAX_LEN);
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const iPrev2 = new Int32Array(MAX_LEN + 1);
const iPrev = new Int32Array(MAX_LEN + 1);
const iCur = new Int32Array(MAX_LEN + 1);

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), unit costs. With `max`,
 * stops early and returns max + 1 once the distance must exceed it (the common case: unrelated words).
 */
export function editDistance(a: string, b: string, max = MAX_LEN): number {
  const la = Math.min(a.length, MAX_LEN);
  const lb = Math.min(b.length, MAX_LEN);
  if (Math.abs(la - lb) > max) return max + 1;
  let p2 = iPrev2;
  let p1 = iPrev;
  let cur = iCur;
  for (let j = 0; j <= lb; j++) p1[j] = j;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = p1[j - 1]! + (ca === cb ? 0 : 1);
      const del = p1[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && ca !== cb) {
        const t = p2[j - 2]! + 1;
        if (t < v) v = t;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = p2;
    p2 = p1;
    p1 = cur;
    cur = t;
  }
  return p1[lb]!;
}

/** OSA distance with caller-given substitution and insertion/deletion costs (character codes). */
export function weightedDistance(
  a: string,
  b: string,
  sub: (x: number, y: number) => number,
  indel: (x: number) => number,
): number {
  const la = Math.min(a.length, MAX_LEN);
  const lb = Math.min(b.length, MAX_LEN);
  let p2 = rowPrev2;
  let p1 = rowPrev;
  let cur = rowCur;
  p1[0] = 0;
  for (let j = 1; j <= lb; j++) p1[j] = p1[j - 1]! + indel(b.charCodeAt(j - 1));
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = p1[0]! + indel(ca);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(p1[j]! + indel(ca), cur[j - 1]! + indel(cb), p1[j - 1]! + sub(ca, cb));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && ca !== cb) {
        v = Math.min(v, p2[j - 2]! + 1);
      }
      cur[j] = v;
    }
    const t = p2;
    p2 = p1;
    p1 = cur;
    cur = t;
  }
  return p1[lb]!;
}

// Skeleton classes that romanisations confuse: a substitution between them costs half.
const near = new Float64Array(26 * 26).fill(1);
for (const pair of ['SZ', 'JZ', 'SJ', 'DZ', 'TS', 'TD', 'KG', 'GJ', 'HK', 'FB', 'PB', 'FP', 'LR', 'DT']) {
  const x = pair.charCodeAt(0) - 65;
  const y = pair.charCodeAt(1) - 65;
  near[x * 26 + y] = 0.5;
  near[y * 26 + x] = 0.5;
}
for (let i = 0; i < 26; i++) near[i * 26 + i] = 0;

function skeletonSub(x: number, y: number): number {
  const i = x - 65;
  const j = y - 65;
  return i < 0 || i > 25 || j < 0 || j > 25 ? (x === y ? 0 : 1) : near[i * 26 + j]!;
}
function skeletonIndel(x: number): number {
  // H and the glide-like F (from V/W) are often written or not: cheaper to add or drop.
  return x === 72 || x === 70 ? 0.5 : 1;
}

/** Distance between two consonant skeletons, with half costs for classes romanisations confuse. */
export function skeletonDistance(a: string, b: string): number {
  return weightedDistance(a, b, skeletonSub, skeletonIndel);
}

// A spelling from Arabic or Persian script names its letters: B (ب), F (ف), L (ل) and R (ر) are each one letter,
// which no romanisation writes as the other, so they are not near each other there (Shabiri is not Safari,
// Ikhlas is not Akhras). The other near classes stay: one letter romanised two ways (ق K/G/Q, ج J/G, ث T/S).
const nearWritten = Float64Array.from(near);
for (const pair of ['FB', 'FP', 'LR']) {
  const x = pair.charCodeAt(0) - 65;
  const y = pair.charCodeAt(1) - 65;
  nearWritten[x * 26 + y] = 1;
  nearWritten[y * 26 + x] = 1;
}

function writtenSub(x: number, y: number): number {
  const i = x - 65;
  const j = y - 65;
  return i < 0 || i > 25 || j < 0 || j > 25 ? (x === y ? 0 : 1) : nearWritten[i * 26 + j]!;
}

/** skeletonDistance where one side comes from a script without short vowels (see nearWritten). */
export function writtenSkeletonDistance(a: string, b: string): number {
  return weightedDistance(a, b, writtenSub, skeletonIndel);
}

/**
 * Whether skeletonDistance(a, b) <= 0.5, without the table: a non-zero step costs 0.5 (a near substitution, or
 * adding or dropping H or F) or more, so the distance is at most 0.5 only for equal skeletons or skeletons one such
 * step apart. The scorer asks only this, for most pairs of tokens that start alike.
 */
export function skeletonsNear(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la > MAX_LEN || lb > MAX_LEN) return skeletonDistance(a, b) <= 0.5;
  if (la === lb) {
    let at = -1;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
      if (at >= 0) return false;
      at = i;
    }
    return at < 0 || skeletonSub(a.charCodeAt(at), b.charCodeAt(at)) <= 0.5;
  }
  if (la === lb + 1) return dropsCheapLetter(a, b);
  if (lb === la + 1) return dropsCheapLetter(b, a);
  return false;
}

/**
 * Whether dropping one letter that is cheap to add or drop (skeletonIndel 0.5) from `long` gives `short`, one
 * letter shorter. Where a letter is dropped within a run of equal letters does not matter, so trying it at the
 * first difference is enough.
 */
function dropsCheapLetter(long: string, short: string): boolean {
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return skeletonIndel(long.charCodeAt(i)) <= 0.5;
}
