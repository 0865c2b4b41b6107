/**
 * Parsing a stored message for ingestion (pure): the interchange read as PAXLST or PNRGOV, mapped to rows, with the
 * parsed lists and bookings the targeting rules read; and a bounded cache of those, so the rules of a flight read
 * each of its messages parsed once, not once per later message.
 */
import { EdifactParseError } from './edifact-errors.js';
import { readInterchange, walkSegments } from './edifact.js';
import { mapPaxlst, mapPnrgov, type FlightKey, type MappedMessage } from './ingest-mapping.js';
import { parsePaxlst } from './paxlst.js';
import type { PaxlstList } from './paxlst.types.js';
import { parsePnrgov } from './pnrgov.js';
import type { PnrgovBooking, PnrgovItineraryLeg } from './pnrgov.types.js';

/** What the rules need of a message about one flight: its passenger lists or its bookings, and the pushed flight. */
export interface RuleInput {
  readonly lists: readonly PaxlstList[];
  readonly bookings: readonly PnrgovBooking[];
  /**
   * The flight a PNRGOV push was sent for (its level-0 TVL, else its first booking's first leg, as the flight is
   * stored): PNRs come a day or two before any passenger list, and without it the rules know no departure.
   */
  readonly pnrgovFlight?: PnrgovItineraryLeg;
}

/** The rule input of one flight a message names (one passenger list, one PNRGOV message of the interchange). */
export interface RulePart extends RuleInput {
  readonly flight: FlightKey;
}

/**
 * A parsed message: rows to store, what the rules read (`parts[i]` is about the flight of `mapped[i]`; an interchange
 * may carry messages for several flights), and the parsers' warnings.
 */
export interface ParsedMessage {
  readonly mapped: readonly MappedMessage[];
  readonly parts: readonly RulePart[];
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
    const mapped = parsed.lists.map((l) => mapPaxlst(l, referenceDate));
    return {
      mapped,
      parts: parsed.lists.map((l, i) => ({ flight: mapped[i]!.flight, lists: [l], bookings: [] })),
      warnings,
    };
  }
  if (type === 'PNRGOV') {
    const parsed = parsePnrgov(interchange, { referenceDate });
    const mapped: MappedMessage[] = [];
    const parts: RulePart[] = [];
    for (const m of parsed.messages) {
      warnings.push(...m.warnings);
      const one = mapPnrgov(m, referenceDate);
      // A push that names no flight is stored nowhere: its bookings belong to no flight's rules either.
      if (one === undefined) continue;
      mapped.push(one);
      // The leg mapPnrgov stores the flight from.
      const pnrgovFlight = m.flight ?? m.bookings[0]?.itinerary[0];
      parts.push({ flight: one.flight, lists: [], bookings: m.bookings, pnrgovFlight });
    }
    return { mapped, parts, warnings };
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

/** Each message's rule inputs, by message id, the most recently used kept. */
export class RuleInputCache {
  private readonly entries = new Map<string, readonly RulePart[]>();
  constructor(private readonly capacity: number) {}
  get(id: string): readonly RulePart[] | undefined {
    const entry = this.entries.get(id);
    if (entry !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }
  /** Only what the rules read is kept: the rows and warnings of a message are written once and not needed again. */
  set(id: string, parts: readonly RulePart[]): void {
    this.entries.delete(id);
    this.entries.set(id, parts);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
