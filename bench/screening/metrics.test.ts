import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SynthQuery } from '../../src/synth/queries.js';
import { accuracy } from './metrics.js';

function query(id: string, expectedIds: string[], variantKind: string): SynthQuery {
  return {
    id,
    name: 'Anna Berg',
    surname: 'BERG',
    givenNames: 'ANNA',
    birthDate: '',
    nationality: '',
    gender: '',
    documentNumber: '',
    documentCountry: '',
    expectedIds,
    script: 'Latn',
    variantKind,
  };
}

describe('bench:screening accuracy', () => {
  it('counts every hit of a non-match at or above the threshold as a false alert, as eval:screening does', () => {
    const result = accuracy(
      [query('n-1', [], 'non_match'), query('n-2', [], 'non_match'), query('p-1', ['e-1'], 'typo')],
      [
        { ids: ['a', 'b', 'c', 'd'], matches: [true, true, true, false] },
        { ids: ['a'], matches: [false] },
        { ids: ['e-1', 'x'], matches: [true, true] },
      ],
    );
    assert.equal(result.nonMatches, 2);
    // Three alerts on two non-matches: 1,500 per 1,000 (counted by query, it would be 500).
    assert.equal(result.falseAlertsPer1000, 1500);
    assert.equal(result.foundAtThreshold, 1);
    assert.equal(result.wrongAlertsPer1000, 1000);
  });
});
