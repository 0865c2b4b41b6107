/**
 * How the parsers read segments: `component` and the counts for any segment, and `walkSegments`, which steps through
 * the segments of a message `parseEdifact` read with one segment object moved along the tokenizer's table (a message
 * of 5,000 segments makes no 5,000 objects), keeping a lasting object only for a segment a result holds on to.
 */
import type { EdifactMessage } from './edifact.js';
import { ScannedSegment, type EdifactSegment, type SegmentTable } from './edifact-segment.js';

/** Component `c` of element `e` of a segment, '' when absent: the one accessor parsers use. */
export function component(segment: EdifactSegment, e: number, c = 0): string {
  // Scanned segments slice the value from the text; only hand-built ones (tests, placeholders) hold arrays.
  if (segment instanceof ScannedSegment) return segment.component(e, c);
  const element = segment.elements[e];
  return element === undefined ? '' : (element[c] ?? '');
}

/** How many data elements a segment has. */
export function elementCount(segment: EdifactSegment): number {
  return segment instanceof ScannedSegment ? segment.elementCount : segment.elements.length;
}

/** How many components element `e` of a segment has (0 when there is no such element). */
export function componentCount(segment: EdifactSegment, e: number): number {
  return segment instanceof ScannedSegment ? segment.componentCount(e) : (segment.elements[e]?.length ?? 0);
}

/** Where the segments of every message `parseEdifact` read sit in the tokenizer's table, for `walkSegments`. */
const scannedMessages = new WeakMap<EdifactMessage, { table: SegmentTable; first: number; count: number }>();

/** Records that `message` is segments `first` … `first + count - 1` of `table` (called by `parseEdifact`). */
export function rememberScanned(message: EdifactMessage, table: SegmentTable, first: number, count: number): void {
  scannedMessages.set(message, { table, first, count });
}

/** The segments of a message in order, read one at a time (see `walkSegments`). */
export interface SegmentWalk {
  /** How many segments the message has, UNH and UNT included. */
  readonly count: number;
  /** Segment `i` (0 is the UNH), valid until the next call: hold on to it only through `keepSegment`. */
  at(i: number): EdifactSegment;
}

/** Walks a message read by `parseEdifact` with one segment object moved along its segments. */
class ScannedWalk implements SegmentWalk {
  readonly count: number;
  readonly #cursor: ScannedSegment;
  readonly #first: number;

  constructor(table: SegmentTable, first: number, count: number) {
    this.count = count;
    this.#cursor = ScannedSegment.cursor(table);
    this.#first = first;
  }

  at(i: number): EdifactSegment {
    return this.#cursor.moveTo(this.#first + i, i + 1);
  }
}

/** Walks a message built by other means (tests, placeholders): its segment list as it is. */
class ListedWalk implements SegmentWalk {
  readonly count: number;
  readonly #segments: readonly EdifactSegment[];

  constructor(segments: readonly EdifactSegment[]) {
    this.count = segments.length;
    this.#segments = segments;
  }

  at(i: number): EdifactSegment {
    return this.#segments[i]!;
  }
}

/**
 * Steps through the segments of a message without an object per segment: what the parsers do with every message. A
 * segment `at` returns is overwritten by the next step; `keepSegment` gives one that lasts.
 */
export function walkSegments(message: EdifactMessage): SegmentWalk {
  const scanned = scannedMessages.get(message);
  return scanned === undefined
    ? new ListedWalk(message.segments)
    : new ScannedWalk(scanned.table, scanned.first, scanned.count);
}

/** A segment that lasts: the one a walk shows now, as the same object `message.segments` holds for it. */
export function keepSegment(segment: EdifactSegment): EdifactSegment {
  return segment instanceof ScannedSegment ? segment.kept() : segment;
}
