/**
 * A flight as it now stands, from all its messages in the order they were received (pure): what the targeting rules
 * read. Airlines resend: a later passenger list changes a traveller (BGM CP) or cancels them (XR), and every PNR push
 * carries whole bookings again, so the rules must see each traveller's and each booking's latest copy once, and
 * nobody a later list cancelled, not the sum of every message.
 */
import { apiTravellerKey } from './ingest-mapping.js';
import type { RuleInput } from './ingest-parse.js';
import type { PaxlstList, PaxlstTraveller } from './paxlst.types.js';
import type { PnrgovBooking, PnrgovItineraryLeg } from './pnrgov.types.js';

/**
 * Merges the rule inputs of a flight's messages, oldest first. A passenger-list traveller stays in the list that
 * named them last (a cancelling list keeps nobody); a booking is its latest copy, in the place it first appeared; the
 * pushed flight is the latest push's that gives a departure (as the stored flight keeps the newest schedule).
 */
export function flightAsItStands(inputs: readonly RuleInput[]): RuleInput {
  // Where each traveller was named last: the list, and the traveller object within it.
  const latest = new Map<string, { list: PaxlstList; traveller: PaxlstTraveller; cancelled: boolean }>();
  const lists: PaxlstList[] = [];
  const bookings = new Map<string, PnrgovBooking>();
  let pnrgovFlight: PnrgovItineraryLeg | undefined;
  for (const input of inputs) {
    const pushed = input.pnrgovFlight;
    if (pushed !== undefined && (pushed.departure !== undefined || pnrgovFlight?.departure === undefined)) {
      pnrgovFlight = pushed;
    }
    for (const list of input.lists) {
      lists.push(list);
      const cancelled = list.messageFunction.toUpperCase() === 'XR';
      for (const traveller of list.travellers) latest.set(apiTravellerKey(traveller), { list, traveller, cancelled });
    }
    for (const booking of input.bookings) {
      // Deleting first would move the booking to the end: set keeps its first place and takes the new copy. A
      // booking without a locator cannot be recognised again: each is its own.
      bookings.set(booking.recordLocator === '' ? `#${bookings.size}` : booking.recordLocator, booking);
    }
  }
  const keep = new Set<PaxlstTraveller>();
  for (const { traveller, cancelled } of latest.values()) if (!cancelled) keep.add(traveller);
  return {
    lists: lists.map((list) =>
      list.travellers.every((t) => keep.has(t))
        ? list
        : { ...list, travellers: list.travellers.filter((t) => keep.has(t)) },
    ),
    bookings: [...bookings.values()],
    ...(pnrgovFlight === undefined ? {} : { pnrgovFlight }),
  };
}
