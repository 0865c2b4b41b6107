/**
 * The messages between a `ScreeningReplica` (the server's thread) and its worker thread (replica-worker.ts). The
 * server's thread sends every change it makes to its person engines, in the order it makes them, so that when the
 * worker reads a screening it holds the engines as the server's thread held them when it asked.
 */
import type { PersonQuery, PersonRecord, ScreeningHit } from './types.js';

export type ReplicaOp =
  /** A list's engine, sized for its persons (sent once, before its first person). */
  | { readonly t: 'list'; readonly list: string; readonly expected: number }
  /** A person added or replaced: the engine key the server chose, and the entry's database key. */
  | { readonly t: 'put'; readonly list: string; readonly record: PersonRecord; readonly entryKey: number }
  | { readonly t: 'remove'; readonly list: string; readonly key: number }
  | { readonly t: 'compact' }
  /** Screenings for matches only (alerts), answered by a `ReplicaAnswer` with the same id. */
  | {
      readonly t: 'screen';
      readonly id: number;
      readonly list: string;
      readonly threshold: number;
      readonly limit: number;
      readonly queries: readonly PersonQuery[];
    };

/** A hit as the worker found it, with the database key of its entry. */
export interface ReplicaHit extends ScreeningHit {
  readonly entryKey: number;
}

export type ReplicaAnswer =
  | { readonly id: number; readonly hits: readonly (readonly ReplicaHit[])[] }
  | { readonly id: number; readonly error: string };
