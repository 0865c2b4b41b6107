import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PaxlstAssemblyError, assemblePaxlst, isPartialList, partWarnings } from './paxlst-assembly.js';
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

  it('says the same, whatever the order, when two parts are marked final or a part follows the final one', () => {
    // Parts 1 (01:C), 2 (02:F) and 3 (03:F) of one list, in one interchange.
    const messages = ['01:C', '02:F', '03:F'].map((sequence, i) =>
      [
        `UNH+F${i}+PAXLST:D:05B:UN:IATA+LA0700/241001/0800+${sequence}'BGM+745'TDT+20+LA700+++LA'LOC+125+MAD'`,
        `NAD+FL+++P${i + 1}:X'UNT+6+F${i}'`,
      ].join(''),
    );
    const [one, two, three] = parsePaxlst(messages.join('')).lists as [PaxlstList, PaxlstList, PaxlstList];
    for (const order of [
      [one, two, three],
      [three, one, two],
      [two, three, one],
    ]) {
      const error = assemblyError(() => assemblePaxlst(order));
      assert.equal(error.code, 'paxlst.final_part_conflict');
      assert.deepEqual(error.parts, [2, 3]);
      assert.equal(error.message, 'list LA0700/241001/0800: parts 2 and 3 are both marked final');
      assert.deepEqual(
        partWarnings(order.at(-1)!, order).map((w) => [w.code, w.message]),
        [['paxlst.final_part_conflict', error.message]],
      );
    }
    // Part 2 marked final, part 3 not.
    const follows = assemblyError(() => assemblePaxlst([{ ...three, part: { number: 3, final: false } }, two, one]));
    assert.equal(follows.code, 'paxlst.final_part_conflict');
    assert.match(follows.message, /part 2 is marked final but part 3 exists/);
  });

  it('warns when no part of the assembled list gives a CNT', () => {
    const list = assemblePaxlst(parts.map((p) => ({ ...p, declaredPassengers: undefined })));
    assert.deepEqual(
      list.warnings.map((w) => [w.code, w.message]),
      [['paxlst.cnt_missing', 'no CNT in any of the 3 parts: the list total was not checked']],
    );
  });
});
