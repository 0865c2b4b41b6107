import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCountries, findCountry, isStatelessOrRefugee, nationalityKey, ofNationality } from './countries.js';

describe('countries', () => {
  const cases: [string, string | undefined][] = [
    ['DEU', 'DEU'],
    ['deu', 'DEU'],
    ['de', 'DEU'],
    ['D', 'DEU'],
    ['D<<', 'DEU'],
    ['GBD', 'GBR'],
    ['gb', 'GBR'],
    ['XK', 'RKS'],
    ['XXK', 'RKS'],
    ['XXA', 'XXA'],
    ['UNO', 'UNO'],
    ['QQQ', undefined],
    ['', undefined],
  ];
  for (const [code, key] of cases) {
    it(`compares ${JSON.stringify(code)} as ${String(key)}`, () => {
      assert.equal(nationalityKey(code), key);
    });
  }

  it('knows every assigned ISO country and the ICAO codes', () => {
    assert.ok(allCountries.filter((c) => c.kind === 'state').length >= 249);
    assert.equal(findCountry('XPO')?.name, 'INTERPOL');
    assert.equal(findCountry('fr')?.code, 'FRA');
  });

  it('recognises stateless and refugee codes', () => {
    assert.deepEqual(['XXA', 'XXB', 'XXC', 'XXX', 'DEU'].map(isStatelessOrRefugee), [true, true, true, false, false]);
  });

  it('tells whether a person is of one of some nationalities, the codes in any form', () => {
    const somali = new Set(['SOM', 'DJI']);
    assert.equal(ofNationality('SO', somali), true);
    assert.equal(ofNationality(['FRA', 'dji'], somali), true);
    assert.equal(ofNationality(['FRA', 'XYZ'], somali), false);
    assert.equal(ofNationality([], somali), false);
    assert.equal(ofNationality(undefined, somali), false);
  });
});
