import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EdifactParseError } from './edifact-errors.js';
import { parseEdifact } from './edifact.js';
import { parsePaxlst } from './paxlst.js';
import { parsePnrgov } from './pnrgov.js';

/** Runs a parser and accepts exactly two outcomes: a result, or the typed parse error with a location. */
function resultOrTypedError(run: () => unknown): void {
  try {
    assert.ok(run() !== undefined);
  } catch (error) {
    if (!(error instanceof EdifactParseError)) throw error;
    assert.equal(typeof error.code, 'string');
    assert.ok(Number.isInteger(error.offset) && error.offset >= 0, `offset ${error.offset}`);
    assert.ok(Number.isInteger(error.segment) && error.segment >= 0);
  }
}

const parsers = [
  (x: string | Uint8Array) => parseEdifact(x),
  (x: string | Uint8Array) => parsePaxlst(x, { referenceDate: '2024-10-01' }),
  (x: string | Uint8Array) => parsePnrgov(x, { referenceDate: '2024-10-01' }),
];

// Values that exercise separators, release characters, dates, numbers and codes.
const value = fc.oneof(
  fc.constantFrom(
    '',
    'FL',
    'FM',
    'DDU',
    'DDT',
    'MS',
    '745',
    '250',
    '20',
    '125',
    '87',
    '92',
    '178',
    '179',
    '180',
    '91',
    '36',
  ),
  fc.constantFrom(
    '329',
    '189',
    '232',
    '42',
    '41',
    'P',
    'V',
    'AVF',
    'SEA',
    'CC',
    'CA',
    '4',
    '43',
    '28',
    'G',
    'A',
    'C',
    'IN',
  ),
  fc.constantFrom(
    '2410011210',
    '850312',
    '991399',
    '011024',
    '1210',
    'D',
    'XXB',
    'QQQ',
    'DOCS',
    'UMNR',
    'SEAT',
    'CTCE',
  ),
  fc.constantFrom(
    '/P/GBR/1/GBR/12JUL64/M/23AUG19/A/B',
    '/UM10',
    '?+',
    '??',
    "?'",
    '?:',
    '01',
    'F',
    'C',
    '22',
    '141',
    '8',
  ),
  fc.string({ maxLength: 6 }),
);
const element = fc.array(value, { minLength: 1, maxLength: 4 }).map((c) => c.join(':'));
const tags = [
  'BGM',
  'RFF',
  'NAD',
  'COM',
  'CTA',
  'TDT',
  'LOC',
  'DTM',
  'ATT',
  'NAT',
  'EMP',
  'GEI',
  'MEA',
  'FTX',
  'DOC',
  'CNT',
  'MSG',
  'ORG',
  'TVL',
  'EQN',
  'SRC',
  'RCI',
  'SSR',
  'DAT',
  'IFT',
  'ADD',
  'TIF',
  'TKT',
  'MON',
  'PTK',
  'FOP',
  'TRA',
  'RPI',
  'APD',
  'TRI',
  'SSD',
  'TBD',
  'ABI',
  'SAC',
  'LTS',
  'ZZZ',
  'UNH',
  'UNT',
  'UNG',
  'UNE',
  'UNZ',
];
const segment = fc
  .tuple(fc.constantFrom(...tags), fc.array(element, { maxLength: 6 }))
  .map(([tag, elements]) => [tag, ...elements].join('+'));
const messageType = fc.constantFrom('PAXLST:D:05B:UN:IATA', 'PAXLST:D:02B:UN:IATA', 'PNRGOV:11:1:IA', 'PNRGOV:13:1:IA');
const interchange = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(messageType, fc.array(segment, { maxLength: 25 }), fc.constantFrom('01:F', '01:C', '02:F', '')), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom('', '\n', '\r\n'),
    fc.nat(),
    fc.boolean(),
  )
  .map(([withHeader, messages, breaks, cut, truncate]) => {
    const segments: string[] = [];
    if (withHeader) segments.push('UNB+UNOA:4+S:ZZ+R:ZZ+241001:0930+I1++APIS');
    messages.forEach(([type, body, sequence], i) => {
      segments.push(
        `UNH+M${i}+${type}+CAR${sequence === '' ? '' : `+${sequence}`}`,
        ...body,
        `UNT+${body.length + 2}+M${i}`,
      );
    });
    if (withHeader) segments.push(`UNZ+${messages.length}+I1`);
    const text = segments.map((s) => `${s}'`).join(breaks);
    return truncate ? text.slice(0, cut % (text.length + 1)) : text;
  });

describe('property: parsers return a result or throw EdifactParseError, nothing else', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const parse of parsers) resultOrTypedError(() => parse(text));
        for (const parse of parsers) resultOrTypedError(() => parse(`UNH+A+PAXLST:D:05B:UN:IATA'${text}`));
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const parse of parsers) resultOrTypedError(() => parse(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('on generated interchanges of plausible PAXLST and PNRGOV segments, whole or cut short', () => {
    fc.assert(
      fc.property(interchange, (text) => {
        for (const parse of parsers) resultOrTypedError(() => parse(text));
        for (const parse of parsers) resultOrTypedError(() => parse(Buffer.from(text)));
      }),
      { numRuns: 1500 },
    );
  });

  it('tokenizes whatever the separators, and round-trips escaped values', () => {
    const separator = fc.constantFrom(':', '+', "'", '*', '$', '#', '|', '~', '?', '!');
    const cfg = fc
      .tuple(separator, separator, separator, separator)
      .filter((s) => new Set(s).size === 4)
      .map(([component, element, release, terminator]) => ({ component, element, release, terminator }));
    fc.assert(
      fc.property(
        cfg,
        fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        (sep, elements) => {
          const special = new Set<string>([sep.component, sep.element, sep.release, sep.terminator]);
          const escape = (v: string) => {
            let out = '';
            for (const ch of v) out += special.has(ch) ? `${sep.release}${ch}` : ch;
            return out;
          };
          const free = elements.map((e) => e.map((c) => c.replace(/[\r\n]/g, '')));
          const body = free.map((e) => e.map(escape).join(sep.component)).join(sep.element);
          const t = sep.terminator;
          const text = `UNA${sep.component}${sep.element}.${sep.release} ${t}UNH${sep.element}A${sep.element}PAXLST${t}FTX${sep.element}${body}${t}UNT${sep.element}3${sep.element}A${t}`;
          const ix = parseEdifact(text);
          assert.deepEqual(ix.messages[0]!.segments[1]!.elements, free);
          assert.deepEqual(ix.messages[0]!.warnings, []);
        },
      ),
      { numRuns: 500 },
    );
  });
});
