/**
 * The segments of an interchange as the envelope reads them, and one message between its UNH and UNT: where the
 * message ends, its trailer's count and reference checked (mismatches are warnings), and the message itself, whose
 * segment objects are made only if someone asks for them.
 */
import { EdifactParseError, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import { ScannedSegment, type EdifactSegment } from './edifact-segment.js';
import { tagCodeOf, type SegmentTable } from './edifact-table.js';
import { component, elementCount, rememberScanned } from './edifact-walk.js';
import type { EdifactMessage } from './edifact.js';
import { smallNumber } from './edifact-values.js';

const code = (tag: string) => tagCodeOf(tag.charCodeAt(0), tag.charCodeAt(1), tag.charCodeAt(2));
/** Tag codes of the envelope's service segments. */
export const UNB = code('UNB');
export const UNG = code('UNG');
export const UNH = code('UNH');
export const UNT = code('UNT');
export const UNE = code('UNE');
export const UNZ = code('UNZ');

/** Component `c` of element `e` of a service segment, which may not be empty (`edifact.missing_element`). */
export function required(segment: EdifactSegment, e: number, c: number, what: string): string {
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

/** The error for a service segment where the envelope does not allow it. */
export function unexpected(segment: EdifactSegment, expected: string, note?: string): EdifactParseError {
  return new EdifactParseError(
    'edifact.unexpected_segment',
    { segment: segment.index, tag: segment.tag, offset: segment.offset, expected, found: segment.tag },
    note,
  );
}

/** The count a trailer declares (its first element), undefined when that is not a number. */
export function countOf(segment: EdifactSegment): number | undefined {
  return smallNumber(component(segment, 0), 9);
}

/** A warning about a trailer (or a missing header), at `segment`. */
export function warning(code: EdifactWarningCode, segment: EdifactSegment, message: string): EdifactWarning {
  return { code, message, segment: segment.index, offset: segment.offset };
}

/** The segments of one interchange as the envelope reads them, one after the other. */
export class Segments {
  readonly table: SegmentTable;
  /** Whether `table` is read into again for the next interchange. */
  readonly reused: boolean;
  /** How far `nextEnvelope` has gone through `table.unSlots`. */
  #un = 0;

  constructor(table: SegmentTable, reused: boolean) {
    this.table = table;
    this.reused = reused;
  }

  /** `slot` when the text holds such a segment, -1 at the end; throws for one that could not be read (as `index`). */
  next(slot: number, index: number): number {
    if (slot < this.table.count) return slot;
    const failure = this.table.failure;
    if (failure !== undefined) throw failure.error(index);
    return -1;
  }

  /**
   * The first segment after `slot` of the envelope (UNB, UNG, UNH, UNT, UNE or UNZ), or `table.count` when there is
   * none: the scanner listed the segments whose tags start with UN, so the message in between is not stepped through.
   * Asked about later and later slots.
   */
  nextEnvelope(slot: number): number {
    const table = this.table;
    const slots = table.unSlots;
    for (; this.#un < table.unCount; this.#un++) {
      const next = slots[this.#un]!;
      if (next <= slot) continue;
      if (next >= table.count) break; // the segment that could not be read
      const tag = table.tagCode(next);
      if (tag === UNB || tag === UNG || tag === UNH || tag === UNT || tag === UNE || tag === UNZ) return next;
    }
    return table.count;
  }

  /** Segment `slot`, numbered `index`, as an object for use while the interchange is read. */
  segment(slot: number, index: number): ScannedSegment {
    return new ScannedSegment(this.table, slot, index, false);
  }

  /** Segment `slot`, numbered `index`, as an object that outlives the table. */
  lasting(slot: number, index: number): ScannedSegment {
    return new ScannedSegment(this.table, slot, index, this.reused);
  }
}

/** Reads the message whose UNH is segment `unhSlot` into `messages`; returns the slot of its UNT. */
export function readMessage(
  segments: Segments,
  unhSlot: number,
  groupReference: string | undefined,
  messages: EdifactMessage[],
): number {
  const table = segments.table;
  const unh = segments.segment(unhSlot, 1);
  const reference = required(unh, 0, 0, 'the message reference (UNH element 1)');
  const type = required(unh, 1, 0, 'the message type (UNH element 2, e.g. PAXLST)');
  const warnings: EdifactWarning[] = [];
  const slot = segments.nextEnvelope(unhSlot);
  const index = slot - unhSlot + 1; // UNH is segment 1
  if (slot === table.count && segments.next(slot, index) < 0) {
    throw new EdifactParseError('edifact.truncated', {
      segment: index,
      tag: '',
      offset: table.text.length,
      expected: `UNT closing message ${reference}`,
      found: 'end of input',
    });
  }
  if (table.tagCode(slot) !== UNT) throw unexpected(segments.segment(slot, index), `UNT closing message ${reference}`);
  const unt = segments.segment(slot, index);
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
  let list: readonly EdifactSegment[] | undefined;
  const message: EdifactMessage = {
    kind: 'message',
    reference,
    type,
    version: component(unh, 1, 1),
    release: component(unh, 1, 2),
    agency: component(unh, 1, 3),
    associationCode: component(unh, 1, 4),
    commonAccessReference: component(unh, 2),
    sequence:
      elementCount(unh) < 4 ? undefined : { number: smallNumber(sequenceNumber, 6), position: component(unh, 3, 1) },
    groupReference,
    get segments(): readonly EdifactSegment[] {
      return (list ??= Array.from({ length: count }, (_, k) => segments.lasting(unhSlot + k, k + 1)));
    },
    offset: unh.offset,
    warnings,
  };
  rememberScanned(message, table, unhSlot, count, segments.reused);
  messages.push(message);
  return slot;
}
