/**
 * How the parsers read segments: `component` and the counts for any segment, and `walkSegments`, which steps through
 * the segments of a message `parseEdifact` read with one segment object moved along the tokenizer's table (a message
 * of 5,000 segments makes no 5,000 objects), keeping a lasting object only for a segment a result holds on to.
 */
import type { EdifactMessage } from './edifact.js';
import { SegmentCursor, type EdifactSegment, type SegmentView } from './edifact-segment.js';
import type { SegmentTable } from './edifact-table.js';

function isView(segment: EdifactSegment): segment is SegmentView {
  return 'component' in segment;
}

/** Component `c` of element `e` of a segment, '' when absent: the one accessor parsers use. */
export function component(segment: EdifactSegment, e: number, c = 0): string {
  // Scanned segments slice the value from the text; only hand-built ones (tests, placeholders) hold arrays.
  if (isView(segment)) return segment.component(e, c);
  const element = segment.elements[e];
  return element === undefined ? '' : (element[c] ?? '');
}

/** How many data elements a segment has. */
export function elementCount(segment: EdifactSegment): number {
  return isView(segment) ? segment.elementCount : segment.elements.length;
}

/** How many components element `e` of a segment has (0 when there is no such element). */
export function componentCount(segment: EdifactSegment, e: number): number {
  return isView(segment) ? segment.componentCount(e) : (segment.elements[e]?.length ?? 0);
}

/** Where the segments of a message sit in the tokenizer's table, for `walkSegments`. */
interface Scanned {
  readonly table: SegmentTable;
  readonly first: number;
  readonly count: number;
  /** The table is read into again for the next interchange. */
  readonly reused: boolean;
}

const scannedMessages = new WeakMap<EdifactMessage, Scanned>();

/** Records that `message` is segments `first` … `first + count - 1` of `table` (called by `parseEdifact`). */
export function rememberScanned(
  message: EdifactMessage,
  table: SegmentTable,
  first: number,
  count: number,
  reused: boolean,
): void {
  scannedMessages.set(message, { table, first, count, reused });
}

/** The segments of a message in order, read one at a time (see `walkSegments`). */
export interface SegmentWalk {
  /** How many segments the message has, UNH and UNT included. */
  readonly count: number;
  /** Segment `i` (0 is the UNH), valid until the next call: hold on to it only through `keep`. */
  at(i: number): SegmentView;
}

/** Walks a message read by `parseEdifact` with one segment object moved along its segments. */
class ScannedWalk implements SegmentWalk {
  readonly count: number;
  readonly #cursor: SegmentCursor;
  readonly #first: number;

  constructor(scanned: Scanned) {
    this.count = scanned.count;
    this.#cursor = new SegmentCursor(scanned.table, scanned.reused);
    this.#first = scanned.first;
  }

  at(i: number): SegmentView {
    return this.#cursor.moveTo(this.#first + i, i + 1);
  }
}

/** A hand-built segment (tests, placeholders) read as the parsers read scanned ones. */
class ListedView implements SegmentView {
  readonly kind = 'segment' as const;
  readonly #segment: EdifactSegment;

  constructor(segment: EdifactSegment) {
    this.#segment = segment;
  }

  get tag(): string {
    return this.#segment.tag;
  }

  get index(): number {
    return this.#segment.index;
  }

  get offset(): number {
    return this.#segment.offset;
  }

  get elements(): readonly (readonly string[])[] {
    return this.#segment.elements;
  }

  component(e: number, c = 0): string {
    return component(this.#segment, e, c);
  }

  get elementCount(): number {
    return elementCount(this.#segment);
  }

  componentCount(e: number): number {
    return componentCount(this.#segment, e);
  }

  keep(): EdifactSegment {
    return this.#segment;
  }

  pin(): SegmentView {
    return this;
  }

  raw(): string {
    return '';
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

  at(i: number): SegmentView {
    const segment = this.#segments[i]!;
    return isView(segment) ? segment : new ListedView(segment);
  }
}

/**
 * Steps through the segments of a message without an object per segment: what the parsers do with every message. A
 * segment `at` returns is overwritten by the next step; its `keep` gives one that lasts.
 */
export function walkSegments(message: EdifactMessage): SegmentWalk {
  const scanned = scannedMessages.get(message);
  return scanned === undefined ? new ListedWalk(message.segments) : new ScannedWalk(scanned);
}

/** A segment that lasts: the one a walk shows now, as an object of its own. */
export function keepSegment(segment: EdifactSegment): EdifactSegment {
  return isView(segment) ? segment.keep() : segment;
}
