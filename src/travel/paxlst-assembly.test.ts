import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PaxlstAssemblyError, assemblePaxlst, isPartialList } from './paxlst-assembly.js';
import { parsePaxlst } from './paxlst.js';
import type { PaxlstList } from './paxlst.types.js';

const parts = parsePaxlst(
  readFileSync(new URL('../../test/fixtures/travel/paxlst-multipart.edi', import.meta.url), 'utf8'),
).lists;

function assemblyError(run: () => unknown): PaxlstAssemblyError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PaxlstAssemblyError);
    return error;
  }
  assert.fail('expected a PaxlstAssemblyError');
}

function part(n: number): PaxlstList {
  return parts.find((p) => p.part?.number === n)!;
}

describe('assemblePaxlst', () => {
  it('sees each message as one part of a list', () => {
    assert.equal(parts.length, 3);
    assert.ok(parts.every(isPartialList));
    assert.deepEqual(
      parts.map((p) => [p.part?.number, p.part?.final]),
      [
        [2, false],
        [1, false],
        [3, true],
      ],
    );
    // CNT on the last part counts the whole list: no warning on the part itself.
    assert.deepEqual(part(3).warnings, []);
  });

  it('joins parts received out of order into one list', () => {
    const list = assemblePaxlst(parts);
    assert.equal(list.partCount, 3);
    assert.deepEqual(list.part, { number: 1, final: true });
    assert.equal(isPartialList(list), false);
    assert.deepEqual(
      list.travellers.map((t) => t.surname),
      ['SANTOS', 'ALVAREZ', 'ALVAREZ', 'ESPOSITO'],
    );
    assert.equal(list.passengerCount, 4);
    assert.equal(list.declaredPassengers, 4);
    assert.equal(list.reportingParty?.name, 'LODESTAR AIR CONTROL');
    assert.equal(list.flight.flightNumber, '700');
    assert.deepEqual(list.warnings, []);
  });

  it('joins parts from separate interchanges', () => {
    const list = assemblePaxlst([part(3), part(1), part(2)]);
    assert.equal(list.travellers.length, 4);
  });

  it('names the missing part', () => {
    const error = assemblyError(() => assemblePaxlst([part(1), part(3)]));
    assert.equal(error.code, 'paxlst.part_missing');
    assert.deepEqual(error.parts, [2]);
    assert.equal(error.commonAccessReference, 'LA0700/241001/0800');
    assert.match(error.message, /part 2 of 3 missing/);
  });

  it('says when the final part has not arrived', () => {
    const error = assemblyError(() => assemblePaxlst([part(1), part(2)]));
    assert.equal(error.code, 'paxlst.part_missing');
    assert.deepEqual(error.parts, [3]);
    assert.match(error.message, /no final part/);
  });

  it('rejects duplicates, parts of different lists and nothing at all', () => {
    assert.equal(
      assemblyError(() => assemblePaxlst([part(1), part(1), part(2), part(3)])).code,
      'paxlst.part_duplicate',
    );
    const other = { ...part(2), commonAccessReference: 'ZZ9/241001' };
    assert.equal(assemblyError(() => assemblePaxlst([part(1), other, part(3)])).code, 'paxlst.parts_mismatch');
    assert.equal(assemblyError(() => assemblePaxlst([])).code, 'paxlst.no_parts');
  });

  it('warns when the totals of the assembled list disagree', () => {
    const short = { ...part(3), declaredPassengers: 9 };
    const list = assemblePaxlst([part(1), part(2), short]);
    assert.deepEqual(
      list.warnings.map((w) => w.code),
      ['paxlst.cnt_mismatch'],
    );
  });
});
