/**
 * What a PNRGOV message (IATA PADIS PNR push, 10.1 and later) says, as immutable tagged data: one `PnrgovBooking`
 * per SRC group with its travellers, tickets, payments, itinerary, check-ins and history. Segment inventory:
 * `docs/domain.md` §2.2.
 */
import type { EdifactWarning } from './edifact-errors.js';
import type { EdifactParty, EdifactSegment } from './edifact.js';
import type { IsoDate, LocalDateTime } from './dates.js';
import type { CountryRef, Gender } from './travel.types.js';

/** A seat an SSR SEAT (or an SSR element 2 on) gives, and the traveller it is for ('' when it names none). */
export interface PnrgovSeat {
  readonly seat: string;
  readonly travellerReference: string;
}

/** A special service request as sent: code (DOCS, SEAT…), status (HK…), carrier, free text, seat details. */
export interface PnrgovSsr {
  readonly kind: 'ssr';
  readonly code: string;
  readonly status: string;
  readonly quantity: string;
  readonly carrier: string;
  readonly text: string;
  /** Seat number of the first element that gives one (element 2 on, SEAT-type SSRs), '' otherwise. */
  readonly seat: string;
  /** Traveller reference the SSR names (component 3 of the first element 2 on that gives one), '' when none. */
  readonly travellerReference: string;
  /** Every element 2 on that gives a seat or a traveller: an SSR SEAT may seat several travellers (`+14C::1+14D::2`). */
  readonly seats: readonly PnrgovSeat[];
  readonly segment: number;
}

/** A travel document from SSR DOCS (primary document) or DOCO (visa or other document). */
export interface PnrgovDocument {
  readonly kind: 'document';
  readonly source: 'DOCS' | 'DOCO';
  /** Document type: P passport, I/C/A identity cards, V visa, K redress, R known traveller… */
  readonly type: string;
  readonly number: string;
  readonly issuingState: CountryRef | undefined;
  readonly nationality: CountryRef | undefined;
  readonly dateOfBirth: IsoDate | undefined;
  readonly gender: Gender | undefined;
  readonly expiry: IsoDate | undefined;
  readonly issued: IsoDate | undefined;
  readonly surname: string;
  readonly givenNames: string;
  /** DOCO: place of birth; DOCO: country the document applies to. */
  readonly placeOfBirth: string | undefined;
  readonly applicableCountry: CountryRef | undefined;
  /** True when the SSR describes the accompanying infant (DOCS gender MI/FI, DOCO/DOCA `I`). */
  readonly infant: boolean;
}

/** An address: SSR DOCA (residence R / destination D) or an ADD segment. */
export interface PnrgovAddress {
  readonly kind: 'address';
  /** DOCA type (R residence, D destination) or ADD purpose code (700…). */
  readonly type: string;
  readonly street: string;
  readonly city: string;
  readonly state: string;
  readonly postcode: string;
  readonly country: CountryRef | undefined;
  /** The first phone number (an ADD may give several: `H5555555555 W 1 555 555 5555`). */
  readonly phone: string | undefined;
  /** Every phone number, each as sent without its label (H home, W work, M mobile, B business…). */
  readonly phones: readonly string[];
  readonly email: string | undefined;
}

/** The person who paid (IFT 4:43 sponsor), when not the traveller. */
export interface PnrgovSponsor {
  readonly name: string;
  readonly address: string;
  readonly phone: string;
}

/** FOP: CC card, CA cash, MS miscellaneous, GR government receipt, CK cheque, or another code kept as sent. */
export type PnrgovPaymentType = 'card' | 'cash' | 'miscellaneous' | 'government' | 'cheque' | 'other';

/** One form of payment with its payer when a third party paid. */
export interface PnrgovPayment {
  readonly kind: 'payment';
  readonly type: PnrgovPaymentType;
  readonly code: string;
  readonly amount: string | undefined;
  /** Card vendor (VI, CA, AX…), masked number exactly as sent (never unmasked), expiry MMYY. */
  readonly cardVendor: string | undefined;
  readonly cardNumber: string | undefined;
  readonly cardExpiry: string | undefined;
  readonly sponsor: PnrgovSponsor | undefined;
  readonly payerAddress: PnrgovAddress | undefined;
}

/** A monetary amount of a ticket (MON): B base fare, T total, E equivalent… */
export interface PnrgovAmount {
  readonly qualifier: string;
  readonly amount: string;
  readonly currency: string;
}

/** A ticket (TKT) with its fares, issue data and payments. */
export interface PnrgovTicket {
  readonly kind: 'ticket';
  readonly number: string;
  /** TKT document type: T ticket, Y ticketless… */
  readonly type: string;
  readonly conjunctiveCount: string;
  readonly amounts: readonly PnrgovAmount[];
  /** DAT+710: when the ticket was issued. */
  readonly issuedAt: LocalDateTime | undefined;
  /** PTK element 3: the date and time by which the ticket must be issued (not when it was). */
  readonly ticketingDeadline: LocalDateTime | undefined;
  /** PTK validating carrier and sales location. */
  readonly validatingCarrier: string | undefined;
  readonly salesLocation: string | undefined;
  readonly payments: readonly PnrgovPayment[];
}

/** Traveller type from TIF: A adult, C child, IN infant, G group. */
export type PnrgovTravellerType = 'adult' | 'child' | 'infant' | 'group' | 'other';

/** A traveller of a booking (TIF group) with documents, contacts and tickets. */
export interface PnrgovTraveller {
  readonly kind: 'pnr-traveller';
  readonly surname: string;
  readonly givenNames: string;
  /** Title split off the given names (MR, MRS, MS, MSTR, MISS, DR…), '' when none. */
  readonly title: string;
  readonly type: PnrgovTravellerType;
  readonly typeCode: string;
  readonly reference: string;
  /** TIF infant indicator: an infant travels on this adult's lap. */
  readonly accompaniedByInfant: boolean;
  /** Number of people a group name stands for, when given. */
  readonly groupSize: number | undefined;
  readonly dateOfBirth: IsoDate | undefined;
  readonly gender: Gender | undefined;
  readonly nationality: CountryRef | undefined;
  readonly documents: readonly PnrgovDocument[];
  readonly addresses: readonly PnrgovAddress[];
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  /** SSR UMNR: an unaccompanied minor, with the age when the SSR gives it. */
  readonly unaccompaniedMinor: { readonly age: number | undefined; readonly text: string } | undefined;
  /** SSR INFT: the infant travelling with this traveller. */
  readonly infant:
    { readonly surname: string; readonly givenNames: string; readonly dateOfBirth: IsoDate | undefined } | undefined;
  readonly frequentFlyer: readonly string[];
  readonly seats: readonly string[];
  readonly tickets: readonly PnrgovTicket[];
  readonly ssrs: readonly PnrgovSsr[];
  readonly remarks: readonly string[];
  readonly segment: number;
}

/** A carrier and flight number. */
export interface PnrgovFlightNumber {
  readonly carrier: string;
  readonly flightNumber: string;
}

/** Bags checked for a traveller (TBD). */
export interface PnrgovBags {
  readonly count: number | undefined;
  readonly weight: number | undefined;
  readonly weightUnit: string;
  readonly tags: readonly {
    readonly carrier: string;
    readonly number: string;
    readonly count: number;
    readonly destination: string;
  }[];
}

/** A check-in (Gr6/7): who, when, by which agent, which seat, which bags. */
export interface PnrgovCheckIn {
  readonly kind: 'check-in';
  readonly travellerReference: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly sequence: string;
  readonly checkedInAt: LocalDateTime | undefined;
  readonly agent: string | undefined;
  readonly seat: string | undefined;
  readonly cabin: string | undefined;
  readonly bags: PnrgovBags | undefined;
}

/** One flight of the itinerary (Gr5 TVL): marketing and, for a codeshare, operating flight. */
export interface PnrgovItineraryLeg {
  readonly kind: 'itinerary-leg';
  readonly departureAirport: string;
  readonly arrivalAirport: string;
  readonly departure: LocalDateTime | undefined;
  readonly arrival: LocalDateTime | undefined;
  readonly marketing: PnrgovFlightNumber;
  /** The operating flight when it differs from the marketing one (TVL operating carrier or TRA). */
  readonly operating: PnrgovFlightNumber | undefined;
  readonly codeshare: boolean;
  readonly bookingClass: string;
  readonly status: string;
  readonly partySize: number | undefined;
  readonly equipment: string | undefined;
  readonly seats: readonly PnrgovSeat[];
  readonly checkIns: readonly PnrgovCheckIn[];
  readonly ssrs: readonly PnrgovSsr[];
  readonly segment: number;
}

/** A booking originator or check-in agent (ORG). */
export interface PnrgovOrganisation {
  readonly system: string;
  readonly systemLocation: string;
  /** IATA agency number or agent id. */
  readonly agencyId: string;
  readonly agentId: string;
  readonly location: string;
  readonly company: string;
  /** Originator type: A airline, T travel agent, E … */
  readonly originatorType: string;
  readonly country: string;
  readonly currency: string;
}

/** A change in the PNR history (Gr10–12): who, when, and each added/cancelled element. */
export interface PnrgovHistoryEntry {
  readonly actor: string;
  readonly at: LocalDateTime | undefined;
  readonly changes: readonly { readonly action: string; readonly tag: string; readonly text: string }[];
}

/** One PNR (SRC group). */
export interface PnrgovBooking {
  readonly kind: 'booking';
  /** The first RCI record locator, and every locator with its carrier. */
  readonly recordLocator: string;
  readonly locators: readonly { readonly carrier: string; readonly locator: string }[];
  readonly createdAt: LocalDateTime | undefined;
  readonly lastTransactionAt: LocalDateTime | undefined;
  readonly agency: PnrgovOrganisation | undefined;
  readonly travellers: readonly PnrgovTraveller[];
  readonly itinerary: readonly PnrgovItineraryLeg[];
  /** Every payment of the booking (from all tickets, and any FOP outside a ticket). */
  readonly payments: readonly PnrgovPayment[];
  /** IFT 4:43 sponsors named at booking level, outside a payment. */
  readonly sponsors: readonly PnrgovSponsor[];
  readonly addresses: readonly PnrgovAddress[];
  /** Every distinct phone and e-mail of the booking: ADD, SSR CTCM/CTCE, OSI. */
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  readonly ssrs: readonly PnrgovSsr[];
  readonly remarks: readonly string[];
  /** Gr8: record locators of PNRs this one was split from or into. */
  readonly splitLocators: readonly string[];
  /** Gr9: non-air services (hotel, car, rail) as raw text. */
  readonly nonAir: readonly string[];
  readonly history: readonly PnrgovHistoryEntry[];
  /** LTS free-text history lines. */
  readonly historyText: readonly string[];
  readonly segment: number;
  readonly offset: number;
}

/** One PNRGOV message. */
export interface PnrgovMessage {
  readonly kind: 'pnrgov';
  readonly messageReference: string;
  /** Version as `version.release`, e.g. `11.1`, `13.1`. */
  readonly version: string;
  /** MSG+:22 full push, MSG+:141 changed PNRs only. */
  readonly pushType: 'full' | 'changes' | 'other';
  readonly sender: PnrgovOrganisation | undefined;
  /** The flight pushed (level-0 TVL). */
  readonly flight: PnrgovItineraryLeg | undefined;
  readonly declaredPnrCount: number | undefined;
  readonly bookings: readonly PnrgovBooking[];
  /** Segments this parser does not interpret, kept, and counted by tag. */
  readonly unknownSegments: readonly EdifactSegment[];
  readonly unknownSegmentCounts: Readonly<Record<string, number>>;
  readonly warnings: readonly EdifactWarning[];
}

/** A parsed PNRGOV interchange. */
export interface PnrgovInterchange {
  readonly kind: 'pnrgov-interchange';
  readonly sender: EdifactParty;
  readonly recipient: EdifactParty;
  readonly controlReference: string;
  readonly messages: readonly PnrgovMessage[];
  readonly warnings: readonly EdifactWarning[];
}

/** How to place two-digit years when the message does not make them clear. */
export interface PnrgovOptions {
  /** Reference date (`YYYY-MM-DD`); defaults to the pushed flight's date, then the UNB date, then today. */
  readonly referenceDate?: IsoDate;
}
