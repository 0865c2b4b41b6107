/**
 * The flat fact model the targeting rules read: one flight's PAXLST and PNRGOV data reduced to plain, immutable
 * records of the values an indicator needs (docs/domain.md §1.3, §2.2, §6). Rules never see EDIFACT shapes, so a
 * rule written today keeps working when a parser learns a new segment. An unknown value is `undefined`, never a
 * guess: a rule on an absent fact does not fire.
 */
import type { IsoDate, LocalDateTime } from '../dates.js';
import type { Gender } from '../travel.types.js';

/** Where a traveller's facts come from: the API list, the PNR, or both once linked. */
export type TravellerSource = 'api' | 'pnr' | 'api+pnr';

/** A form of payment, in the PNRGOV parser's vocabulary (FOP CC, CA, MS, GR, CK, other). */
export type PaymentKind = 'card' | 'cash' | 'miscellaneous' | 'government' | 'cheque' | 'other';

/** Facts about the flight itself. */
export interface FlightFacts {
  readonly kind: 'flight-facts';
  readonly carrier: string;
  readonly number: string;
  readonly departureAirport: string | undefined;
  readonly arrivalAirport: string | undefined;
  /** ISO alpha-3 of the airports' countries, when the caller's airport table knows them. */
  readonly departureCountry: string | undefined;
  readonly arrivalCountry: string | undefined;
  /** Scheduled departure, local time of the departure airport. */
  readonly scheduledDeparture: LocalDateTime | undefined;
  readonly scheduledArrival: LocalDateTime | undefined;
  /** Great-circle distance when it is given or both airports' coordinates are known. */
  readonly distanceKm: number | undefined;
  /** Scheduled block time, corrected for the airports' UTC offsets when known. */
  readonly durationMinutes: number | undefined;
  /** Distance ≥ the long-haul distance, else duration ≥ the long-haul duration; undefined when neither is known. */
  readonly longHaul: boolean | undefined;
  readonly travellerCount: number;
  readonly passengerCount: number;
  readonly bookingCount: number;
}

/** Facts about one traveller (a passenger or crew member), from the API list and/or the PNR. */
export interface TravellerFacts {
  readonly kind: 'traveller-facts';
  /**
   * Unique within the fact set: `api:<n>` for an API traveller (linked or not), `pnr:<locator>:<ref>` otherwise
   * (`pnr:<locator>:<holder's ref>/INF` for an infant on a lap with no TIF of its own). A
   * position in the messages, not an identity: the same person has another key once a list names them or cancels
   * someone before them (see `rowKeys`).
   */
  readonly key: string;
  /**
   * The keys of the stored traveller rows this traveller comes from (`travellers.traveller_key`): the passenger-list
   * copy's and the PNR copy's. Not a fact a rule reads: it attaches a hit to the stored person. Absent in facts built by
   * hand (tests).
   */
  readonly rowKeys?: TravellerRowKeys;
  readonly source: TravellerSource;
  readonly surname: string;
  readonly givenNames: string;
  readonly dateOfBirth: IsoDate | undefined;
  /** Whole years at the scheduled departure date. */
  readonly age: number | undefined;
  /** Age < 18; without a birth date, a PNR child/infant type or an SSR UMNR says minor. */
  readonly minor: boolean | undefined;
  /** Age ≥ 18; without a birth date, the PNR adult type says adult. */
  readonly adult: boolean | undefined;
  readonly gender: Gender | undefined;
  /** Nationality key (`nationalityKey`: D → DEU; XXA/XXB/XXC kept) — API NAT, else PNR DOCS. */
  readonly nationality: string | undefined;
  /** `infant` for a PNR infant (TIF type IN, or on an adult's lap): a passenger, whom API lists call one. */
  readonly role: 'passenger' | 'crew' | 'infant';
  readonly inTransit: boolean;
  /** Checked bags: API MEA/FTX count, else the PNR check-in TBD count; undefined when no source gives one. */
  readonly bags: number | undefined;
  readonly seat: string | undefined;
  /** SSR UMNR on the PNR traveller. */
  readonly unaccompaniedMinor: boolean;
  /** Every record locator that names this traveller (RFF+AVF, the linked PNR). */
  readonly bookingLocators: readonly string[];
  readonly document: DocumentFacts | undefined;
  readonly companions: CompanionFacts | undefined;
}

/** The stored rows of one traveller, by source (`apiTravellerKey`, `pnrTravellerKey` in ingest-mapping.ts). */
export interface TravellerRowKeys {
  readonly api: string | undefined;
  readonly pnr: string | undefined;
}

/** The traveller's main travel document (a passport first, else the first document that is not a visa). */
export interface DocumentFacts {
  readonly type: string;
  readonly number: string;
  /** Issuing state key (`nationalityKey`). */
  readonly issuer: string | undefined;
  readonly issuedOn: IsoDate | undefined;
  readonly expiresOn: IsoDate | undefined;
  /** Days from issue to the scheduled departure date. */
  readonly daysIssuedBeforeDeparture: number | undefined;
  /** Both issuer and nationality known, and different states. */
  readonly issuerDiffersFromNationality: boolean | undefined;
}

/**
 * The other travellers of the same booking(s) on this flight. Undefined when the traveller has no booking
 * locator: with no booking, who travels with whom is unknown rather than "nobody".
 */
export interface CompanionFacts {
  // "Same surname" means sharing a surname word (`sameFamilyName`), so GARCIA LOPEZ travels with GARCIA as family. A
  // traveller with no surname (an infant known by its DOCO alone) has adults of neither kind: neither is known.
  readonly count: number;
  readonly adultCount: number;
  readonly adultsSameSurname: number;
  readonly adultsOtherSurname: number;
  readonly otherSurnames: readonly string[];
}

/**
 * Contacts shared with other bookings: per kind, the largest number of mutually unrelated bookings (this one
 * included) behind one value; 1 for a value nobody else has, 0 when the booking gives none of that kind.
 */
export interface SharedContactFacts {
  readonly phoneBookings: number;
  readonly emailBookings: number;
  readonly cardBookings: number;
  /** The contact values that are shared with at least one unrelated booking. */
  readonly values: readonly string[];
}

/** Facts about one PNR. */
export interface BookingFacts {
  readonly kind: 'booking-facts';
  readonly locator: string;
  /** PNR creation (RCI), UTC per PNRGOV. */
  readonly createdAt: LocalDateTime | undefined;
  readonly hoursBeforeDeparture: number | undefined;
  readonly segmentCount: number;
  /** The itinerary never comes back to where it started; undefined without an itinerary. */
  readonly oneWay: boolean | undefined;
  readonly paymentKinds: readonly PaymentKind[];
  /** The named payer (IFT 4:43 sponsor), when one is named. */
  readonly payerName: string | undefined;
  /** The payer is one of this booking's travellers; undefined when no payer is named. */
  readonly payerIsTraveller: boolean | undefined;
  /** The payer is any traveller of this flight; undefined when no payer is named. */
  readonly payerOnFlight: boolean | undefined;
  /** Normalised contacts: phone digits, lower-case e-mails, `vendor:masked:expiry` cards. */
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  readonly cards: readonly string[];
  /** Parties giving contact details: the booking-level contact counts once, plus each traveller with their own. */
  readonly contactParties: number;
  /** Named travellers (not a group name), and infants on a lap with no TIF of their own. */
  readonly travellerCount: number;
  readonly adultCount: number;
  readonly minorCount: number;
  /** Largest of the TIF group size, the RPI party size and the number of named travellers. */
  readonly groupSize: number;
  /** A TIF group name, or a party of 10 or more (IATA's group threshold). */
  readonly group: boolean;
  readonly agencyId: string | undefined;
  readonly agencyType: string | undefined;
  readonly agencyCountry: string | undefined;
  readonly unaccompaniedMinor: boolean;
  readonly shared: SharedContactFacts;
}

/** All facts of one flight: what `evaluateRules` runs over. */
export interface FlightFactSet {
  readonly kind: 'flight-fact-set';
  readonly flight: FlightFacts;
  readonly travellers: readonly TravellerFacts[];
  readonly bookings: readonly BookingFacts[];
}

/** What the caller knows about an airport (Lodestar holds no airport table of its own). */
export interface AirportInfo {
  readonly country?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  /** Offset of the scheduled local times from UTC, in minutes. */
  readonly utcOffsetMinutes?: number;
}
