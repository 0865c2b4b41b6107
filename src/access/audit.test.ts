import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, findChainBreak, genesisHash, hashEntry, type AuditEntry } from './audit.js';

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
