/**
 * From parsed passenger data to the rows Lodestar keeps: one flight key per list or push, travellers with a stable
 * key (so a message applied twice, or a later list for the same flight, updates rather than duplicates), bookings.
 * Pure.
 */
import type { LocalDateTime } from './dates.js';
import type { PaxlstDocument, PaxlstList, PaxlstTraveller } from './paxlst.types.js';
import type {
  PnrgovBooking,
  PnrgovDocument,
  PnrgovItineraryLeg,
  PnrgovMessage,
  PnrgovTraveller,
} from './pnrgov.types.js';

export interface FlightKey {
  readonly carrier: string;
  readonly flightNumber: string;
  /** Local date of scheduled departure, `YYYY-MM-DD`. */
  readonly departureDate: string;
  readonly origin: string | null;
  readonly destination: string | null;
  readonly scheduledDeparture: string | null;
  readonly scheduledArrival: string | null;
}

export interface TravellerDocumentRow {
  readonly type: string;
  readonly number: string;
  readonly issuer: string | null;
  readonly expiry: string | null;
  readonly issued: string | null;
}

export interface TravellerRow {
  readonly source: 'api' | 'pnr';
  readonly travellerKey: string;
  readonly role: 'passenger' | 'crew' | 'infant';
  readonly surname: string;
  readonly givenNames: string;
  readonly birthDate: string | null;
  readonly gender: string | null;
  readonly nationality: string | null;
  readonly documents: readonly TravellerDocumentRow[];
  readonly inTransit: boolean;
  readonly embarkation: string | null;
  readonly debarkation: string | null;
  readonly seat: string | null;
  readonly recordLocator: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  /** Whether the message cancels this traveller (PAXLST XR) rather than adding or changing it. */
  readonly removed: boolean;
}

export interface BookingRow {
  readonly recordLocator: string;
  readonly bookedAt: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export type FlightStatus = 'open' | 'closed' | 'cancelled';

export interface MappedMessage {
  readonly kind: 'paxlst' | 'pnrgov';
  readonly flight: FlightKey;
  readonly status: FlightStatus | undefined;
  readonly travellers: readonly TravellerRow[];
  readonly bookings: readonly BookingRow[];
}

/** The date part of a local date-time (`2026-11-24T10:35` → `2026-11-24`). */
function dateOf(value: LocalDateTime | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, 10);
}

const key = (...parts: (string | undefined | null)[]) => parts.map((p) => (p ?? '').trim().toUpperCase()).join('|');

/** PAXLST message functions that change the flight's state (domain.md §1.2, BGM element 2). */
function paxlstStatus(fn: string): FlightStatus | undefined {
  if (fn === 'CL' || fn === 'CLOB' || fn === 'CLNB') return 'closed';
  if (fn === 'XF') return 'cancelled';
  return undefined;
}

/** A document of either message type as kept with the traveller (issuer as its nationality key when known). */
function documentRow(d: PaxlstDocument | PnrgovDocument): TravellerDocumentRow {
  return {
    type: d.type,
    number: d.number,
    issuer: d.issuingState?.key ?? d.issuingState?.code ?? null,
    expiry: d.expiry ?? null,
    issued: d.issued ?? null,
  };
}

/** Whether a document gives a number (`DOC+P` alone gives none). */
const numbered = (d: PaxlstDocument): boolean => d.number.trim() !== '';

/**
 * The key of a passenger-list traveller within their flight: the same across lists when their main document (the
 * first with a number that is not a visa) is; without one, by name and birth date. A document without a number keys
 * no one: every traveller with one would share its key, and all but one of them would be lost.
 */
export function apiTravellerKey(t: PaxlstTraveller): string {
  const main = t.documents.find((d) => d.type !== 'V' && numbered(d)) ?? t.documents.find(numbered);
  if (main === undefined) return key(t.role, t.surname, t.givenNames, t.dateOfBirth);
  return key(t.role, main.issuingState?.key ?? main.issuingState?.code ?? null, main.number);
}

function apiTraveller(t: PaxlstTraveller, cancel: boolean): TravellerRow {
  const documents = t.documents.map(documentRow);
  return {
    source: 'api',
    travellerKey: apiTravellerKey(t),
    role: t.role,
    surname: t.surname,
    givenNames: t.givenNames,
    birthDate: t.dateOfBirth ?? null,
    gender: t.gender ?? null,
    nationality: t.nationality?.key ?? t.nationality?.code ?? null,
    documents,
    inTransit: t.inTransit,
    embarkation: t.embarkation ?? null,
    debarkation: t.debarkation ?? null,
    seat: t.seat ?? null,
    recordLocator: t.recordLocator ?? null,
    details: {
      residence: t.residence?.code,
      placeOfBirth: t.placeOfBirth,
      ticketNumber: t.ticketNumber,
      bags: t.bags === undefined ? undefined : { count: t.bags.count, weight: t.bags.weight },
      crewFunction: t.crewFunction,
      segment: t.segment,
    },
    removed: cancel,
  };
}

/** A PAXLST list as rows. `referenceDate` dates a flight whose list gives no schedule. */
export function mapPaxlst(list: PaxlstList, referenceDate: string): MappedMessage {
  const f = list.flight;
  const fn = list.messageFunction.toUpperCase();
  return {
    kind: 'paxlst',
    flight: {
      carrier: f.carrier,
      flightNumber: f.flightNumber,
      departureDate: dateOf(f.scheduledDeparture) ?? dateOf(f.scheduledArrival) ?? referenceDate,
      origin: f.origin ?? null,
      destination: f.destination ?? null,
      scheduledDeparture: f.scheduledDeparture ?? null,
      scheduledArrival: f.scheduledArrival ?? null,
    },
    status: paxlstStatus(fn),
    travellers: list.travellers.map((t) => apiTraveller(t, fn === 'XR')),
    bookings: [],
  };
}

/** Whether `name` (a DOCS or an SSR INFT) names traveller `t`: same surname and first given name. */
function names(name: { readonly surname: string; readonly givenNames: string }, t: PnrgovTraveller): boolean {
  const first = (given: string) => given.trim().split(' ')[0]!.toUpperCase();
  return (
    name.surname !== '' &&
    name.surname.trim().toUpperCase() === t.surname.trim().toUpperCase() &&
    first(name.givenNames) === first(t.givenNames)
  );
}

/**
 * The infant traveller (TIF type IN) of a booking whom an infant's document sent under `holder`'s TIF belongs to: the
 * one the document names, else the one the holder's SSR INFT names (a DOCO gives no name), else the booking's only one.
 */
function infantOf(booking: PnrgovBooking, holder: PnrgovTraveller, d: PnrgovDocument): PnrgovTraveller | undefined {
  const infants = booking.travellers.filter((t) => t.type === 'infant');
  const infant = holder.infant;
  return (
    infants.find((i) => names(d, i)) ??
    (infant === undefined ? undefined : infants.find((i) => names(infant, i))) ??
    (infants.length === 1 ? infants[0] : undefined)
  );
}

/**
 * A traveller's own documents. An infant on an adult's lap often has its SSR DOCS (gender FI or MI) or DOCO sent under
 * the adult's TIF: such a document is the infant's, never the adult's, or the adult would be screened under the
 * infant's name, birth date and passport. It goes to the booking's infant traveller it belongs to (`infantOf`); when
 * the booking lists none, to the infant `lapInfants` makes up for that adult.
 */
export function ownDocuments(booking: PnrgovBooking, t: PnrgovTraveller): readonly PnrgovDocument[] {
  if (t.type !== 'infant') {
    return t.documents.some((d) => d.infant) ? t.documents.filter((d) => !d.infant) : t.documents;
  }
  let own = t.documents;
  for (const holder of booking.travellers) {
    if (holder.type === 'infant') continue;
    for (const d of holder.documents) {
      // The same document may also have been sent under the infant's own TIF.
      if (!d.infant || own.some((o) => o.type === d.type && o.number === d.number)) continue;
      if (infantOf(booking, holder, d) === t) own = [...own, d];
    }
  }
  return own;
}

/** The leg of a booking's itinerary that is the message's flight (by flight number, else by where it leaves from). */
function flightLeg(booking: PnrgovBooking, flight: PnrgovItineraryLeg): PnrgovItineraryLeg | undefined {
  const same = (l: PnrgovItineraryLeg) =>
    l.marketing.carrier === flight.marketing.carrier && l.marketing.flightNumber === flight.marketing.flightNumber;
  return booking.itinerary.find(same) ?? booking.itinerary.find((l) => l.departureAirport === flight.departureAirport);
}

/**
 * A traveller's seat on the flight: where they checked in (SSD), else the seat booked for them on that leg (SSR SEAT
 * of the flight segment, which names the traveller by reference), else a seat their own SSR SEAT gives.
 */
function seatOf(leg: PnrgovItineraryLeg | undefined, t: PnrgovTraveller): string | null {
  if (leg !== undefined && t.reference !== '') {
    const checkedIn = leg.checkIns.find((c) => c.travellerReference === t.reference && c.seat)?.seat;
    if (checkedIn) return checkedIn;
    const booked = leg.seats.find((s) => s.travellerReference === t.reference && s.seat !== '')?.seat;
    if (booked !== undefined) return booked;
  }
  return t.seats[0] ?? null;
}

/** Upper-case and trimmed, as keys compare names. */
const nameOf = (t: PnrgovTraveller) => key(t.surname, t.givenNames);

/**
 * Who a traveller is within their booking: the TIF reference; without one, the name, and when an earlier traveller
 * of the booking without a reference has the same name, the name and which of the namesakes this is (`#2`…), their
 * order in the booking. Two namesakes are kept apart, a re-send of the booking keys each the same, and a traveller
 * without a namesake keeps the name alone.
 */
function travellerId(booking: PnrgovBooking, t: PnrgovTraveller): string {
  if (t.reference !== '') return t.reference;
  const id = `${t.surname}/${t.givenNames}`;
  const at = booking.travellers.indexOf(t);
  if (at <= 0) return id;
  const name = nameOf(t);
  let namesake = 1;
  for (let i = 0; i < at; i++) {
    const other = booking.travellers[i]!;
    if (other.reference === '' && nameOf(other) === name) namesake++;
  }
  return namesake === 1 ? id : `${id}#${namesake}`;
}

/**
 * The key of a PNR traveller within their flight: the booking's record locator and the TIF reference; without one,
 * the name (and the order among namesakes of the booking, see `travellerId`).
 */
export function pnrTravellerKey(booking: PnrgovBooking, t: PnrgovTraveller): string {
  return key(booking.recordLocator, travellerId(booking, t));
}

/** An infant on an adult's lap that its booking lists under no TIF of its own, and the adult. */
export interface LapInfant {
  readonly holder: PnrgovTraveller;
  readonly infant: PnrgovTraveller;
  /** Stable across re-sends of the booking: the holder's key with `/INF`. */
  readonly key: string;
}

/**
 * The infants of a booking that lists no infant traveller (TIF type IN) but whose adults name one: by SSR INFT
 * (name, birth date) or by an infant's SSR DOCS (gender FI or MI) sent under the adult's TIF. Each becomes a
 * traveller of its own, with the infant's documents of that adult, so it is stored and screened like any other.
 */
export function lapInfants(booking: PnrgovBooking): readonly LapInfant[] {
  if (booking.travellers.some((t) => t.type === 'infant')) return [];
  const out: LapInfant[] = [];
  for (const holder of booking.travellers) {
    if (holder.type === 'group') continue;
    const documents = holder.documents.filter((d) => d.infant);
    const inft = holder.infant;
    const docs = documents.find((d) => d.source === 'DOCS' && d.surname !== '');
    const surname = docs?.surname || inft?.surname || '';
    if (surname === '' && documents.length === 0) continue;
    const infant: PnrgovTraveller = {
      kind: 'pnr-traveller',
      surname,
      givenNames: docs?.givenNames || inft?.givenNames || '',
      title: '',
      type: 'infant',
      typeCode: 'IN',
      reference: '',
      accompaniedByInfant: false,
      groupSize: undefined,
      dateOfBirth: docs?.dateOfBirth ?? inft?.dateOfBirth,
      gender: docs?.gender,
      nationality: docs?.nationality,
      documents,
      addresses: [],
      emails: [],
      phones: [],
      unaccompaniedMinor: undefined,
      infant: undefined,
      frequentFlyer: [],
      seats: [],
      tickets: [],
      ssrs: [],
      remarks: [],
      segment: holder.segment,
    };
    out.push({ holder, infant, key: key(booking.recordLocator, `${travellerId(booking, holder)}/INF`) });
  }
  return out;
}

function pnrTraveller(
  booking: PnrgovBooking,
  t: PnrgovTraveller,
  leg: PnrgovItineraryLeg | undefined,
  lap?: LapInfant,
): TravellerRow {
  const own = ownDocuments(booking, t);
  const documents = own.map(documentRow);
  // Identity comes from the traveller's own DOCS: an adult's never from the DOCS of the infant on their lap.
  const docs = own.find((d) => d.source === 'DOCS');
  // A code no table knows is kept as sent, as for API travellers: a null would hide it from screening.
  const nationality = docs?.nationality ?? t.nationality;
  return {
    source: 'pnr',
    travellerKey: lap?.key ?? pnrTravellerKey(booking, t),
    role: t.type === 'infant' ? 'infant' : 'passenger',
    surname: docs?.surname || t.surname,
    givenNames: docs?.givenNames || t.givenNames,
    birthDate: docs?.dateOfBirth ?? t.dateOfBirth ?? null,
    gender: docs?.gender ?? t.gender ?? null,
    nationality: nationality?.key ?? nationality?.code ?? null,
    documents,
    inTransit: false,
    embarkation: null,
    debarkation: null,
    seat: seatOf(leg, t),
    recordLocator: booking.recordLocator,
    details: {
      type: t.type,
      unaccompaniedMinor: t.unaccompaniedMinor,
      emails: t.emails,
      phones: t.phones,
      tickets: t.tickets.map((k) => ({ number: k.number, payments: k.payments.map((p) => p.type) })),
      // An infant with no TIF of its own: whose lap it travels on.
      ...(lap === undefined ? {} : { holder: pnrTravellerKey(booking, lap.holder) }),
    },
    removed: false,
  };
}

/**
 * The rows of a booking's travellers: each named traveller, then each infant `lapInfants` finds. A group name (TIF
 * type G: `FUTURESTARSTOUR`, 12 seats) is no person; its size is kept with the booking.
 */
function bookingTravellers(booking: PnrgovBooking, leg: PnrgovItineraryLeg | undefined): TravellerRow[] {
  const rows = booking.travellers.filter((t) => t.type !== 'group').map((t) => pnrTraveller(booking, t, leg));
  for (const lap of lapInfants(booking)) rows.push(pnrTraveller(booking, lap.infant, leg, lap));
  return rows;
}

/** A PNRGOV push as rows for the flight it was sent for. */
export function mapPnrgov(message: PnrgovMessage, referenceDate: string): MappedMessage | undefined {
  const leg = message.flight ?? message.bookings[0]?.itinerary[0];
  if (leg === undefined) return undefined;
  return {
    kind: 'pnrgov',
    flight: {
      carrier: leg.marketing.carrier,
      flightNumber: leg.marketing.flightNumber,
      departureDate: dateOf(leg.departure) ?? referenceDate,
      origin: leg.departureAirport || null,
      destination: leg.arrivalAirport || null,
      scheduledDeparture: leg.departure ?? null,
      scheduledArrival: leg.arrival ?? null,
    },
    status: undefined,
    travellers: message.bookings.flatMap((b) => bookingTravellers(b, flightLeg(b, leg))),
    bookings: message.bookings.map((b) => ({
      recordLocator: b.recordLocator,
      bookedAt: b.createdAt ?? null,
      data: {
        locators: b.locators,
        agency: b.agency,
        itinerary: b.itinerary.map((l) => ({
          from: l.departureAirport,
          to: l.arrivalAirport,
          departure: l.departure,
          marketing: l.marketing,
          operating: l.operating,
          codeshare: l.codeshare,
        })),
        payments: b.payments.map((p) => ({
          type: p.type,
          amount: p.amount,
          card: p.cardNumber,
          sponsor: p.sponsor?.name,
        })),
        phones: b.phones,
        emails: b.emails,
        travellers: b.travellers.filter((t) => t.type !== 'group').length + lapInfants(b).length,
        groups: b.travellers
          .filter((t) => t.type === 'group')
          .map((t) => ({ name: t.surname, size: t.groupSize ?? null })),
        history: b.history.length,
      },
    })),
  };
}
