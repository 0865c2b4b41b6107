import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  canonicalJson,
  findChainBreak,
  findCheckpointBreak,
  findLostHead,
  genesisHash,
  hashCheckpoint,
  hashEntry,
  recordedHeadOf,
  type AuditCheckpoint,
  type AuditEntry,
} from './audit.js';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = { seq: 0, hash: genesisHash };
  for (let i = 1; i <= n; i++) {
    const unhashed = {
      seq: prev.seq + 1,
      at: new Date(Date.UTC(2026, 10, 24, 12, 0, i)),
      prevHash: prev.hash,
      actorKind: 'user' as const,
      actorId: `u${i}`,
      actorName: `user${i}@police.example`,
      actorCountry: 'FRA',
      action: 'screening.person',
      subjectType: null,
      subjectId: null,
      subjectCountry: null,
      outcome: 'ok' as const,
      details: { hits: i, query: { fingerprint: `f${i}` } },
      ip: '127.0.0.1',
      requestId: `r${i}`,
    };
    const entry = { ...unhashed, hash: hashEntry(unhashed) };
    entries.push(entry);
    prev = entry;
  }
  return entries;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    assert.equal(findChainBreak(chain(5), { seq: 0, hash: genesisHash }), undefined);
  });

  it('names a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: { hits: 0 } };
    assert.deepEqual(findChainBreak(entries, { seq: 0, hash: genesisHash }), {
      seq: 3,
      reason: 'its contents do not match its hash (the entry was changed)',
    });
  });

  it('names the entry after a removed one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    assert.equal(findChainBreak(entries, { seq: 0, hash: genesisHash })?.seq, 3);
  });

  it('names a changed entry whose hash was recomputed, by its successor', () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, actorId: 'someone else' };
    entries[1] = { ...forged, hash: hashEntry(forged) };
    assert.equal(findChainBreak(entries, { seq: 0, hash: genesisHash })?.seq, 3);
  });

  it('serialises objects canonically, whatever their key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        return canonicalJson(value) === canonicalJson(reversed);
      }),
    );
  });
});

function checkpoints(seqs: readonly number[]): AuditCheckpoint[] {
  const list: AuditCheckpoint[] = [];
  let prevHash = genesisHash;
  let prevSeq = 0;
  for (const seq of seqs) {
    const unhashed = { seq, hash: String(seq).padStart(64, 'a'), purgedCount: seq - prevSeq, prevHash };
    const checkpoint = { ...unhashed, checkpointHash: hashCheckpoint(unhashed) };
    list.push(checkpoint);
    prevHash = checkpoint.checkpointHash;
    prevSeq = seq;
  }
  return list;
}

describe('audit retention checkpoints', () => {
  it('verifies a chain of checkpoints', () => {
    assert.equal(findCheckpointBreak(checkpoints([10, 25, 40])), undefined);
  });

  it('names a checkpoint that was changed, added or removed', () => {
    const changed = checkpoints([10, 25, 40]);
    changed[1] = { ...changed[1]!, purgedCount: 1 };
    assert.match(findCheckpointBreak(changed)?.reason ?? '', /entry 25 does not match its hash/);
    const removed = checkpoints([10, 25, 40]).filter((c) => c.seq !== 25);
    assert.equal(findCheckpointBreak(removed)?.seq, 40);
    const [first] = checkpoints([30]);
    const added = [...checkpoints([10, 25]), { ...first!, seq: 31 }];
    assert.match(findCheckpointBreak(added)?.reason ?? '', /entry 31 does not link to the one before it/);
  });
});

describe('audit recorded heads', () => {
  const entries = chain(6);
  const hashAt = (seq: number) => entries.find((e) => e.seq === seq)?.hash;

  it('accepts heads still in the chain, and heads purged since', () => {
    const heads = [
      { seq: 4, hash: entries[3]!.hash, recordedBy: 'audit.verify' },
      { seq: 1, hash: 'gone with the purge', recordedBy: 'audit.verify' },
    ];
    assert.equal(
      findLostHead(heads, 1, (seq) => (seq === 1 ? undefined : hashAt(seq))),
      undefined,
    );
  });

  it('names the lowest head that is gone or has another hash', () => {
    const heads = [
      { seq: 9, hash: 'f'.repeat(64), recordedBy: 'audit.verify at noon' },
      { seq: 5, hash: 'e'.repeat(64), recordedBy: 'the auditor' },
    ];
    assert.equal(findLostHead(heads.slice(0, 1), 0, hashAt)?.seq, 9);
    assert.match(findLostHead(heads.slice(0, 1), 0, hashAt)?.reason ?? '', /audit\.verify at noon saw it/);
    assert.equal(findLostHead(heads, 0, hashAt)?.seq, 5);
    assert.match(findLostHead(heads, 0, hashAt)?.reason ?? '', /the chain was rewritten up to it/);
  });

  it('reads the head an audit.verify or audit.purge entry recorded, and only theirs', () => {
    const head = { seq: 3, hash: entries[2]!.hash };
    const verifyEntry = { ...entries[5]!, action: 'audit.verify', details: { ok: true, head } };
    assert.deepEqual(recordedHeadOf(verifyEntry), { ...head, recordedBy: 'entry 6 (audit.verify)' });
    assert.equal(recordedHeadOf({ ...verifyEntry, action: 'person.view' }), undefined);
    assert.equal(recordedHeadOf({ ...verifyEntry, details: { head: { seq: '3', hash: 1 } } }), undefined);
  });
});
