/**
 * Parsing a stored message for ingestion (pure): the interchange read as PAXLST or PNRGOV, mapped to rows, with the
 * parsed lists and bookings the targeting rules read; and a bounded cache of those, so the rules of a flight read
 * each of its messages parsed once, not once per later message.
 */
import { EdifactParseError } from './edifact-errors.js';
import { readInterchange, walkSegments } from './edifact.js';
import { mapPaxlst, mapPnrgov, type MappedMessage } from './ingest-mapping.js';
import { parsePaxlst } from './paxlst.js';
import type { PaxlstList } from './paxlst.types.js';
import { parsePnrgov } from './pnrgov.js';
import type { PnrgovBooking } from './pnrgov.types.js';

/** What the rules need of a message: its passenger lists or its bookings. */
export interface RuleInput {
  readonly lists: readonly PaxlstList[];
  readonly bookings: readonly PnrgovBooking[];
}

/** A parsed message: rows to store, what the rules read, and the parsers' warnings. */
export interface ParsedMessage extends RuleInput {
  readonly mapped: readonly MappedMessage[];
  readonly warnings: readonly unknown[];
}

/** Parses raw bytes as PAXLST or PNRGOV (two-digit years placed against `referenceDate`); throws EdifactParseError. */
export function parseMessage(raw: Buffer, referenceDate: string): ParsedMessage {
  // The interchange is read into the shared segment table (as parsePaxlst and parsePnrgov do when given bytes): it is
  // done with before this returns, and the parsed lists and bookings hold no reference to it.
  const interchange = readInterchange(raw, true);
  const first = interchange.messages[0];
  const type = first?.type;
  const warnings: unknown[] = [...interchange.warnings];
  if (type === 'PAXLST') {
    const parsed = parsePaxlst(interchange, { referenceDate });
    for (const l of parsed.lists) warnings.push(...l.warnings);
    return {
      mapped: parsed.lists.map((l) => mapPaxlst(l, referenceDate)),
      lists: parsed.lists,
      bookings: [],
      warnings,
    };
  }
  if (type === 'PNRGOV') {
    const parsed = parsePnrgov(interchange, { referenceDate });
    const mapped: MappedMessage[] = [];
    const bookings: PnrgovBooking[] = [];
    for (const m of parsed.messages) {
      warnings.push(...m.warnings);
      const one = mapPnrgov(m, referenceDate);
      if (one !== undefined) mapped.push(one);
      bookings.push(...m.bookings);
    }
    return { mapped, lists: [], bookings, warnings };
  }
  // The error points at the UNH that names the type (readInterchange refuses an interchange without a message).
  const unh = first === undefined ? undefined : walkSegments(first).at(0);
  throw new EdifactParseError('edifact.wrong_message_type', {
    segment: unh?.index ?? 1,
    tag: 'UNH',
    offset: unh?.offset ?? 0,
    expected: 'a PAXLST or PNRGOV message',
    found: type ?? 'no message',
  });
}

/** Rule inputs by message id, the most recently used kept. */
export class RuleInputCache {
  private readonly entries = new Map<string, RuleInput>();
  constructor(private readonly capacity: number) {}
  get(id: string): RuleInput | undefined {
    const entry = this.entries.get(id);
    if (entry !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }
  set(id: string, input: RuleInput): void {
    this.entries.delete(id);
    // Only what the rules read is kept: the rows and warnings of a message are written once and not needed again.
    this.entries.set(id, { lists: input.lists, bookings: input.bookings });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
