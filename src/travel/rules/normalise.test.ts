import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ageOn,
  cardKey,
  daysBetween,
  emailKey,
  nameKey,
  payerNames,
  personKey,
  phoneKey,
  sameFamilyName,
} from './normalise.js';

describe('normalise', () => {
  it('compares names without accents, apostrophes, titles of middle names', () => {
    assert.equal(nameKey("O'Neill"), 'ONEILL');
    assert.equal(nameKey('García-López'), 'GARCIA LOPEZ');
    assert.equal(personKey("O'NEILL", 'SIOBHAN MARIE'), personKey('ONEILL', 'SIOBHAN'));
    assert.equal(personKey('GARCIA-LOPEZ', 'ANA'), personKey('GARCIA LOPEZ', 'ANA'));
  });

  it('takes a shared surname word for one family', () => {
    assert.ok(sameFamilyName('GARCIA LOPEZ', 'GARCIA'));
    assert.ok(sameFamilyName("O'NEILL", 'ONEILL'));
    assert.ok(!sameFamilyName('MUELLER', 'ONEILL'));
    assert.ok(!sameFamilyName('DA SILVA', 'DA COSTA'), 'a shared particle is not kinship');
  });

  it('reads a free-text payer as a traveller when surname and first name both appear', () => {
    assert.ok(payerNames('MARCO VIDAL', 'VIDAL', 'MARCO ANTONIO'));
    assert.ok(payerNames('VIDAL/MARCO MR', 'VIDAL', 'MARCO'));
    assert.ok(!payerNames('MARCO VIDAL', 'VIDAL', 'LUCIA'));
  });

  it('normalises contacts', () => {
    assert.equal(phoneKey('+55 (11) 99999-0000'), '5511999990000');
    assert.equal(phoneKey('0055 11 99999 0000'), '5511999990000');
    assert.equal(phoneKey('123'), undefined);
    assert.equal(emailKey(' Bookings@Agency.Example '), 'bookings@agency.example');
    assert.equal(emailKey('no-at-sign'), undefined);
    assert.equal(cardKey('VI', 'xxxx1186', '0227'), 'VI:XXXX1186:0227');
    assert.equal(cardKey('VI', '', '0227'), undefined);
  });

  it('counts whole years and days', () => {
    assert.equal(ageOn('2006-10-02', '2024-10-01'), 17);
    assert.equal(ageOn('2006-10-01', '2024-10-01'), 18);
    assert.equal(ageOn('2025-01-01', '2024-10-01'), undefined);
    assert.equal(daysBetween('2024-09-20', '2024-10-01T22:00'), 11);
  });
});
