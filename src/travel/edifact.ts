/**
 * UN/EDIFACT (ISO 9735) interchanges as airlines send them: UNA service string advice, UNB/UNG/UNH envelopes and
 * UNT/UNE/UNZ trailers around any number of messages. Generic: it knows the envelope, not PAXLST or PNRGOV. Count
 * and reference mismatches in trailers are warnings (real traffic is often off by one); broken structure throws.
 */
import { EdifactParseError, describeFound, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import { decodeEdifact } from './edifact-decode.js';
import { EdifactScanner, defaultSeparators, type EdifactSeparators } from './edifact-scanner.js';
import type { EdifactSegment } from './edifact-segment.js';
import { component, elementCount, rememberScanned } from './edifact-walk.js';

export { defaultSeparators, type EdifactSeparators } from './edifact-scanner.js';
export type { EdifactSegment } from './edifact-segment.js';
export {
  component,
  componentCount,
  elementCount,
  keepSegment,
  walkSegments,
  type SegmentWalk,
} from './edifact-walk.js';

/** A party named in UNB/UNG: identification and its code qualifier (e.g. ZZ mutually defined). */
export interface EdifactParty {
  readonly id: string;
  readonly qualifier: string;
}

/** UNH S010: the part of a multi-part message (`01:C` … `03:F`). */
export interface EdifactMessageSequence {
  /** Sequence number of this part, undefined when UNH gives none. */
  readonly number: number | undefined;
  /** `C` (more parts follow) or `F` (final part), as sent. */
  readonly position: string;
}

/** One message between UNH and UNT, UNH and UNT included in `segments`. */
export interface EdifactMessage {
  readonly kind: 'message';
  readonly reference: string;
  /** Message type, e.g. PAXLST or PNRGOV. */
  readonly type: string;
  /** Directory version, e.g. D (UN) or 11 (IATA PADIS). */
  readonly version: string;
  /** Directory release, e.g. 05B or 1. */
  readonly release: string;
  /** Controlling agency, e.g. UN or IA. */
  readonly agency: string;
  /** Association assigned code, e.g. IATA. */
  readonly associationCode: string;
  /** UNH common access reference: ties the parts of a multi-part PAXLST together. */
  readonly commonAccessReference: string;
  readonly sequence: EdifactMessageSequence | undefined;
  /** Reference of the UNG functional group that holds the message, if any. */
  readonly groupReference: string | undefined;
  readonly segments: readonly EdifactSegment[];
  readonly offset: number;
  readonly warnings: readonly EdifactWarning[];
}

/** A UNG…UNE functional group (the messages themselves are listed in the interchange, in order). */
export interface EdifactGroup {
  readonly kind: 'group';
  readonly reference: string;
  readonly messageType: string;
  readonly sender: EdifactParty;
  readonly recipient: EdifactParty;
  readonly messageCount: number;
}

/** A whole interchange: the UNB header, its groups and messages, and the warnings of its trailers. */
export interface EdifactInterchange {
  readonly kind: 'interchange';
  readonly separators: EdifactSeparators;
  /** Syntax identifier (UNOA, UNOB, UNOC, UNOW, UNOY…) and version; empty when there is no UNB. */
  readonly syntax: { readonly identifier: string; readonly version: string };
  readonly sender: EdifactParty;
  readonly recipient: EdifactParty;
  /** UNB date (YYMMDD) and time (HHMM) of preparation, as sent. */
  readonly preparedDate: string;
  readonly preparedTime: string;
  readonly controlReference: string;
  /** UNB application reference, e.g. APIS or IAPI. */
  readonly applicationReference: string;
  readonly testIndicator: boolean;
  readonly groups: readonly EdifactGroup[];
  readonly messages: readonly EdifactMessage[];
  readonly warnings: readonly EdifactWarning[];
}

const envelopeTags = new Set(['UNB', 'UNG', 'UNH', 'UNT', 'UNE', 'UNZ']);
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
  const separators: EdifactSeparators = Object.freeze({
    component: component!,
    element: element!,
    decimal: decimal!,
    // ISO 9735: a space in the release position means the interchange uses no release character.
    release: release === ' ' ? '' : release!,
    repetition: repetition!,
    terminator: terminator!,
  });
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

function required(segment: EdifactSegment, e: number, c: number, what: string): string {
  const value = component(segment, e, c);
  if (value === '') {
    throw new EdifactParseError('edifact.missing_element', {
      segment: segment.index,
      tag: segment.tag,
      offset: segment.offset,
      expected: what,
      found: 'an empty element',
    });
  }
  return value;
}

function unexpected(segment: EdifactSegment, expected: string, note?: string): EdifactParseError {
  return new EdifactParseError(
    'edifact.unexpected_segment',
    { segment: segment.index, tag: segment.tag, offset: segment.offset, expected, found: segment.tag },
    note,
  );
}

function countOf(segment: EdifactSegment): number | undefined {
  const raw = component(segment, 0);
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

function warning(code: EdifactWarningCode, segment: EdifactSegment, message: string): EdifactWarning {
  return Object.freeze({ code, message, segment: segment.index, offset: segment.offset });
}

/** Throws `edifact.wrong_message_type` at the UNH of `message` unless it is of `type` (PAXLST, PNRGOV). */
export function expectMessageType(message: EdifactMessage, type: string): void {
  if (message.type === type) return;
  const unh = message.segments[0]!;
  throw new EdifactParseError('edifact.wrong_message_type', {
    segment: unh.index,
    tag: unh.tag,
    offset: unh.offset,
    expected: `a ${type} message`,
    found: message.type,
  });
}

/**
 * Parses an EDIFACT interchange. Takes decoded text, or raw bytes decoded per the UNB syntax identifier (strict
 * UTF-8 unless UNOC…UNOK). Returns messages with their segments, or throws `EdifactParseError`.
 */
export function parseEdifact(input: string | Uint8Array): EdifactInterchange {
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
  const scanner = new EdifactScanner(text, start, separators);
  const warnings: EdifactWarning[] = [];
  const groups: EdifactGroup[] = [];
  const messages: EdifactMessage[] = [];
  let ordinal = 1; // service segments outside messages are numbered within the interchange

  const table = scanner.table;
  const first = scanner.next(ordinal);
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
  let pending = first; // a slot read but not yet handled, or -1
  if (table.tag(first) === 'UNB') {
    header = table.segment(first, ordinal);
    pending = -1;
  } else if (table.tag(first) === 'UNH') {
    // Numbered 1 both in the interchange and, as every UNH, in its message.
    const unh = table.segment(first, 1);
    warnings.push(warning('edifact.no_interchange_header', unh, 'no UNB interchange header: messages read bare'));
  } else {
    throw unexpected(table.segment(first, ordinal), 'UNB (interchange header) or UNH (message header)');
  }

  let group: { segment: EdifactSegment; reference: string; count: number } | undefined;
  let trailer: EdifactSegment | undefined;
  for (;;) {
    const slot = pending >= 0 ? pending : scanner.next(++ordinal);
    pending = -1;
    if (slot < 0) break;
    if (table.tag(slot) === 'UNH') {
      const message = readMessage(scanner, slot, group?.reference);
      messages.push(message);
      ordinal += table.count - slot - 1; // the message's segments after its UNH
      if (group !== undefined) group.count++;
      continue;
    }
    const segment = table.segment(slot, ordinal);
    if (segment.tag === 'UNG') {
      if (header === undefined) throw unexpected(segment, 'UNH', 'a UNG group needs a UNB interchange header');
      if (group !== undefined) throw unexpected(segment, 'UNE before the next UNG');
      group = { segment, reference: required(segment, 4, 0, 'the group reference (UNG element 5)'), count: 0 };
      continue;
    }
    if (segment.tag === 'UNE') {
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
      groups.push(
        Object.freeze({
          kind: 'group',
          reference: group.reference,
          messageType: component(g, 0),
          sender: party(g, 1),
          recipient: party(g, 2),
          messageCount: group.count,
        }),
      );
      group = undefined;
      continue;
    }
    if (segment.tag === 'UNZ') {
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
    if (!scanner.atBlankEnd()) {
      const at = scanner.position;
      throw new EdifactParseError('edifact.trailing_data', {
        segment: ordinal + 1,
        tag: '',
        offset: at,
        expected: 'end of input after UNZ',
        found: describeFound(text.slice(at, at + 40)),
      });
    }
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

  return Object.freeze({
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
    groups: Object.freeze(groups),
    messages: Object.freeze(messages),
    warnings: Object.freeze(warnings),
  });
}

function readMessage(scanner: EdifactScanner, unhSlot: number, groupReference: string | undefined): EdifactMessage {
  const table = scanner.table;
  const unh = table.segment(unhSlot, 1);
  const reference = required(unh, 0, 0, 'the message reference (UNH element 1)');
  const type = required(unh, 1, 0, 'the message type (UNH element 2, e.g. PAXLST)');
  const warnings: EdifactWarning[] = [];
  let index = 1;
  let unt: EdifactSegment;
  for (;;) {
    const slot = scanner.next(++index);
    if (slot < 0) {
      throw new EdifactParseError('edifact.truncated', {
        segment: index,
        tag: '',
        offset: scanner.position,
        expected: `UNT closing message ${reference}`,
        found: 'end of input',
      });
    }
    const tag = table.tag(slot);
    if (tag === 'UNT') {
      unt = table.segment(slot, index);
      break;
    }
    if (tag.charCodeAt(0) === 85 && tag.charCodeAt(1) === 78 && envelopeTags.has(tag))
      throw unexpected(table.segment(slot, index), `UNT closing message ${reference}`);
  }
  const count = index; // UNH is segment 1, UNT segment `index`
  const declared = countOf(unt);
  if (declared !== count) {
    warnings.push(
      warning(
        'edifact.unt_count',
        unt,
        `UNT declares ${component(unt, 0)} segments, message ${reference} has ${count}`,
      ),
    );
  }
  if (component(unt, 1) !== reference) {
    warnings.push(warning('edifact.unt_reference', unt, `UNT reference ${component(unt, 1)} ≠ UNH ${reference}`));
  }
  const sequenceNumber = component(unh, 3, 0);
  // Segment objects are made only when someone asks for the list: the parsers walk the table instead.
  let segments: readonly EdifactSegment[] | undefined;
  const message: EdifactMessage = Object.freeze({
    kind: 'message',
    reference,
    type,
    version: component(unh, 1, 1),
    release: component(unh, 1, 2),
    agency: component(unh, 1, 3),
    associationCode: component(unh, 1, 4),
    commonAccessReference: component(unh, 2),
    sequence:
      elementCount(unh) < 4
        ? undefined
        : Object.freeze({
            number: /^\d{1,6}$/.test(sequenceNumber) ? Number(sequenceNumber) : undefined,
            position: component(unh, 3, 1),
          }),
    groupReference,
    get segments(): readonly EdifactSegment[] {
      return (segments ??= Object.freeze(Array.from({ length: count }, (_, k) => table.segment(unhSlot + k, k + 1))));
    },
    offset: unh.offset,
    warnings: Object.freeze(warnings),
  });
  rememberScanned(message, table, unhSlot, count);
  return message;
}
