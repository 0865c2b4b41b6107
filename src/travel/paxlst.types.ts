/**
 * What a PAXLST (UN/EDIFACT D02B / D05B, WCO/IATA/ICAO API) message says, as immutable tagged data. Field names
 * follow `docs/domain.md` §1.3; every traveller and list carries where it was read (segment number, offset).
 */
import type { EdifactWarning } from './edifact-errors.js';
import type { EdifactParty, EdifactSegment } from './edifact.js';
import type { IsoDate, LocalDateTime } from './dates.js';
import type { CountryRef, Gender } from './travel.types.js';

/** BGM document name code: 745 passengers; 250 crew; 266 flight status; 336 master crew list; 655 gate pass. */
export type PaxlstListType = 'passenger' | 'crew' | 'flight-status' | 'master-crew' | 'gate-pass' | 'other';

/** A traveller's role, from the NAD qualifier (FL/DDU passenger, FM/DDT crew) or else the list type. */
export type PaxlstRole = 'passenger' | 'crew';

/** An airport with the local date-time the message gives for it. */
export interface LegPoint {
  /** IATA airport code (LOC element 2) as sent. */
  readonly airport: string;
  /** `YYYY-MM-DDTHH:MM` local time, or undefined when the message gives none. */
  readonly time: LocalDateTime | undefined;
}

/** One flight leg: a departure and an arrival airport with scheduled local times. */
export interface PaxlstLeg {
  readonly kind: 'leg';
  readonly carrier: string;
  readonly flightNumber: string;
  readonly departure: LegPoint | undefined;
  readonly arrival: LegPoint | undefined;
}

/**
 * The flight the list is about: the first TDT's flight, its origin and destination the ends of the route its legs make
 * (see paxlst-flight.ts); `legs` holds every leg of every TDT in message order, another flight's too.
 */
export interface PaxlstFlight {
  readonly kind: 'flight';
  /** TDT qualifier: 20 arriving/departing, 34 overflight. */
  readonly transportStage: string;
  /** Journey identifier as sent (e.g. `BA0117`). */
  readonly journeyId: string;
  /** Airline designator (TDT element 5, else the journey id's prefix). */
  readonly carrier: string;
  /** Flight number without the carrier prefix or leading zeros (`BA0117` → `117`), as PNRGOV writes it. */
  readonly flightNumber: string;
  readonly origin: string | undefined;
  readonly destination: string | undefined;
  readonly scheduledDeparture: LocalDateTime | undefined;
  readonly scheduledArrival: LocalDateTime | undefined;
  /** LOC+130: the flight's final destination where the message names one; never a leg's end (it has no times). */
  readonly finalDestination: string | undefined;
  readonly legs: readonly PaxlstLeg[];
}

/** A travel document (DOC group): passport, visa, identity card… */
export interface PaxlstDocument {
  readonly kind: 'document';
  /** DOC type code as sent: P passport, V visa, I/A/C/ID identity card, IP passport card, AC crew certificate… */
  readonly type: string;
  readonly number: string;
  readonly expiry: IsoDate | undefined;
  readonly issued: IsoDate | undefined;
  readonly issuingState: CountryRef | undefined;
  /** Place of issue when LOC+91 names one (component 4). */
  readonly issuingPlace: string | undefined;
}

/** A reference number attached to a traveller (RFF): AVF record locator, ABO sequence, YZY ticket, SEA seat… */
export interface PaxlstReference {
  readonly qualifier: string;
  readonly value: string;
}

/** A postal address (NAD elements 5–9). */
export interface PaxlstAddress {
  readonly street: string;
  readonly city: string;
  readonly subentity: string;
  readonly postcode: string;
  readonly country: CountryRef | undefined;
}

/** One FTX+BAG: a bag tag number and how many consecutive tag numbers it stands for (`LA123456:2`). */
export interface PaxlstBagTags {
  readonly first: string;
  /** 1 when the FTX gives no count; undefined when the count it gives cannot be read. */
  readonly count: number | undefined;
}

/** Bags declared for a traveller (MEA, FTX+BAG). */
export interface PaxlstBags {
  readonly count: number | undefined;
  readonly weight: number | undefined;
  readonly weightUnit: string | undefined;
  /** The first tag number of each FTX+BAG; `tagRuns` says how many consecutive tags each stands for. */
  readonly tags: readonly string[];
  readonly tagRuns: readonly PaxlstBagTags[];
}

/** One contact of a traveller (an element of COM): a number or address and its type as sent (TE, EM, FX…). */
export interface PaxlstContact {
  readonly value: string;
  readonly type: string;
}

/** A passenger or crew member (NAD group), with everything the list gives about them. */
export interface PaxlstTraveller {
  readonly kind: 'traveller';
  readonly role: PaxlstRole;
  /** NAD qualifier as sent: FL, FM, DDU, DDT. */
  readonly qualifier: string;
  /** DDU/DDT: in transit through the reporting country. */
  readonly inTransit: boolean;
  readonly surname: string;
  readonly givenNames: string;
  readonly gender: Gender | undefined;
  readonly dateOfBirth: IsoDate | undefined;
  readonly nationality: CountryRef | undefined;
  readonly placeOfBirth: string | undefined;
  readonly countryOfBirth: CountryRef | undefined;
  readonly residence: CountryRef | undefined;
  readonly address: PaxlstAddress | undefined;
  /** LOC+178 / LOC+179: this traveller's port of embarkation / debarkation. */
  readonly embarkation: string | undefined;
  readonly debarkation: string | undefined;
  /** LOC+22: airport of customs clearance. */
  readonly clearance: string | undefined;
  readonly documents: readonly PaxlstDocument[];
  readonly references: readonly PaxlstReference[];
  /** RFF+AVF: the booking's record locator, the key that joins API and PNR. */
  readonly recordLocator: string | undefined;
  readonly seat: string | undefined;
  readonly ticketNumber: string | undefined;
  readonly bags: PaxlstBags | undefined;
  /** EMP: crew function code (e.g. CR1 cockpit, CR2 cabin). */
  readonly crewFunction: string | undefined;
  /** GEI+4: 173 verified, 174 not verified; undefined when absent. */
  readonly verified: boolean | undefined;
  /** The first contact the traveller's COM gives (its value), as `contacts[0]`. */
  readonly contact: string | undefined;
  /** Every element of every COM of the traveller, in message order. */
  readonly contacts: readonly PaxlstContact[];
  /** Segment number of the NAD in its message, and its character offset in the input. */
  readonly segment: number;
  readonly offset: number;
}

/** The reporting party (Gr1 NAD+MS and its COM/CTA). */
export interface PaxlstReportingParty {
  readonly name: string;
  readonly phone: string | undefined;
  readonly fax: string | undefined;
  readonly email: string | undefined;
  /** CTA: the contact person or department named (component 2, else its code). */
  readonly contactName: string | undefined;
}

/** One PAXLST message (or, once assembled, a whole multi-part list). */
export interface PaxlstList {
  readonly kind: 'paxlst';
  readonly messageReference: string;
  /** Directory, e.g. `D05B` or `D02B`. */
  readonly directory: string;
  /** BGM document code as sent (745, 250…), and what it means. */
  readonly documentCode: string;
  readonly listType: PaxlstListType;
  /** BGM element 2 (CP change, XR cancel, CL close, C/CC/B… crew), '' when absent. */
  readonly messageFunction: string;
  readonly transactionReference: string | undefined;
  /** UNH common access reference: the same on every part of a multi-part list. */
  readonly commonAccessReference: string;
  /**
   * UNH sequence (S010): part number and whether it is the final part (position F; `01` without a position is a whole
   * list in one message, and a middle part carries no position); undefined for a message without one.
   */
  readonly part: { readonly number: number; readonly final: boolean } | undefined;
  /** Number of parts this list was assembled from (1 for a single message). */
  readonly partCount: number;
  readonly reportingParty: PaxlstReportingParty | undefined;
  readonly flight: PaxlstFlight;
  readonly travellers: readonly PaxlstTraveller[];
  /** CNT+42 / CNT+41 as declared, undefined when absent. */
  readonly declaredPassengers: number | undefined;
  readonly declaredCrew: number | undefined;
  readonly passengerCount: number;
  readonly crewCount: number;
  /** The date two-digit birth years were placed against (the flight date when known). */
  readonly referenceDate: IsoDate;
  /** Segments this parser does not interpret, kept for the record. */
  readonly unknownSegments: readonly EdifactSegment[];
  readonly warnings: readonly EdifactWarning[];
}

/** A parsed PAXLST interchange: its envelope and one list per message. */
export interface PaxlstInterchange {
  readonly kind: 'paxlst-interchange';
  readonly sender: EdifactParty;
  readonly recipient: EdifactParty;
  readonly controlReference: string;
  readonly applicationReference: string;
  readonly lists: readonly PaxlstList[];
  readonly warnings: readonly EdifactWarning[];
}

/** How to place two-digit years when the message gives no flight date. */
export interface PaxlstOptions {
  /** Reference date (`YYYY-MM-DD`) used before the flight date is known; defaults to the UNB date, then today. */
  readonly referenceDate?: IsoDate;
}
