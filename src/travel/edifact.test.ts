import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isEdifactParseError, type EdifactErrorCode, type EdifactParseError } from './edifact-errors.js';
import { component, parseEdifact, readInterchange } from './edifact.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url), 'utf8');

/** Builds an interchange from segment texts with the default separators. */
function edi(segments: readonly string[], breaks = '\n'): string {
  return segments.map((s) => `${s}'`).join(breaks);
}

const oneMessage = [
  'UNB+UNOA:4+SENDER:ZZ+RECIPIENT:ZZ+241001:0930+ICR1++APIS',
  'UNH+M1+PAXLST:D:05B:UN:IATA+CAR/1+01:F',
  'BGM+745',
  'NAD+FL+++DOE:JANE',
  'UNT+4+M1',
  'UNZ+1+ICR1',
];

function throwsCode(run: () => unknown, code: EdifactErrorCode): EdifactParseError {
  try {
    run();
  } catch (error) {
    assert.ok(isEdifactParseError(error), `expected EdifactParseError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('parseEdifact: envelope', () => {
  it('reads UNB, UNG, UNH and their trailers with segment numbers and offsets', () => {
    const text = fixture('paxlst-d05b-passengers.edi');
    const ix = parseEdifact(text);
    assert.equal(ix.kind, 'interchange');
    assert.deepEqual(ix.sender, { id: 'LODAIR', qualifier: 'ZZ' });
    assert.deepEqual(ix.recipient, { id: 'NLDAPI', qualifier: 'ZZ' });
    assert.equal(ix.controlReference, '000000101');
    assert.deepEqual(ix.syntax, { identifier: 'UNOA', version: '4' });
    assert.equal(ix.applicationReference, 'APIS');
    assert.equal(ix.groups.length, 1);
    assert.equal(ix.groups[0]!.messageType, 'PAXLST');
    assert.equal(ix.groups[0]!.messageCount, 1);
    assert.equal(ix.messages.length, 1);
    const m = ix.messages[0]!;
    assert.equal(m.type, 'PAXLST');
    assert.equal(m.version, 'D');
    assert.equal(m.release, '05B');
    assert.equal(m.agency, 'UN');
    assert.equal(m.associationCode, 'IATA');
    assert.equal(m.commonAccessReference, 'LA0417/241001/1210');
    assert.deepEqual(m.sequence, { number: 1, position: 'F' });
    assert.equal(m.groupReference, '100');
    assert.deepEqual(m.warnings, []);
    assert.deepEqual(ix.warnings, []);
    assert.equal(m.segments[0]!.tag, 'UNH');
    assert.equal(m.segments[0]!.index, 1);
    assert.equal(m.segments.at(-1)!.tag, 'UNT');
    assert.equal(m.segments.at(-1)!.index, m.segments.length);
    for (const s of m.segments) assert.ok(text.startsWith(s.tag, s.offset), `offset of ${s.tag}`);
  });

  it('gives elements as component lists, empty elements as [""]', () => {
    const ix = parseEdifact(edi(oneMessage));
    const nad = ix.messages[0]!.segments[2]!;
    assert.equal(nad.tag, 'NAD');
    assert.deepEqual(nad.elements, [['FL'], [''], [''], ['DOE', 'JANE']]);
    assert.equal(component(nad, 3, 1), 'JANE');
    assert.equal(component(nad, 9, 9), '');
  });

  it('keeps an interchange it returned as it was while others are read', () => {
    const ix = parseEdifact(edi(oneMessage));
    // What the parsers do: read into the table they reuse, which the interchange above must not share.
    readInterchange(edi(['UNH+B+PAXLST:D:05B:UN:IATA', 'NAD+FM+++ROE:RICHARD:X+1:2:3', 'UNT+3+B']), true);
    const m = ix.messages[0]!;
    assert.deepEqual(
      m.segments.map((s) => [s.tag, s.index, s.elements]),
      [
        ['UNH', 1, [['M1'], ['PAXLST', 'D', '05B', 'UN', 'IATA'], ['CAR/1'], ['01', 'F']]],
        ['BGM', 2, [['745']]],
        ['NAD', 3, [['FL'], [''], [''], ['DOE', 'JANE']]],
        ['UNT', 4, [['4'], ['M1']]],
      ],
    );
  });

  it('reads the same segments with or without line breaks, and with CR LF', () => {
    const a = parseEdifact(edi(oneMessage, '\n'));
    const b = parseEdifact(edi(oneMessage, ''));
    const c = parseEdifact(edi(oneMessage, '\r\n') + '\r\n');
    const shape = (x: typeof a) => x.messages[0]!.segments.map((s) => [s.tag, s.elements, s.index]);
    assert.deepEqual(shape(b), shape(a));
    assert.deepEqual(shape(c), shape(a));
  });

  it('reads several messages in one interchange, in and out of groups', () => {
    const text = edi([
      'UNA:+.? ',
      'UNB+UNOA:4+S:ZZ+R:ZZ+241001:0930+ICR9++APIS',
      'UNH+A+PAXLST:D:05B:UN:IATA',
      'BGM+745',
      'UNT+3+A',
      'UNH+B+PAXLST:D:05B:UN:IATA',
      'BGM+250',
      'UNT+3+B',
      'UNH+C+PNRGOV:11:1:IA',
      'MSG+:22',
      'UNT+3+C',
      'UNZ+3+ICR9',
    ]).replace("UNA:+.? '\n", "UNA:+.? '");
    const ix = parseEdifact(text);
    assert.deepEqual(
      ix.messages.map((m) => [m.reference, m.type, m.version, m.release]),
      [
        ['A', 'PAXLST', 'D', '05B'],
        ['B', 'PAXLST', 'D', '05B'],
        ['C', 'PNRGOV', '11', '1'],
      ],
    );
    assert.deepEqual(ix.warnings, []);
  });

  it('counts groups in UNZ when the interchange uses UNG', () => {
    const ix = parseEdifact(
      edi([
        'UNB+UNOA:4+S+R+241001:0930+I1',
        'UNG+PAXLST+S+R+241001:0930+G1+UN+D:05B',
        'UNH+A+PAXLST:D:05B:UN:IATA',
        'UNT+2+A',
        'UNH+B+PAXLST:D:05B:UN:IATA',
        'UNT+2+B',
        'UNE+2+G1',
        'UNZ+1+I1',
      ]),
    );
    assert.equal(ix.groups[0]!.messageCount, 2);
    assert.deepEqual(ix.warnings, []);
  });

  it('warns, without rejecting, on wrong UNT, UNE and UNZ counts and references', () => {
    const ix = parseEdifact(
      edi([
        'UNB+UNOA:4+S+R+241001:0930+I1',
        'UNG+PAXLST+S+R+241001:0930+G1+UN+D:05B',
        'UNH+A+PAXLST:D:05B:UN:IATA',
        'BGM+745',
        'UNT+9+X',
        'UNE+3+G2',
        'UNZ+7+I2',
      ]),
    );
    const m = ix.messages[0]!;
    assert.deepEqual(
      m.warnings.map((w) => w.code),
      ['edifact.unt_count', 'edifact.unt_reference'],
    );
    assert.equal(m.warnings[0]!.segment, 3);
    assert.match(m.warnings[0]!.message, /declares 9 segments.*has 3/);
    assert.deepEqual(
      ix.warnings.map((w) => w.code),
      ['edifact.une_count', 'edifact.une_reference', 'edifact.unz_count', 'edifact.unz_reference'],
    );
  });

  it('reads a message without UNB, with a warning', () => {
    const ix = parseEdifact(edi(['UNH+A+PAXLST:D:05B:UN:IATA', 'BGM+745', 'UNT+3+A']));
    assert.equal(ix.messages.length, 1);
    assert.deepEqual(
      ix.warnings.map((w) => w.code),
      ['edifact.no_interchange_header'],
    );
  });
});

describe('parseEdifact: service characters', () => {
  it('honours a custom UNA (element *, terminator $) and the release character, on one line', () => {
    const ix = parseEdifact(fixture('paxlst-custom-una.edi'));
    assert.equal(ix.separators.element, '*');
    assert.equal(ix.separators.terminator, '$');
    const m = ix.messages[0]!;
    const party = m.segments.find((s) => s.tag === 'NAD' && component(s, 0) === 'MS')!;
    assert.equal(component(party, 3), 'AIR $ * : ? CONTROL');
    const pax = m.segments.find((s) => s.tag === 'NAD' && component(s, 0) === 'FL')!;
    assert.deepEqual(pax.elements[3], ["D'ANGELO*SMITH", 'MARIA:LUISA']);
    assert.deepEqual(m.warnings, []);
  });

  it("unescapes ?+ ?: ?? and ?' with the default separators", () => {
    const ix = parseEdifact(edi(['UNH+A+PAXLST:D:05B:UN:IATA', "FTX+AAA+++A?+B?:C???'D", 'UNT+3+A']));
    assert.equal(component(ix.messages[0]!.segments[1]!, 3), "A+B:C?'D");
  });

  it('unescapes only the values that hold a release character', () => {
    const ix = parseEdifact(edi(['UNH+A+PAXLST:D:05B:UN:IATA', 'ADD++700:1 MAIN ST:??:?+44 20:X?:Y+Z', 'UNT+3+A']));
    assert.deepEqual(ix.messages[0]!.segments[1]!.elements, [[''], ['700', '1 MAIN ST', '?', '+44 20', 'X:Y'], ['Z']]);
  });

  it('unescapes long values full of release characters in linear time', () => {
    const long = '?+'.repeat(200_000);
    const ix = parseEdifact(edi(['UNH+A+PAXLST:D:05B:UN:IATA', `FTX+${long}`, 'UNT+3+A']));
    assert.equal(component(ix.messages[0]!.segments[1]!, 0), '+'.repeat(200_000));
  });

  it('accepts a UNA whose release position is a space (no release character)', () => {
    const ix = parseEdifact("UNA:+.  'UNH+A+PAXLST:D:05B:UN:IATA'FTX+A?B'UNT+3+A'");
    assert.equal(component(ix.messages[0]!.segments[1]!, 0), 'A?B');
    assert.equal(ix.separators.release, '');
  });
});

describe('parseEdifact: bytes and character sets', () => {
  it('decodes UTF-8 bytes', () => {
    const bytes = Buffer.from(edi([...oneMessage.slice(0, 3), 'NAD+FL+++MÜLLER:JOSÉ', ...oneMessage.slice(4)]));
    const nad = parseEdifact(bytes).messages[0]!.segments[2]!;
    assert.deepEqual(nad.elements[3], ['MÜLLER', 'JOSÉ']);
  });

  it('rejects bytes that are not UTF-8, naming the byte offset', () => {
    const good = Buffer.from(edi(oneMessage));
    const at = good.indexOf('DOE');
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xc3, 0x28]), good.subarray(at)]);
    const error = throwsCode(() => parseEdifact(bad), 'edifact.encoding');
    assert.equal(error.offset, at);
    assert.match(error.message, /byte 0xc3/);
    assert.deepEqual([error.segment, error.tag], [3, 'NAD'], 'the segment it sits in, numbered within its message');
    const inHeader = Buffer.from(edi(oneMessage).replace('ICR1++', 'ICR\xff++'), 'latin1');
    const head = throwsCode(() => parseEdifact(inHeader), 'edifact.encoding');
    assert.deepEqual([head.segment, head.tag], [1, 'UNB']);
  });

  it('rejects a NUL or other control character inside a segment, naming segment, tag and offset', () => {
    for (const control of ['\u0000', '\u0001', '\u001b', '\u000b']) {
      for (const breaks of ['\n', '', '\r\n']) {
        const text = edi([...oneMessage.slice(0, 3), `NAD+FL+++DO${control}E:JANE`, ...oneMessage.slice(4)], breaks);
        for (const input of [text, Buffer.from(text)]) {
          const error = throwsCode(() => parseEdifact(input), 'edifact.bad_character');
          assert.deepEqual([error.segment, error.tag, error.offset], [3, 'NAD', text.indexOf(control)]);
        }
      }
    }
    const released = edi([...oneMessage.slice(0, 3), 'NAD+FL+++DO?\u0000E:JANE', ...oneMessage.slice(4)]);
    assert.equal(throwsCode(() => parseEdifact(released), 'edifact.bad_character').tag, 'NAD');
  });

  it('keeps tabs, and line breaks between or inside segments, as before', () => {
    const text = edi([...oneMessage.slice(0, 3), 'NAD+FL+++DOE\t:JANE\r\nX', ...oneMessage.slice(4)], '\r\n');
    const nad = parseEdifact(text).messages[0]!.segments[2]!;
    assert.deepEqual(nad.elements[3], ['DOE\t', 'JANE\r\nX']);
  });

  it('decodes ISO 8859-1 when UNB declares UNOC', () => {
    const text = edi([
      'UNB+UNOC:4+S+R+241001:0930+I1',
      'UNH+A+PAXLST:D:05B:UN:IATA',
      'NAD+FL+++MÜLLER:JOSÉ',
      'UNT+3+A',
      'UNZ+1+I1',
    ]);
    const ix = parseEdifact(Buffer.from(text, 'latin1'));
    assert.deepEqual(ix.messages[0]!.segments[1]!.elements[3], ['MÜLLER', 'JOSÉ']);
  });
});

describe('parseEdifact: bad input', () => {
  it('rejects an empty body and whitespace', () => {
    throwsCode(() => parseEdifact(''), 'edifact.empty');
    throwsCode(() => parseEdifact(' \r\n\t'), 'edifact.empty');
    throwsCode(() => parseEdifact(Buffer.alloc(0)), 'edifact.empty');
    throwsCode(() => parseEdifact("UNA:+.? '"), 'edifact.empty');
  });

  it('rejects an interchange without messages', () => {
    throwsCode(() => parseEdifact(edi(['UNB+UNOA:4+S+R+241001:0930+I1', 'UNZ+0+I1'])), 'edifact.empty');
  });

  it('rejects a message cut inside a segment, before UNT, and before UNZ', () => {
    const full = edi(oneMessage);
    const e1 = throwsCode(() => parseEdifact(full.slice(0, full.indexOf('DOE') + 2)), 'edifact.truncated');
    assert.equal(e1.tag, 'NAD');
    assert.equal(e1.segment, 3);
    assert.match(e1.message, /expected the segment terminator/);
    const e2 = throwsCode(() => parseEdifact(full.slice(0, full.indexOf('UNT'))), 'edifact.truncated');
    assert.match(e2.expected, /UNT closing message M1/);
    const e3 = throwsCode(() => parseEdifact(full.slice(0, full.indexOf('UNZ'))), 'edifact.truncated');
    assert.match(e3.expected, /UNZ/);
    throwsCode(() => parseEdifact("UNH+A+PAXLST'FTX+AB?"), 'edifact.truncated');
  });

  it('rejects wrong separators: a UNA that does not match the data', () => {
    const text = `UNA:*.? $${edi(oneMessage)}`;
    const error = throwsCode(() => parseEdifact(text), 'edifact.bad_tag');
    assert.equal(error.offset, 9);
    assert.match(error.message, /check the UNA separators/);
  });

  it('rejects missing separators and terminators', () => {
    throwsCode(() => parseEdifact('UNB UNOA 4 S R\nUNH A PAXLST\n'), 'edifact.bad_tag');
    const noTerminator = throwsCode(() => parseEdifact(oneMessage.join('\n')), 'edifact.truncated');
    assert.match(noTerminator.message, /terminator missing/);
    throwsCode(() => parseEdifact('UNA:+'), 'edifact.una_invalid');
    throwsCode(() => parseEdifact("UNA+++? '"), 'edifact.una_invalid');
    throwsCode(() => parseEdifact("UNAA+.? 'UNB"), 'edifact.una_invalid');
  });

  it('rejects segments outside a message, nested headers and data after UNZ', () => {
    const outside = throwsCode(
      () => parseEdifact(edi(['UNB+UNOA:4+S+R+241001:0930+I1', 'BGM+745', 'UNZ+0+I1'])),
      'edifact.unexpected_segment',
    );
    assert.equal(outside.tag, 'BGM');
    assert.equal(outside.segment, 2);
    throwsCode(
      () => parseEdifact(edi(['UNH+A+PAXLST:D:05B:UN:IATA', 'UNH+B+PAXLST:D:05B:UN:IATA', 'UNT+2+B'])),
      'edifact.unexpected_segment',
    );
    throwsCode(() => parseEdifact(`${edi(oneMessage)}\nBGM+745'`), 'edifact.trailing_data');
    throwsCode(() => parseEdifact(edi(['BGM+745'])), 'edifact.unexpected_segment');
  });

  it('rejects a UNH without a reference or a type', () => {
    const e = throwsCode(() => parseEdifact(edi(['UNH++PAXLST', 'UNT+2+'])), 'edifact.missing_element');
    assert.match(e.expected, /message reference/);
    throwsCode(() => parseEdifact(edi(['UNH+A', 'UNT+2+A'])), 'edifact.missing_element');
  });

  it('parses a 50 MB interchange in linear time and memory', () => {
    const segment = "NAD+FL+++SURNAME:GIVEN'DTM+329:800101'NAT+2+GBR'DOC+P:110:111+123456789'DTM+36:300101'\n";
    const repeat = Math.ceil(50_000_000 / segment.length);
    const text = `UNB+UNOA:4+S+R+241001:0930+I1'UNH+A+PAXLST:D:05B:UN:IATA'${segment.repeat(repeat)}UNT+${repeat * 5 + 2}+A'UNZ+1+I1'`;
    assert.ok(text.length >= 50_000_000);
    const started = performance.now();
    const ix = parseEdifact(text);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(ix.messages[0]!.segments.length, repeat * 5 + 2);
    assert.deepEqual(ix.messages[0]!.warnings, []);
    assert.ok(seconds < 60, `took ${seconds}s`);
  });

  it('rejects a 50 MB segment without a terminator quickly', () => {
    const text = `UNH+A+PAXLST'FTX+${'A'.repeat(50_000_000)}`;
    const started = performance.now();
    throwsCode(() => parseEdifact(text), 'edifact.truncated');
    assert.ok(performance.now() - started < 10_000);
  });
});
