/**
 * The envelope of an interchange read from the tokenizer's table: UNA service string advice, UNB/UNG/UNH headers and
 * UNT/UNE/UNZ trailers around any number of messages. Count and reference mismatches in trailers are warnings (real
 * traffic is often off by one); broken structure throws.
 */
import { EdifactParseError, describeFound, type EdifactWarning } from './edifact-errors.js';
import { decodeEdifact } from './edifact-decode.js';
import {
  countOf,
  readMessage,
  required,
  Segments,
  unexpected,
  warning,
  UNB,
  UNE,
  UNG,
  UNH,
  UNZ,
} from './edifact-message.js';
import { defaultSeparators, scanSegments, type EdifactSeparators } from './edifact-scanner.js';
import type { EdifactSegment } from './edifact-segment.js';
import { tableFor } from './edifact-table.js';
import { component } from './edifact-walk.js';
import type { EdifactGroup, EdifactInterchange, EdifactMessage, EdifactParty } from './edifact.js';

const noParty: EdifactParty = Object.freeze({ id: '', qualifier: '' });

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

function readUna(text: string, at: number): EdifactSeparators {
  if (text.length < at + 9) {
    throw new EdifactParseError('edifact.una_invalid', {
      segment: 0,
      tag: 'UNA',
      offset: at,
      expected: 'UNA followed by six service characters',
      found: describeFound(text.slice(at)),
    });
  }
  const [component, element, decimal, release, repetition, terminator] = text.slice(at + 3, at + 9);
  const separators: EdifactSeparators = {
    component: component!,
    element: element!,
    decimal: decimal!,
    // ISO 9735: a space in the release position means the interchange uses no release character.
    release: release === ' ' ? '' : release!,
    repetition: repetition!,
    terminator: terminator!,
  };
  const used = [separators.component, separators.element, separators.terminator];
  if (separators.release !== '') used.push(separators.release);
  const clash = used.some((ch, i) => used.indexOf(ch) !== i || /[A-Za-z0-9]/.test(ch));
  if (clash) {
    throw new EdifactParseError('edifact.una_invalid', {
      segment: 0,
      tag: 'UNA',
      offset: at,
      expected: 'distinct, non-alphanumeric component, element, release and terminator characters',
      found: describeFound(text.slice(at, at + 9)),
    });
  }
  return separators;
}

function party(segment: EdifactSegment, e: number): EdifactParty {
  return { id: component(segment, e, 0), qualifier: component(segment, e, 1) };
}

/**
 * Reads an interchange (decoded text, or bytes decoded per the UNB syntax identifier). With `reuse`, the segment
 * table is the one the next interchange is read into: for callers that are done with the interchange before then.
 */
export function readInterchange(input: string | Uint8Array, reuse: boolean): EdifactInterchange {
  const text = typeof input === 'string' ? input : decodeEdifact(input);
  let start = 0;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  if (start >= text.length) {
    throw new EdifactParseError('edifact.empty', {
      segment: 0,
      tag: '',
      offset: 0,
      expected: 'an EDIFACT interchange (UNA, UNB or UNH)',
      found: 'an empty input',
    });
  }
  let separators = defaultSeparators;
  if (text.startsWith('UNA', start)) {
    separators = readUna(text, start);
    start += 9;
  }
  const release = separators.release === '' ? -1 : separators.release.charCodeAt(0);
  const scratch = tableFor(text, release);
  scratch.count = scanSegments(text, start, separators, scratch);
  const reused = reuse && scratch.reused;
  // A result that outlives the next interchange gets a table of its own, the size of what it holds.
  const table = scratch.reused && !reuse ? scratch.copy() : scratch;
  const segments = new Segments(table, reused);
  const warnings: EdifactWarning[] = [];
  const groups: EdifactGroup[] = [];
  const messages: EdifactMessage[] = [];
  let ordinal = 1; // service segments outside messages are numbered within the interchange

  const first = segments.next(0, ordinal);
  if (first < 0) {
    throw new EdifactParseError('edifact.empty', {
      segment: 0,
      tag: 'UNA',
      offset: start,
      expected: 'UNB or UNH after UNA',
      found: 'end of input',
    });
  }
  let header: EdifactSegment | undefined;
  let slot = 0;
  if (table.tagCode(0) === UNB) {
    header = segments.segment(0, ordinal);
    slot = 1;
    ordinal++;
  } else if (table.tagCode(0) === UNH) {
    // Numbered 1 both in the interchange and, as every UNH, in its message.
    const unh = segments.segment(0, 1);
    warnings.push(warning('edifact.no_interchange_header', unh, 'no UNB interchange header: messages read bare'));
  } else {
    throw unexpected(segments.segment(0, ordinal), 'UNB (interchange header) or UNH (message header)');
  }

  let group: { segment: EdifactSegment; reference: string; count: number } | undefined;
  let trailer: EdifactSegment | undefined;
  for (; ; slot++, ordinal++) {
    if (segments.next(slot, ordinal) < 0) break;
    const tag = table.tagCode(slot);
    if (tag === UNH) {
      const unt = readMessage(segments, slot, group?.reference, messages);
      ordinal += unt - slot; // the message's segments after its UNH
      slot = unt;
      if (group !== undefined) group.count++;
      continue;
    }
    const segment = segments.segment(slot, ordinal);
    if (tag === UNG) {
      if (header === undefined) throw unexpected(segment, 'UNH', 'a UNG group needs a UNB interchange header');
      if (group !== undefined) throw unexpected(segment, 'UNE before the next UNG');
      group = { segment, reference: required(segment, 4, 0, 'the group reference (UNG element 5)'), count: 0 };
      continue;
    }
    if (tag === UNE) {
      if (group === undefined) throw unexpected(segment, 'UNH or UNZ', 'UNE without UNG');
      const declared = countOf(segment);
      if (declared !== group.count) {
        warnings.push(
          warning(
            'edifact.une_count',
            segment,
            `UNE declares ${component(segment, 0)} messages, the group holds ${group.count}`,
          ),
        );
      }
      if (component(segment, 1) !== group.reference) {
        warnings.push(
          warning('edifact.une_reference', segment, `UNE reference ${component(segment, 1)} ≠ UNG ${group.reference}`),
        );
      }
      const g = group.segment;
      groups.push({
        kind: 'group',
        reference: group.reference,
        messageType: component(g, 0),
        sender: party(g, 1),
        recipient: party(g, 2),
        messageCount: group.count,
      });
      group = undefined;
      continue;
    }
    if (tag === UNZ) {
      if (header === undefined) throw unexpected(segment, 'UNH or end of input', 'UNZ without UNB');
      if (group !== undefined) throw unexpected(segment, 'UNE', `group ${group.reference} is not closed`);
      trailer = segment;
      break;
    }
    throw unexpected(segment, header === undefined ? 'UNH' : 'UNH, UNG or UNZ', 'segments must sit inside a message');
  }

  if (group !== undefined) {
    throw new EdifactParseError('edifact.truncated', {
      segment: ordinal,
      tag: '',
      offset: text.length,
      expected: `UNE closing group ${group.reference}`,
      found: 'end of input',
    });
  }
  if (header !== undefined) {
    if (trailer === undefined) {
      throw new EdifactParseError('edifact.truncated', {
        segment: ordinal,
        tag: '',
        offset: text.length,
        expected: 'UNZ (interchange trailer)',
        found: 'end of input',
      });
    }
    const controlReference = component(header, 4);
    const declared = countOf(trailer);
    const actual = groups.length > 0 ? groups.length : messages.length;
    if (declared !== actual) {
      warnings.push(
        warning(
          'edifact.unz_count',
          trailer,
          `UNZ declares ${component(trailer, 0)} ${groups.length > 0 ? 'groups' : 'messages'}, the interchange holds ${actual}`,
        ),
      );
    }
    if (component(trailer, 1) !== controlReference) {
      warnings.push(
        warning('edifact.unz_reference', trailer, `UNZ reference ${component(trailer, 1)} ≠ UNB ${controlReference}`),
      );
    }
    checkBlankEnd(text, table.after(slot), ordinal);
  }
  if (messages.length === 0) {
    throw new EdifactParseError('edifact.empty', {
      segment: ordinal,
      tag: trailer?.tag ?? '',
      offset: trailer?.offset ?? text.length,
      expected: 'at least one message (UNH)',
      found: 'an interchange without messages',
    });
  }

  return {
    kind: 'interchange',
    separators,
    syntax: { identifier: header ? component(header, 0, 0) : '', version: header ? component(header, 0, 1) : '' },
    sender: header ? party(header, 1) : noParty,
    recipient: header ? party(header, 2) : noParty,
    preparedDate: header ? component(header, 3, 0) : '',
    preparedTime: header ? component(header, 3, 1) : '',
    controlReference: header ? required(header, 4, 0, 'the interchange control reference (UNB element 5)') : '',
    applicationReference: header ? component(header, 6) : '',
    testIndicator: header ? component(header, 10) === '1' : false,
    groups,
    messages,
    warnings,
  };
}

/** Throws `edifact.trailing_data` unless only blanks (spaces, tabs, line breaks) follow `from`, the end of UNZ. */
function checkBlankEnd(text: string, from: number, ordinal: number): void {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 13 && c !== 10 && c !== 32 && c !== 9) break;
  }
  if (i === text.length) return;
  let at = from;
  while (at < text.length && (text.charCodeAt(at) === 13 || text.charCodeAt(at) === 10)) at++;
  throw new EdifactParseError('edifact.trailing_data', {
    segment: ordinal + 1,
    tag: '',
    offset: at,
    expected: 'end of input after UNZ',
    found: describeFound(text.slice(at, at + 40)),
  });
}
