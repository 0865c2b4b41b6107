import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isEdifactParseError } from './edifact-errors.js';
import { parseMessage } from './ingest-parse.js';

describe('parseMessage', () => {
  it('refuses a message that is neither PAXLST nor PNRGOV at the UNH of its first message', () => {
    const text =
      "UNA:+.? '\nUNB+UNOA:4+S:ZZ+R:ZZ+241001:0930+IC1++APIS'\nUNH+1+CUSRES:D:05B:UN:IATA'\nBGM+962'\nUNT+3+1'\nUNZ+1+IC1'";
    assert.throws(
      () => parseMessage(Buffer.from(text), '2024-10-01'),
      (error) => {
        assert.ok(isEdifactParseError(error, 'edifact.wrong_message_type'));
        assert.deepEqual(
          [error.segment, error.tag, error.offset, error.found],
          [1, 'UNH', text.indexOf('UNH'), 'CUSRES'],
        );
        return true;
      },
    );
  });

  it('gives the rules each flight’s own part of an interchange that names several flights', () => {
    const text = readFileSync(
      new URL('../../test/fixtures/travel/paxlst-d05b-passengers.edi', import.meta.url),
      'utf8',
    );
    const lines = text.split('\n');
    const message = lines.slice(
      lines.findIndex((l) => l.startsWith('UNH')),
      lines.findIndex((l) => l.startsWith('UNT')) + 1,
    );
    const other = message.map((l) => l.replace('LA0417', 'LA0999').replace(/^NAD\+FL\+\+\+[^:]*/, 'NAD+FL+++OTHER'));
    const une = lines.findIndex((l) => l.startsWith('UNE'));
    const two = [...lines.slice(0, une), ...other, "UNE+2+100'", ...lines.slice(une + 1)].join('\n');
    const parsed = parseMessage(Buffer.from(two), '2024-10-01');
    assert.deepEqual(
      parsed.parts.map((p) => [p.flight.flightNumber, p.lists.flatMap((l) => l.travellers.map((t) => t.surname))]),
      [
        ['417', ["O'NEILL", 'MUELLER', 'HADDAD']],
        ['999', ['OTHER', 'OTHER', 'OTHER']],
      ],
    );
    assert.deepEqual(
      parsed.parts.map((p) => p.flight),
      parsed.mapped.map((m) => m.flight),
    );
  });

  it('gives the rules a PNR push’s own flight', () => {
    const raw = readFileSync(new URL('../../test/fixtures/travel/pnrgov-three-pnrs.edi', import.meta.url));
    const [part] = parseMessage(raw, '2024-10-01').parts;
    assert.deepEqual(
      [part?.pnrgovFlight?.marketing.flightNumber, part?.pnrgovFlight?.departure, part?.bookings.length],
      ['417', '2024-10-01T12:10', 3],
    );
  });
});
