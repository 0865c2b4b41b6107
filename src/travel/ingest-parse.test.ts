import assert from 'node:assert/strict';
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
});
