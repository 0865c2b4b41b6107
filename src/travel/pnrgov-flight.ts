/**
 * PNRGOV flight and organisation segments: TVL (a flight: `TVL+121210:0915::1230+LHR+JFK+DL:KL+324:B`, marketing and
 * operating carrier) and ORG (booking originator or check-in agent).
 *
 * A push names its flight in every booking and most bookings come through the same agency: a TVL or ORG that repeats
 * an earlier one character for character is not read again (`Repeated`), its values are taken from that one.
 */
import type { SegmentView } from './edifact.js';
import { withoutLeadingZeros } from './edifact-values.js';
import { none, plainObject, type Mutable } from './plain-objects.js';
import type { LocalDateTime } from './dates.js';
import type {
  PnrgovCheckIn,
  PnrgovFlightNumber,
  PnrgovItineraryLeg,
  PnrgovOrganisation,
  PnrgovSsr,
} from './pnrgov.types.js';

/** An itinerary leg being read: open until the next TVL, TIF-free group or end of PNR. */
export type LegDraft = {
  -readonly [K in keyof PnrgovItineraryLeg]: PnrgovItineraryLeg[K];
} & {
  operating: PnrgovFlightNumber | undefined;
  seats: { seat: string; travellerReference: string }[];
  checkIns: PnrgovCheckIn[];
  ssrs: PnrgovSsr[];
};

/** A flight number as a plain object (`{ carrier, flightNumber }`, made by a constructor: see plain-objects.ts). */
export const FlightNumber = plainObject(function FlightNumber(
  this: Mutable<PnrgovFlightNumber>,
  carrier: string,
  flightNumber: string,
) {
  this.carrier = carrier;
  this.flightNumber = flightNumber;
});

/** Reads PADIS DDMMYY + HHMM into a local date-time, recording bad dates against the segment. */
export type DateTimeReader = (s: SegmentView, date: string, time: string) => LocalDateTime | undefined;

/** A leg read from its TVL, open until the next TVL, TIF-free group or end of PNR. */
const Leg = plainObject(function Leg(this: LegDraft, s: SegmentView, dateTime: DateTimeReader) {
  const departureDate = s.component(0, 0);
  const arrivalDate = s.component(0, 2) || departureDate;
  const arrivalTime = s.component(0, 3);
  const marketingCarrier = s.component(3, 0);
  const operatingCarrier = s.component(3, 1);
  const flightNumber = withoutLeadingZeros(s.component(4, 0));
  this.kind = 'itinerary-leg';
  this.departureAirport = s.component(1);
  this.arrivalAirport = s.component(2);
  this.departure = dateTime(s, departureDate, s.component(0, 1));
  this.arrival = arrivalTime === '' && s.component(0, 2) === '' ? undefined : dateTime(s, arrivalDate, arrivalTime);
  this.marketing = new FlightNumber(marketingCarrier, flightNumber);
  this.operating = operatingCarrier === '' ? undefined : new FlightNumber(operatingCarrier, '');
  this.codeshare = false;
  this.bookingClass = s.component(4, 1);
  this.status = '';
  this.partySize = undefined;
  this.equipment = undefined;
  this.seats = none;
  this.checkIns = none;
  this.ssrs = none;
  this.segment = s.index;
});

/** What a TVL says, kept to make the leg of a TVL that repeats it. */
export type LegRead = Pick<
  PnrgovItineraryLeg,
  'departureAirport' | 'arrivalAirport' | 'departure' | 'arrival' | 'marketing' | 'operating' | 'bookingClass'
>;

/**
 * The leg of a TVL that repeats the one `read` came from, segment `index`. The flight numbers are shared: nothing
 * changes them (TRA and the close of a leg replace the operating one, they do not change it).
 */
const SameLeg = plainObject(function SameLeg(this: LegDraft, read: LegRead, index: number) {
  this.kind = 'itinerary-leg';
  this.departureAirport = read.departureAirport;
  this.arrivalAirport = read.arrivalAirport;
  this.departure = read.departure;
  this.arrival = read.arrival;
  this.marketing = read.marketing;
  this.operating = read.operating;
  this.codeshare = false;
  this.bookingClass = read.bookingClass;
  this.status = '';
  this.partySize = undefined;
  this.equipment = undefined;
  this.seats = none;
  this.checkIns = none;
  this.ssrs = none;
  this.segment = index;
});

/**
 * The distinct segments of one tag a message held, and what each was read as: a push names its flight in every
 * booking, and the same few return flights and agencies again and again. Looked up by the segment as written, one
 * hash per segment: the last four kept in a list were compared one by one, each comparison of two cut strings of one
 * length a call into the runtime, and most return flights had been forgotten by the time they came again.
 */
export class Repeated<T> {
  readonly #read = new Map<string, T>();
  #asked = '';

  /** What `s` was read as, if it repeats a segment remembered character for character. */
  get(s: SegmentView): T | undefined {
    const raw = s.raw();
    this.#asked = raw;
    return raw === '' ? undefined : this.#read.get(raw);
  }

  /** Remembers what the segment `get` was last asked about was read as. */
  remember(value: T): void {
    if (this.#asked === '') return; // a segment not cut from a text: never asked for again
    // Bounded, for a message of thousands of distinct flights: forgotten, they are read again.
    if (this.#read.size === 256) this.#read.clear();
    this.#read.set(this.#asked, value);
  }

  /** Forgets every segment (what they were read as depends on something that changed). */
  clear(): void {
    this.#read.clear();
  }
}

/**
 * TVL → a leg draft; `dateTime` turns PADIS DDMMYY + HHMM into local date-times (and records bad dates in
 * `warnings`). A TVL that repeats one `repeated` saw read without a warning is not read again.
 */
export function readTvl(
  s: SegmentView,
  dateTime: DateTimeReader,
  repeated: Repeated<LegRead>,
  warnings: readonly unknown[],
): LegDraft {
  const same = repeated.get(s);
  if (same !== undefined) return new SameLeg(same, s.index);
  const warned = warnings.length;
  const leg = new Leg(s, dateTime);
  if (warnings.length === warned) {
    const { departureAirport, arrivalAirport, departure, arrival, marketing, operating, bookingClass } = leg;
    repeated.remember({ departureAirport, arrivalAirport, departure, arrival, marketing, operating, bookingClass });
  }
  return leg;
}

/** An organisation read from its ORG. */
const Organisation = plainObject(function Organisation(this: Mutable<PnrgovOrganisation>, s: SegmentView) {
  this.system = s.component(0, 0);
  this.systemLocation = s.component(0, 1);
  this.agencyId = s.component(1, 0);
  this.agentId = s.component(1, 1);
  this.location = s.component(2, 0);
  this.company = s.component(3, 0);
  this.originatorType = s.component(4, 0);
  this.country = s.component(5, 0);
  this.currency = s.component(5, 1);
});

/** ORG `ORG+1A:MUC+12345678:AGENT+AMS+LH+A+NL:EUR` → the organisation (the same object for an ORG repeated). */
export function readOrg(s: SegmentView, repeated: Repeated<PnrgovOrganisation>): PnrgovOrganisation {
  const same = repeated.get(s);
  if (same !== undefined) return same;
  const org = new Organisation(s);
  repeated.remember(org);
  return org;
}

/** The two ASCII digits at `text[at]` as a number, -1 when they are not digits. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

/**
 * A PADIS `DDMMYY` date and `HHMM` (or '') time as one small number, different for every pair, or -1 when they do
 * not look like a day and a time of day: the key under which a message keeps the leg date-times it read. A string
 * key (`date + time`) cost a new string and its hash per TVL, nearly as much as reading the date again.
 */
export function dateTimeKey(date: string, time: string): number {
  if (date.length !== 6 || (time.length !== 4 && time.length !== 0)) return -1;
  const day = twoDigits(date, 0);
  const month = twoDigits(date, 2);
  const year = twoDigits(date, 4);
  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 0) return -1;
  let minutes = 0; // no time
  if (time.length === 4) {
    const h = twoDigits(time, 0);
    const m = twoDigits(time, 2);
    if (h < 0 || h > 24 || m < 0 || m > 59) return -1;
    minutes = 1 + h * 60 + m; // 1 … 1500: 11 bits
  }
  return (((year * 13 + month) * 32 + day) << 11) | minutes;
}
