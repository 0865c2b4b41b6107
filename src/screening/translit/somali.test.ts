import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishFromSomali, somaliReadings } from './somali.js';

describe('Somali orthography', () => {
  it('reads X as H, leaves C out and writes long vowels once', () => {
    const cases: [string, string][] = [
      ['Xasan', 'Hasan'],
      ['MAXAMED', 'MAHAMED'],
      ['Faarax', 'Farah'],
      ['Cali', 'Ali'],
      ['CUMAR', 'UMAR'],
      ['Jaamac', 'Jama'],
      ['Nimco', 'Nimo'],
      ['Ismaaciil', 'Ismail'],
      ['Cabdiraxmaan', 'Abdirahman'],
      ['Xuseen', 'Husen'],
      ['Siciid', 'Sid'],
      ['Warsame', 'Warsame'],
    ];
    for (const [somali, read] of cases) assert.equal(englishFromSomali(somali), read, somali);
  });

  it('reads a name with a word that writes X or C and a long vowel doubled, whatever the nationality', () => {
    assert.deepEqual(somaliReadings(['Cabdullaahi Cismaan Maxamed', 'John Smith'], []), ['Abdullahi Isman Mahamed']);
    assert.deepEqual(somaliReadings(['XUSEEN, Faarax'], ['FRA']), ['HUSEN, Farah']);
  });

  it('reads a name without long vowels only for a person of a country where Somali is written', () => {
    assert.deepEqual(somaliReadings(['Xasan Cali Cumar'], []), []);
    assert.deepEqual(somaliReadings(['Xasan Cali Cumar'], ['ESP']), []);
    for (const nationality of ['SOM', 'so', 'DJI', 'ETH', 'KEN']) {
      assert.deepEqual(somaliReadings(['Xasan Cali Cumar'], [nationality]), ['Hasan Ali Umar'], nationality);
    }
  });

  it('gives no reading to names without X or a C outside CH, nor where nothing changes', () => {
    assert.deepEqual(somaliReadings(['Carlos Felix', 'Aaron Felix', 'Xuseen Carlos'], []), []);
    assert.deepEqual(somaliReadings(['Ochieng Otieno', 'Warsame Shire'], ['KEN']), []);
    assert.deepEqual(somaliReadings(['Maryan Hodan'], ['SOM']), []);
  });
});
