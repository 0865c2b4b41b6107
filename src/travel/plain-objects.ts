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

/** One slot to copy: `[item]` is made as a copy of it, which V8 never pretenures (see the file comment). */
const oneSlot: unknown[] = [undefined];

/**
 * The list a draft starts with: one frozen empty array shared by all, replaced by a real one at the first `add`.
 * Most lists of a traveller stay empty (and being shared, it is frozen: nobody may add to it in place).
 */
export const none: never[] = Object.freeze([]) as never[];

/** `list` with `item` appended; store the result back (the shared empty list is replaced by a new one). */
export function add<T>(list: T[], item: T): T[] {
  if (list === none) {
    const one = oneSlot.slice() as T[];
    one[0] = item;
    return one;
  }
  list.push(item);
  return list;
}

/** `list` with `value` appended unless empty, undefined or already there; store the result back. */
export function addUnique(list: string[], value: string | undefined): string[] {
  if (value === undefined || value === '' || list.includes(value)) return list;
  return add(list, value);
}
