/**
 * The worker thread of a `ScreeningReplica` (replica.ts): holds its own copy of every list's person engine, applies
 * the changes the server's thread sends in the order sent, and answers alert screenings with them.
 */
import { parentPort } from 'node:worker_threads';
import { ScreeningEngine } from './engine.js';
import type { ReplicaAnswer, ReplicaHit, ReplicaOp } from './replica-protocol.js';

interface Replica {
  readonly engine: ScreeningEngine;
  /** Database key of each engine key's entry (-1 once removed). */
  readonly entryKeys: number[];
}

const lists = new Map<string, Replica>();
const port = parentPort;
if (port === null) throw new Error('replica-worker.ts runs as a worker thread (see replica.ts)');

function apply(op: ReplicaOp): void {
  switch (op.t) {
    case 'list':
      if (!lists.has(op.list))
        lists.set(op.list, { engine: new ScreeningEngine({ expectedPersons: op.expected }), entryKeys: [] });
      return;
    case 'put': {
      const replica = lists.get(op.list);
      if (replica === undefined) throw new Error(`a person of list ${op.list}, which the replica does not know`);
      replica.engine.add(op.record);
      replica.entryKeys[op.record.key] = op.entryKey;
      return;
    }
    case 'remove': {
      const replica = lists.get(op.list);
      if (replica === undefined) return;
      replica.engine.remove(op.key);
      replica.entryKeys[op.key] = -1;
      return;
    }
    case 'compact':
      for (const replica of lists.values()) replica.engine.compact();
      return;
    case 'screen': {
      const replica = lists.get(op.list);
      const hits: ReplicaHit[][] = [];
      for (const query of op.queries) {
        if (replica === undefined) {
          hits.push([]);
          continue;
        }
        const result = replica.engine.screenPerson(query, {
          threshold: op.threshold,
          limit: op.limit,
          matchesOnly: true,
        });
        hits.push(result.hits.map((hit) => ({ ...hit, entryKey: replica.entryKeys[hit.key] ?? -1 })));
      }
      port!.postMessage({ id: op.id, hits } satisfies ReplicaAnswer);
      return;
    }
  }
}

// A change that cannot be applied throws out of here and ends the thread: this copy would no longer be the server's,
// and the server's thread screens on its own engines from then on (replica.ts). A screening that fails is answered so.
port.on('message', (ops: readonly ReplicaOp[]) => {
  for (const op of ops) {
    if (op.t !== 'screen') {
      apply(op);
      continue;
    }
    try {
      apply(op);
    } catch (error) {
      port.postMessage({
        id: op.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ReplicaAnswer);
    }
  }
});
