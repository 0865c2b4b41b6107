/**
 * The PNRGOV parser's groups while they are open (booking, traveller, ticket, payment, leg, history), and how each
 * is closed: handed out where it stands, under its readonly type. A push carries hundreds of travellers, each with a
 * dozen lists, so closing by copying (`{ ...draft }`) cost more than reading the message, and so did freezing
 * (see pnrgov.ts); empty lists share one frozen array (`none`). Drafts, the small parts of a PNR and its lists are
 * made by constructors rather than literals, so that V8 never allocates them as long-lived (see plain-objects.ts).
 */
import type { IsoDate } from './dates.js';
import { add, addUnique, none, plainObject, type Mutable } from './plain-objects.js';
import type { LegDraft } from './pnrgov-flight.js';
import { readCtce, readCtcm, readDoca, readDoco, readDocs, readInft, readUmnr } from './pnrgov-airimp.js';
import type { TifFields } from './pnrgov-ssr.js';
import type { SegmentView } from './edifact.js';
import type {
  PnrgovAmount,
  PnrgovSsr,
  PnrgovBooking,
  PnrgovCheckIn,
  PnrgovHistoryEntry,
  PnrgovItineraryLeg,
  PnrgovTicket,
  PnrgovTraveller,
} from './pnrgov.types.js';

type ArrayFields<T> = { [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
export type TravellerDraft = ArrayFields<Mutable<PnrgovTraveller>>;
export type TicketDraft = ArrayFields<Mutable<PnrgovTicket>>;
export type BookingDraft = ArrayFields<Mutable<PnrgovBooking>>;
export type CheckInDraft = Mutable<PnrgovCheckIn>;
export type HistoryDraft = {
  actor: string;
  at: PnrgovHistoryEntry['at'];
  changes: { action: string; tag: string; text: string }[];
};

/** A booking opened by its SRC, with nothing known yet. */
export const Booking = plainObject(function Booking(this: BookingDraft, segment: number, offset: number) {
  this.kind = 'booking';
  this.recordLocator = '';
  this.locators = none;
  this.createdAt = undefined;
  this.lastTransactionAt = undefined;
  this.agency = undefined;
  this.travellers = none;
  this.itinerary = none;
  this.payments = none;
  this.sponsors = none;
  this.addresses = none;
  this.phones = none;
  this.emails = none;
  this.ssrs = none;
  this.remarks = none;
  this.splitLocators = none;
  this.nonAir = none;
  this.history = none;
  this.historyText = none;
  this.segment = segment;
  this.offset = offset;
});

/** A traveller opened by its TIF (name, type, reference), with nothing else known yet. */
export const Traveller = plainObject(function Traveller(
  this: TravellerDraft,
  who: Readonly<TifFields>,
  segment: number,
) {
  this.kind = 'pnr-traveller';
  this.surname = who.surname;
  this.givenNames = who.givenNames;
  this.title = who.title;
  this.type = who.type;
  this.typeCode = who.typeCode;
  this.reference = who.reference;
  this.accompaniedByInfant = who.accompaniedByInfant;
  this.groupSize = who.groupSize;
  this.dateOfBirth = undefined;
  this.gender = undefined;
  this.nationality = undefined;
  this.documents = none;
  this.addresses = none;
  this.emails = none;
  this.phones = none;
  this.unaccompaniedMinor = undefined;
  this.infant = undefined;
  this.frequentFlyer = none;
  this.seats = none;
  this.tickets = none;
  this.ssrs = none;
  this.remarks = none;
  this.segment = segment;
});

/** A ticket opened by its TKT (number, type, conjunctive count), with its fares and payments to come. */
export const Ticket = plainObject(function Ticket(this: TicketDraft, s: SegmentView) {
  this.kind = 'ticket';
  this.number = s.component(0, 0);
  this.type = s.component(0, 1);
  this.conjunctiveCount = s.component(0, 2);
  this.amounts = none;
  this.issuedAt = undefined;
  this.ticketingDeadline = undefined;
  this.validatingCarrier = undefined;
  this.salesLocation = undefined;
  this.payments = none;
});

/** A fare of a ticket: element `e` of its MON (qualifier, amount, currency). */
export const Amount = plainObject(function Amount(this: Mutable<PnrgovAmount>, s: SegmentView, e: number) {
  this.qualifier = s.component(e, 0);
  this.amount = s.component(e, 1);
  this.currency = s.component(e, 2);
});

/** A record locator of a booking (RCI) with the carrier that gave it. */
export const Locator = plainObject(function Locator(
  this: { carrier: string; locator: string },
  carrier: string,
  locator: string,
) {
  this.carrier = carrier;
  this.locator = locator;
});

/**
 * Applies a traveller's SSR: documents (DOCS also gives birth date, gender, nationality), contacts, minors, seats.
 * What a DOCS or DOCO gives but cannot be read (a date, a gender) is described in `problems`.
 */
export function applyTravellerSsr(t: TravellerDraft, ssr: PnrgovSsr, reference: IsoDate, problems?: string[]): void {
  t.ssrs = add(t.ssrs, ssr);
  switch (ssr.code) {
    case 'DOCS': {
      const doc = readDocs(ssr.text, reference, problems);
      t.documents = add(t.documents, doc);
      // An infant's DOCS (gender MI/FI) under an adult's TIF is the infant's, not the adult's; under its own TIF it is.
      if (!doc.infant || t.type === 'infant') {
        t.dateOfBirth ??= doc.dateOfBirth;
        t.gender ??= doc.gender;
        t.nationality ??= doc.nationality;
        unjoinTitle(t, doc.givenNames);
      }
      break;
    }
    case 'DOCO':
      t.documents = add(t.documents, readDoco(ssr.text, reference, problems));
      break;
    case 'DOCA':
      t.addresses = add(t.addresses, readDoca(ssr.text));
      break;
    case 'CTCE':
      t.emails = addUnique(t.emails, readCtce(ssr.text));
      break;
    case 'CTCM':
      t.phones = addUnique(t.phones, readCtcm(ssr.text));
      break;
    case 'UMNR':
      t.unaccompaniedMinor = readUmnr(ssr.text);
      break;
    case 'INFT':
      t.infant = readInft(ssr.text, reference);
      break;
    case 'FQTV':
      t.frequentFlyer = addUnique(t.frequentFlyer, ssr.text.replace(/^\//, ''));
      break;
    case 'SEAT':
      // An SSR SEAT may seat several travellers: this one's seats are those for no one in particular or for them.
      for (const seat of ssr.seats) {
        if (seat.travellerReference === '' || seat.travellerReference === t.reference) {
          t.seats = addUnique(t.seats, seat.seat);
        }
      }
      break;
    default:
  }
}

/**
 * Puts back a title `readTif` split off a one-word name (`ALEXANDR` read as ALEXAN, title DR) when the traveller's own
 * DOCS gives the whole word as their first given name.
 */
function unjoinTitle(t: TravellerDraft, docsGivenNames: string): void {
  if (t.title === '' || t.givenNames.includes(' ')) return;
  const space = docsGivenNames.indexOf(' ');
  const first = space < 0 ? docsGivenNames : docsGivenNames.slice(0, space);
  if (first.length === t.givenNames.length + t.title.length && first === t.givenNames + t.title) {
    t.givenNames = first;
    t.title = '';
  }
}

export function closedHistory(h: HistoryDraft): PnrgovHistoryEntry {
  return { actor: h.actor, at: h.at, changes: h.changes };
}

/** Closes a leg: the operating flight is kept only when it differs from the marketing one (a codeshare). */
export function closedLeg(leg: LegDraft): PnrgovItineraryLeg {
  const operating = leg.operating;
  const differs =
    operating !== undefined &&
    (operating.carrier !== leg.marketing.carrier ||
      (operating.flightNumber !== '' && operating.flightNumber !== leg.marketing.flightNumber));
  leg.operating = differs ? operating : undefined;
  leg.codeshare = differs && operating.carrier !== '';
  return leg;
}
