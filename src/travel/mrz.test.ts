import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MrzParseError, mrzCheckDigit, parseMrz, type MrzErrorCode } from './mrz.js';

const on = { referenceDate: '2010-01-01' };

// ICAO Doc 9303 specimens (Parts 4–7).
const td3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const td2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const mrva = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'];
const mrvb = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'];

function pad(text: string, length: number): string {
  return text.padEnd(length, '<').slice(0, length);
}

/** Builds a TD3 zone with correct check digits: Lodestar's own generated passports. */
function buildTd3(p: {
  state: string;
  surname: string;
  given: string;
  number: string;
  nationality: string;
  dob: string;
  sex: string;
  expiry: string;
  personal: string;
}): string[] {
  const number = pad(p.number, 9);
  const personal = pad(p.personal, 14);
  const cd = (x: string) => String(mrzCheckDigit(x));
  const personalCd = /^<*$/.test(personal) ? '<' : cd(personal);
  const body = `${number}${cd(number)}${pad(p.nationality, 3)}${p.dob}${cd(p.dob)}${p.sex}${p.expiry}${cd(p.expiry)}${personal}${personalCd}`;
  const composite = cd(`${body.slice(0, 10)}${body.slice(13, 20)}${body.slice(21, 43)}`);
  return [pad(`P<${pad(p.state, 3)}${p.surname}<<${p.given}`, 44), `${body}${composite}`];
}

function mrzError(run: () => unknown, code: MrzErrorCode): MrzParseError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MrzParseError, String(error));
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('mrzCheckDigit', () => {
  it('computes the 7-3-1 check digit of the reference vectors', () => {
    assert.equal(mrzCheckDigit('592166117<231'), 8);
    assert.equal(mrzCheckDigit('007666667<ZZ0'), 0);
    assert.equal(mrzCheckDigit('600001795015'), 2);
    assert.equal(mrzCheckDigit('L898902C3'), 6);
    assert.equal(mrzCheckDigit('740812'), 2);
    assert.equal(mrzCheckDigit('120415'), 9);
    assert.equal(mrzCheckDigit('ZE184226B<<<<<'), 1);
    assert.equal(mrzCheckDigit('a'), -1);
  });
});

describe('parseMrz: ICAO specimens', () => {
  it('validates the TD3 specimen, UTO included', () => {
    const d = parseMrz(td3, on);
    assert.equal(d.kind, 'mrz');
    assert.equal(d.format, 'TD3');
    assert.equal(d.valid, true);
    assert.deepEqual(d.issues, []);
    assert.equal(d.documentType, 'passport');
    assert.equal(d.documentCode, 'P');
    assert.equal(d.issuingState?.code, 'UTO');
    assert.equal(d.surname, 'ERIKSSON');
    assert.equal(d.givenNames, 'ANNA MARIA');
    assert.equal(d.documentNumber, 'L898902C3');
    assert.equal(d.dateOfBirth, '1974-08-12');
    assert.equal(d.sex, 'F');
    assert.equal(d.expiryDate, '2012-04-15');
    assert.equal(d.expired, false);
    assert.equal(d.optionalData, 'ZE184226B');
  });

  it('validates the TD2 and TD1 specimens', () => {
    for (const lines of [td2, td1]) {
      const d = parseMrz(lines, on);
      assert.equal(d.valid, true, JSON.stringify(d.issues));
      assert.equal(d.documentType, 'identity-card');
      assert.equal(d.documentNumber, 'D23145890');
      assert.equal(d.surname, 'ERIKSSON');
      assert.equal(d.dateOfBirth, '1974-08-12');
    }
    assert.equal(parseMrz(td1.join('\n'), on).format, 'TD1');
  });

  it('reads TD1 long document numbers that overflow into the optional data', () => {
    const d = parseMrz(
      ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'],
      on,
    );
    assert.equal(d.documentNumber, 'D23145890734');
    assert.equal(d.valid, true, JSON.stringify(d.issues));
    assert.equal(d.dateOfBirth, '1934-07-12');
  });

  it('parses MRV-A and MRV-B visas', () => {
    for (const [lines, format] of [
      [mrva, 'MRVA'],
      [mrvb, 'MRVB'],
    ] as const) {
      const d = parseMrz(lines, on);
      assert.equal(d.format, format);
      assert.equal(d.documentType, 'visa');
      assert.equal(d.valid, true, JSON.stringify(d.issues));
      assert.equal(d.documentNumber, 'L8988901C');
      assert.equal(d.nationality?.code, 'XXX');
      assert.equal(d.dateOfBirth, '1940-09-07');
      assert.equal(d.expiryDate, '1996-12-10');
      assert.equal(d.expired, true);
    }
  });

  it('accepts the zone as one string, with CR LF, spaces, or as one run of characters', () => {
    assert.equal(parseMrz(td3.join('\r\n'), on).valid, true);
    assert.equal(parseMrz(`  ${td3[0]}\n ${td3[1]}  \n`, on).valid, true);
    assert.equal(parseMrz(td3.join(''), on).valid, true);
  });
});

describe('parseMrz: errors and corrections', () => {
  it('names line, position and field of a wrong check digit', () => {
    const bad = [td3[0]!, td3[1]!.replace('L898902C36', 'L898902C37')];
    const d = parseMrz(bad, on);
    assert.equal(d.valid, false);
    const issue = d.issues.find((i) => i.field === 'documentNumberCheckDigit')!;
    assert.deepEqual([issue.code, issue.severity, issue.line, issue.position], ['mrz.check_digit', 'error', 2, 10]);
    assert.match(issue.message, /computed 6, printed 7/);
    // The composite covers the document number too.
    assert.ok(d.issues.some((i) => i.field === 'compositeCheckDigit'));
  });

  it('corrects OCR confusions in typed fields and reports each as a warning', () => {
    const ocr = [td3[0]!.replace('UTO', 'UT0'), td3[1]!.replace('7408122', '74O8122')];
    const d = parseMrz(ocr, on);
    assert.equal(d.valid, true);
    assert.equal(d.dateOfBirth, '1974-08-12');
    assert.equal(d.issuingState?.code, 'UTO');
    assert.deepEqual(
      d.issues.map((i) => [i.code, i.field, i.line, i.position]),
      [
        ['mrz.ocr_corrected', 'issuingState', 1, 5],
        ['mrz.ocr_corrected', 'dateOfBirth', 2, 16],
      ],
    );
    const strict = parseMrz(ocr, { ...on, correct: false });
    assert.equal(strict.valid, false);
  });

  it('reports impossible dates, bad sex codes and wrong document codes', () => {
    const d = parseMrz(
      buildTd3({
        state: 'FRA',
        surname: 'DUPONT',
        given: 'MARIE',
        number: 'X1',
        nationality: 'FRA',
        dob: '991340',
        sex: 'Q',
        expiry: '300101',
        personal: '',
      }),
      on,
    );
    assert.equal(d.valid, false);
    assert.deepEqual(d.issues.map((i) => i.code).sort(), ['mrz.invalid_date', 'mrz.invalid_sex']);
    const idCardA = parseMrz(['A<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', td2[1]!], on);
    assert.equal(idCardA.valid, true);
    const passportCode = parseMrz([td3[0]!.replace('P<', 'X<'), td3[1]!], on);
    assert.equal(passportCode.issues[0]!.code, 'mrz.document_code');
  });

  it('throws for a zone that is not an MRZ', () => {
    mrzError(() => parseMrz('', on), 'mrz.empty');
    const layout = mrzError(() => parseMrz(['P<UTO', 'L898'], on), 'mrz.layout');
    assert.match(layout.message, /2 lines of 5\/4 characters/);
    const charset = mrzError(() => parseMrz([td3[0]!, td3[1]!.replace('ZE184', 'ZE1#4')], on), 'mrz.charset');
    assert.deepEqual([charset.line, charset.position, charset.field], [2, 32, 'optionalData']);
  });
});

describe('parseMrz: generated documents', () => {
  it('infers the century: birth in the past, expiry near the reference date', () => {
    const lines = buildTd3({
      state: 'D',
      surname: 'MUSTERMANN',
      given: 'ERIKA',
      number: 'C01X00T47',
      nationality: 'D',
      dob: '640812',
      sex: 'F',
      expiry: '310101',
      personal: '',
    });
    const d = parseMrz(lines, { referenceDate: '2024-10-01' });
    assert.equal(d.valid, true, JSON.stringify(d.issues));
    assert.equal(d.nationality?.key, 'DEU');
    assert.equal(d.dateOfBirth, '1964-08-12');
    assert.equal(d.expiryDate, '2031-01-01');
    const child = parseMrz(
      buildTd3({
        state: 'GBR',
        surname: 'SMITH',
        given: 'AVA',
        number: '123456789',
        nationality: 'GBR',
        dob: '230301',
        sex: 'F',
        expiry: '280301',
        personal: '',
      }),
      { referenceDate: '2024-10-01' },
    );
    assert.equal(child.dateOfBirth, '2023-03-01');
    const expired = parseMrz(
      buildTd3({
        state: 'GBR',
        surname: 'SMITH',
        given: 'AVA',
        number: '123456789',
        nationality: 'XXA',
        dob: '800301',
        sex: 'X',
        expiry: '230301',
        personal: 'AB12',
      }),
      { referenceDate: '2024-10-01' },
    );
    assert.equal(expired.expiryDate, '2023-03-01');
    assert.equal(expired.expired, true);
    assert.equal(expired.sex, 'X');
    assert.equal(expired.optionalData, 'AB12');
    assert.equal(expired.valid, true, JSON.stringify(expired.issues));
  });

  it('validates any well-formed generated passport and finds any single changed digit', () => {
    const letters = fc.stringMatching(/^[A-Z]{2,12}$/);
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const date = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''));
    fc.assert(
      fc.property(
        letters,
        letters,
        digits(9),
        date,
        date,
        fc.constantFrom('M', 'F', '<'),
        fc.integer({ min: 0, max: 8 }),
        (surname, given, number, dob, expiry, sex, at) => {
          const lines = buildTd3({
            state: 'UTO',
            surname,
            given,
            number,
            nationality: 'UTO',
            dob,
            sex,
            expiry,
            personal: '',
          });
          const d = parseMrz(lines, { referenceDate: '2024-10-01' });
          assert.equal(d.valid, true, JSON.stringify(d.issues));
          assert.equal(d.surname, surname);
          assert.equal(d.givenNames, given);
          assert.equal(d.documentNumber, number);
          const changed = String((Number(number[at]) + 1) % 10);
          const tampered = [lines[0]!, `${lines[1]!.slice(0, at)}${changed}${lines[1]!.slice(at + 1)}`];
          assert.equal(parseMrz(tampered, { referenceDate: '2024-10-01' }).valid, false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns a document or throws MrzParseError, whatever the input', () => {
    const mrzChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<'.split(''));
    const line = (n: number) => fc.array(mrzChars, { minLength: n, maxLength: n }).map((a) => a.join(''));
    const zone = fc.oneof(
      fc.string(),
      fc.tuple(line(44), line(44)).map((x) => x.join('\n')),
      fc.tuple(line(36), line(36)).map((x) => x.join('\n')),
      fc.tuple(line(30), line(30), line(30)).map((x) => x.join('\n')),
      fc.tuple(fc.constantFrom('V<', 'P<', 'I<'), line(42), line(44)).map(([a, b, c]) => `${a}${b}\n${c}`),
    );
    fc.assert(
      fc.property(zone, (text) => {
        try {
          const d = parseMrz(text, on);
          assert.equal(d.kind, 'mrz');
        } catch (error) {
          assert.ok(error instanceof MrzParseError, String(error));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
