import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countryOf, lowerCase, phoneDigits, smallNumber, withoutLeadingZeros } from './edifact-values.js';
import { countryRef } from './travel.types.js';

describe('value readers: each returns what the expression it stands for returns', () => {
  it('smallNumber is /^\\d{1,n}$/ then Number', () => {
    for (const raw of ['', '0', '007', '1234', '12345', '1a', ' 1', '+1', '١٢']) {
      assert.equal(smallNumber(raw, 4), /^\d{1,4}$/.test(raw) ? Number(raw) : undefined, raw);
    }
  });

  it('withoutLeadingZeros and phoneDigits are their replace()s', () => {
    for (const value of ['0012', '000', '0', '12', '0A1', '', '0 1']) {
      assert.equal(withoutLeadingZeros(value), value.replace(/^0+(?=\d)/, ''), value);
    }
    for (const value of ['+44 (0)20 7946-0000', '5551234', '', 'n/a', '++1']) {
      assert.equal(phoneDigits(value), value.replace(/[^\d+]/g, ''), value);
    }
  });

  it('lowerCase is toLowerCase, and gives the string itself when nothing changes', () => {
    for (const value of ['a.b//mail.example', 'J.DOE@MAIL.EXAMPLE', 'İstanbul@x', 'ÄÖÜ', '']) {
      assert.equal(lowerCase(value), value.toLowerCase(), value);
    }
    const lower = 'already.lower@mail.example';
    assert.ok(Object.is(lowerCase(lower), lower));
  });

  it('countryOf is countryRef, found by its letters', () => {
    for (const raw of ['GBR', 'D', 'XXB', 'QQQ', 'gbr', 'GB<', 'GBRX', '', ' GB', 'Ü', 'UKR', 'UKR']) {
      assert.deepEqual(countryOf(raw), countryRef(raw), raw);
    }
  });
});
