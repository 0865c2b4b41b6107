/**
 * Plain objects and arrays made without an object or array literal, for the results the parsers build by the thousand.
 *
 * Why: V8 decides for each literal in the code whether what it makes is long-lived and should be allocated straight
 * into the old generation ("allocation-site pretenuring"), from how many of its objects survive a collection while the
 * code still runs unoptimized. A parser's results all live until their message is read, so when a collection happens
 * to fall inside the first messages a process parses, V8 pretenures the parser's literals for good: the results of
 * every later message then pile up, dead, in the old generation until a full collection, and keep the young strings
 * they hold alive through every scavenge. PNRGOV parsing then ran at half speed (PAXLST at two thirds), in two to
 * four of ten fresh runs of the parse-only benchmark.
 * Constructors and array copies are never pretenured; a constructor whose `prototype` is `Object.prototype` makes an
 * object no one can tell from a literal's (same prototype, same own properties in the same order).
 */

/** Fields writable while an object is being built. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Turns `init` (a `function`, which assigns every field in the order a literal would list them) into a constructor of
 * plain objects: `new (plainObject(init))(…)` is `{ …fields }` with `Object.prototype` as its prototype.
 */
export function plainObject<A extends unknown[], T>(
  init: (this: Mutable<T>, ...args: A) => void,
): new (...args: A) => T {
  const make = init as unknown as { prototype: object } & (new (...args: A) => T);
  make.prototype = Object.prototype;
  return make;
}

/** One slot to copy: `listOf(item)` is `[item]` made by `slice`, which V8 never pretenures. */
const oneSlot: unknown[] = [undefined];

/** `[item]`, as a fresh array of exactly one item (see the file comment for why not the literal). */
export function listOf<T>(item: T): T[] {
  const list = oneSlot.slice() as T[];
  list[0] = item;
  return list;
}

/** `[]`, as a fresh empty array (see the file comment for why not the literal). */
export function emptyList<T>(): T[] {
  return noSlots.slice() as T[];
}

const noSlots: unknown[] = [];
