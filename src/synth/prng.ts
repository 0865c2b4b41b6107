/**
 * A small, fast, seedable pseudo-random generator for synthetic data. Everything the generator makes is a pure
 * function of (seed, stream, index), so any record can be regenerated on its own — which is what lets the
 * writers stream millions of rows and a later flight generator draw listed persons without holding the list.
 */

/** Mixes a 32-bit value (the finaliser of MurmurHash3): consecutive inputs give unrelated outputs. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit seed derived from a seed, a named stream and a record index. */
export function deriveSeed(seed: number, stream: number, index: number): number {
  return mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ Math.imul(stream, 0x27d4eb2d)) + index);
}

/** Stream numbers: each kind of record draws from its own sequence so adding one kind never shifts another. */
export const streams = {
  person: 1,
  document: 2,
  query: 3,
  traveller: 4,
  flight: 5,
} as const;

/**
 * Mulberry32: one 32-bit state, a handful of integer operations per draw, good enough statistics for test data
 * (not for cryptography). Mutable on purpose: the hot loops reuse one instance per record instead of allocating.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Restarts the sequence at a new seed (lets a hot loop reuse one instance). */
  reseed(seed: number): this {
    this.state = seed >>> 0;
    return this;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform integer in [min, max] (both included). */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A precomputed weighted choice: O(log n) per draw, built once per table. */
export class Weighted<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('Weighted: no entries');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, weight], i) => {
      total += weight;
      this.cumulative[i] = total;
    });
    for (let i = 0; i < entries.length; i++) this.cumulative[i]! /= total;
  }

  /** Draws one item according to the weights. */
  draw(rng: Rng): T {
    const x = rng.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }

  /** Every item, in table order. */
  all(): readonly T[] {
    return this.items;
  }
}
