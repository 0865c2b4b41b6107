/**
 * `buildFlightFacts`: one flight's API lists and PNRs → the flat facts the rules read. API travellers come first
 * (in list order, a traveller repeated by a later list counted once), each carrying its linked PNR traveller
 * (see `link.ts`); PNR travellers with no API match follow, so a booked-but-not-yet-reported traveller is still
 * covered. An infant on an adult's lap that its PNR lists under no TIF of its own (`lapInfants`) is a PNR traveller
 * too, as ingestion stores and screens it. Companions and the cross-booking aggregates are computed here, where the
 * whole flight is in view.
 */
import type { IsoDate } from '../dates.js';
import { lapInfants, type LapInfant } from '../ingest-mapping.js';
import type { PaxlstList, PaxlstTraveller } from '../paxlst.types.js';
import type { PnrgovBooking, PnrgovItineraryLeg, PnrgovTraveller } from '../pnrgov.types.js';
import { bookingFactsOf, payerOf } from './facts-booking.js';
import { flightFactsOf, type LongHaulOptions } from './facts-flight.js';
import { type PnrTravellerInput, travellerFactsOf } from './facts-traveller.js';
import type { CompanionFacts, FlightFactSet, TravellerFacts } from './facts.types.js';
import { linkTravellers } from './link.js';
import { nameKey, payerNames, pushUnique, sameFamilyName } from './normalise.js';
import { contactCardOf, sharedContacts } from './shared-contacts.js';

export type * from './facts.types.js';

/** What the caller adds to the messages: the pushed flight, airports, long-haul thresholds, a booking window. */
export interface FactOptions extends LongHaulOptions {
  /** The PNRGOV push's flight (level-0 TVL), used when no API list names the flight. */
  readonly pnrgovFlight?: PnrgovItineraryLeg;
  /** Bookings of other flights in the caller's window, compared for shared phones, e-mails and cards. */
  readonly windowBookings?: readonly PnrgovBooking[];
}

// Updates (BGM CP) and a crew list beside the passenger list repeat travellers: count each person once.
function distinctTravellers(lists: readonly PaxlstList[]): PaxlstTraveller[] {
  const seen = new Set<string>();
  const out: PaxlstTraveller[] = [];
  for (const list of lists) {
    for (const t of list.travellers) {
      const doc = t.documents[0]?.number ?? '';
      const key = `${t.role}|${nameKey(t.surname)}|${nameKey(t.givenNames)}|${t.dateOfBirth ?? ''}|${doc}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

/** A PNR traveller's fact key: its TIF reference, else its place in the booking; a lap infant's, its holder's + `/INF`. */
function pnrFactKey(booking: PnrgovBooking, t: PnrgovTraveller, index: number, lap: LapInfant | undefined): string {
  if (lap !== undefined) {
    const holder = booking.travellers.indexOf(lap.holder);
    return `${pnrFactKey(booking, lap.holder, holder, undefined)}/INF`;
  }
  return `pnr:${booking.recordLocator}:${t.reference || String(index + 1)}`;
}

/** The itinerary leg of a booking that is this flight: same flight number (marketing or operating), else origin. */
function legOf(b: PnrgovBooking, number: string, from: string | undefined): PnrgovItineraryLeg | undefined {
  return (
    b.itinerary.find((l) => l.marketing.flightNumber === number || l.operating?.flightNumber === number) ??
    b.itinerary.find((l) => l.departureAirport === from)
  );
}

function companionsOf(t: TravellerFacts, byLocator: ReadonlyMap<string, TravellerFacts[]>): CompanionFacts | undefined {
  if (t.bookingLocators.length === 0) return undefined;
  const others: TravellerFacts[] = [];
  for (const l of t.bookingLocators) for (const o of byLocator.get(l) ?? []) if (o !== t) pushUnique(others, o);
  const adults = others.filter((o) => o.adult === true);
  const otherSurnames: string[] = [];
  let same = 0;
  // Without a surname (an infant known by its DOCO alone) no adult is known to share it, nor known not to.
  const named = nameKey(t.surname) !== '';
  for (const a of named ? adults : []) {
    if (sameFamilyName(t.surname, a.surname)) same++;
    else pushUnique(otherSurnames, nameKey(a.surname));
  }
  return Object.freeze({
    count: others.length,
    adultCount: adults.length,
    adultsSameSurname: same,
    adultsOtherSurname: named ? adults.length - same : 0,
    otherSurnames: Object.freeze(otherSurnames),
  });
}

/** Builds the facts of one flight from its API lists and PNRs (pure; the same input gives the same facts). */
export function buildFlightFacts(
  paxlstLists: readonly PaxlstList[],
  pnrgovBookings: readonly PnrgovBooking[],
  options: FactOptions = {},
): FlightFactSet {
  const api = distinctTravellers(paxlstLists);
  const apiFlight = paxlstLists[0]?.flight;
  const number = apiFlight?.flightNumber ?? options.pnrgovFlight?.marketing.flightNumber ?? '';
  const origin = apiFlight?.origin ?? options.pnrgovFlight?.departureAirport;
  const departure = apiFlight?.scheduledDeparture ?? options.pnrgovFlight?.departure;
  const departureDate: IsoDate | undefined = departure?.slice(0, 10);

  // An infant on a lap with no TIF of its own is a traveller as ingestion stores it: after its booking's named ones.
  const laps = pnrgovBookings.map(lapInfants);
  const pnrTravellers = pnrgovBookings.map((b, bi) => {
    const lap = laps[bi]!;
    return lap.length === 0 ? b.travellers : [...b.travellers, ...lap.map((l) => l.infant)];
  });
  const links = linkTravellers(api, pnrgovBookings, (_, bi) => pnrTravellers[bi]!);
  const pnrOfApi = new Map<number, PnrTravellerInput>();
  const unlinked: [string, PnrTravellerInput][] = [];
  pnrgovBookings.forEach((booking, bi) => {
    const leg = legOf(booking, number, origin);
    const named = booking.travellers.length;
    pnrTravellers[bi]!.forEach((traveller, ti) => {
      if (traveller.type === 'group') return;
      const lap = ti < named ? undefined : laps[bi]![ti - named]!;
      const input = { booking, traveller, leg, lap };
      const a = links.get(`${bi}:${ti}`);
      if (a !== undefined) pnrOfApi.set(a, input);
      else unlinked.push([pnrFactKey(booking, traveller, ti, lap), input]);
    });
  });

  const drafts: TravellerFacts[] = [
    ...api.map((t, i) => travellerFactsOf(`api:${i + 1}`, t, pnrOfApi.get(i), departureDate)),
    ...unlinked.map(([key, p]) => travellerFactsOf(key, undefined, p, departureDate)),
  ];
  const byLocator = new Map<string, TravellerFacts[]>();
  for (const t of drafts) {
    for (const l of t.bookingLocators) {
      const list = byLocator.get(l);
      if (list === undefined) byLocator.set(l, [t]);
      else list.push(t);
    }
  }
  const travellers = drafts.map((t) => Object.freeze({ ...t, companions: companionsOf(t, byLocator) }));

  const cards = pnrgovBookings.map(contactCardOf);
  const shared = sharedContacts(cards, (options.windowBookings ?? []).map(contactCardOf));
  const bookings = pnrgovBookings.map((b, i) => {
    const payer = payerOf(b);
    const onFlight =
      payer === undefined ? undefined : travellers.some((t) => payerNames(payer, t.surname, t.givenNames));
    // Drafts suffice here: a booking counts its adults and minors, which companions do not change.
    return bookingFactsOf(b, departure, byLocator.get(b.recordLocator) ?? [], cards[i]!, shared[i]!, onFlight);
  });

  const flight = flightFactsOf(paxlstLists, options.pnrgovFlight, options, {
    travellerCount: travellers.length,
    passengerCount: travellers.filter((t) => t.role !== 'crew').length,
    bookingCount: bookings.length,
  });
  return Object.freeze({
    kind: 'flight-fact-set',
    flight,
    travellers: Object.freeze(travellers),
    bookings: Object.freeze(bookings),
  });
}
