/** Percentiles, memory figures and the accuracy tally shared by every part of the benchmark. */
import type { SynthQuery } from '../../src/synth/queries.js';

/** The p-th percentile (0–100) of durations in milliseconds, nearest rank. */
export function percentile(sorted: Float64Array | readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at]!;
}

export interface Latency {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function latency(samples: Float64Array | readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return {
    p50Ms: r(percentile(sorted, 50)),
    p95Ms: r(percentile(sorted, 95)),
    p99Ms: r(percentile(sorted, 99)),
    maxMs: r(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export const mb = (bytes: number): number => Math.round(bytes / 1048576);

/** What one screening answered, reduced to what accuracy needs: entity ids best first and which were matches. */
export interface Answer {
  readonly ids: readonly string[];
  readonly matches: readonly boolean[];
}

/** Rank (0-based) of the expected id among the answer's ids; -1 when absent; -2 for a non-match query. */
export function rankOf(q: SynthQuery, answer: Answer): number {
  const expected = q.expectedIds[0];
  if (expected === undefined) return -2;
  return answer.ids.indexOf(expected);
}

interface Counts {
  n: number;
  at1: number;
  at10: number;
  atThreshold: number;
}

export interface Accuracy {
  /** Planted queries (variants of a listed person, with its id expected). */
  readonly planted: number;
  readonly recallAt1: number;
  readonly recallAt10: number;
  /** Planted queries whose expected person is among the hits at or above the threshold. */
  readonly foundAtThreshold: number;
  readonly nonMatches: number;
  /**
   * False alerts per 1,000 non-match queries: every hit of a non-match query at or above the threshold is one (a query
   * with three such hits raised three), as eval:screening counts them (../shared/eval's protocol, step 3).
   */
  readonly falseAlertsPer1000: number;
  /** Planted queries with another person at or above the threshold, per 1,000 planted. */
  readonly wrongAlertsPer1000: number;
  /** Recall by the first label of the planted variant (romanisation, typo, script, …). */
  readonly byKind: Readonly<
    Record<string, { n: number; recallAt1: number; recallAt10: number; foundAtThreshold: number }>
  >;
}

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : Math.round((a / b) * 10000) / 10000);

/** Tallies recall and alerts over queries and their answers (answers[i] for queries[i]; undefined = not run). */
export function accuracy(queries: readonly SynthQuery[], answers: readonly (Answer | undefined)[]): Accuracy {
  const all: Counts = { n: 0, at1: 0, at10: 0, atThreshold: 0 };
  const kinds = new Map<string, Counts>();
  let nonMatches = 0;
  let falseAlerts = 0;
  let wrongAlerts = 0;
  queries.forEach((q, i) => {
    const answer = answers[i];
    if (answer === undefined) return;
    const expected = q.expectedIds[0];
    if (expected === undefined) {
      nonMatches++;
      falseAlerts += answer.matches.filter(Boolean).length;
      return;
    }
    const kind = q.variantKind.split('+')[0] ?? q.variantKind;
    let k = kinds.get(kind);
    if (k === undefined) kinds.set(kind, (k = { n: 0, at1: 0, at10: 0, atThreshold: 0 }));
    const rank = answer.ids.indexOf(expected);
    for (const c of [all, k]) {
      c.n++;
      if (rank === 0) c.at1++;
      if (rank >= 0 && rank < 10) c.at10++;
      if (rank >= 0 && answer.matches[rank] === true) c.atThreshold++;
    }
    if (answer.ids.some((id, j) => id !== expected && answer.matches[j] === true)) wrongAlerts++;
  });
  const byKind: Record<string, { n: number; recallAt1: number; recallAt10: number; foundAtThreshold: number }> = {};
  for (const [kind, c] of [...kinds].sort((a, b) => b[1].n - a[1].n)) {
    byKind[kind] = {
      n: c.n,
      recallAt1: ratio(c.at1, c.n),
      recallAt10: ratio(c.at10, c.n),
      foundAtThreshold: ratio(c.atThreshold, c.n),
    };
  }
  return {
    planted: all.n,
    recallAt1: ratio(all.at1, all.n),
    recallAt10: ratio(all.at10, all.n),
    foundAtThreshold: ratio(all.atThreshold, all.n),
    nonMatches,
    falseAlertsPer1000: ratio(falseAlerts * 1000, nonMatches),
    wrongAlertsPer1000: ratio(wrongAlerts * 1000, all.n),
    byKind,
  };
}

/** Forces a full garbage collection when node runs with --expose-gc (twice: weak maps and finalisers). */
export function collect(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}
