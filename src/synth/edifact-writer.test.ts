import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { component, parseEdifact } from '../travel/edifact.js';
import { defaultSyntax, escapeEdifact, seg, writeInterchange, type EdifactSyntax } from './edifact-writer.js';

const syntaxes: readonly EdifactSyntax[] = [
  defaultSyntax,
  { ...defaultSyntax, element: '*', terminator: '$', lineBreak: '' },
  { ...defaultSyntax, component: '|', element: '*', lineBreak: '\r\n' },
];

function interchange(syntax: EdifactSyntax, values: readonly string[], untError = 0): string {
  return writeInterchange({
    syntax,
    writeUna: true,
    syntaxId: 'UNOA',
    sender: 'LAAPIS',
    recipient: 'NLDAPI',
    preparedDate: '250701',
    preparedTime: '1200',
    controlReference: '42',
    applicationReference: 'APIS',
    group: { type: 'PAXLST', reference: '1', agency: 'UN', version: ['D', '05B'] },
    messages: [
      {
        reference: 'M1',
        type: ['PAXLST', 'D', '05B', 'UN', 'IATA'],
        commonAccessReference: 'LA0001/250701/1200',
        sequence: { number: 2, final: false },
        body: [seg('BGM', '745'), ...values.map((v) => seg('FTX', 'AAI', '', '', [v, 'X']))],
        untError,
      },
    ],
  });
}

describe('EDIFACT writer', () => {
  it('escapes the service characters with the release character', () => {
    assert.equal(escapeEdifact("O'NEILL+SONS: 50%?", defaultSyntax), "O?'NEILL?+SONS?: 50%??");
    assert.equal(escapeEdifact('A*B$C:D', syntaxes[1]!), 'A?*B?$C?:D');
    assert.equal(escapeEdifact('PLAIN TEXT', defaultSyntax), 'PLAIN TEXT');
  });

  it('writes what the parser reads back, for any value and each carrier syntax', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...syntaxes),
        fc.array(fc.string({ unit: fc.constantFrom('A', ' ', "'", '+', ':', '?', '*', '$', '|', '.', '-') }), {
          maxLength: 5,
        }),
        (syntax, raw) => {
          // Values are trimmed of edge blanks the way segment text is: a leading/trailing space is not data loss.
          const values = raw.map((v) => v.trim()).filter((v) => v !== '');
          const parsed = parseEdifact(interchange(syntax, values));
          const message = parsed.messages[0]!;
          assert.deepEqual(message.warnings, []);
          assert.deepEqual(
            message.segments.filter((s) => s.tag === 'FTX').map((s) => component(s, 3, 0)),
            values,
          );
          assert.deepEqual(message.sequence, { number: 2, position: 'C' });
        },
      ),
    );
  });

  it('miscounts UNT on request, which the parser reports as a warning', () => {
    const parsed = parseEdifact(interchange(defaultSyntax, ['X'], 1));
    assert.deepEqual(
      parsed.messages[0]!.warnings.map((w) => w.code),
      ['edifact.unt_count'],
    );
  });
});
