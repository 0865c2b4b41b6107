/**
 * PNRGOV flight and organisation segments: TVL (a flight: `TVL+121210:0915::1230+LHR+JFK+DL:KL+324:B`, marketing and
 * operating carrier) and ORG (booking originator or check-in agent).
 */
import { component, type EdifactSegment } from './edifact.js';
import { withoutLeadingZeros } from './edifact-values.js';
import { none } from './pnrgov-drafts.js';
import { plainObject, type Mutable } from './plain-objects.js';
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

/** A leg read from its TVL, open until the next TVL, TIF-free group or end of PNR. */
const Leg = plainObject(function Leg(
  this: LegDraft,
  s: EdifactSegment,
  dateTime: (s: EdifactSegment, date: string, time: string) => LocalDateTime | undefined,
) {
  const departureDate = component(s, 0, 0);
  const arrivalDate = component(s, 0, 2) || departureDate;
  const arrivalTime = component(s, 0, 3);
  const marketingCarrier = component(s, 3, 0);
  const operatingCarrier = component(s, 3, 1);
  const flightNumber = withoutLeadingZeros(component(s, 4, 0));
  this.kind = 'itinerary-leg';
  this.departureAirport = component(s, 1);
  this.arrivalAirport = component(s, 2);
  this.departure = dateTime(s, departureDate, component(s, 0, 1));
  this.arrival = arrivalTime === '' && component(s, 0, 2) === '' ? undefined : dateTime(s, arrivalDate, arrivalTime);
  this.marketing = Object.freeze(new FlightNumber(marketingCarrier, flightNumber));
  this.operating = operatingCarrier === '' ? undefined : new FlightNumber(operatingCarrier, '');
  this.codeshare = false;
  this.bookingClass = component(s, 4, 1);
  this.status = '';
  this.partySize = undefined;
  this.equipment = undefined;
  this.seats = none;
  this.checkIns = none;
  this.ssrs = none;
  this.segment = s.index;
});

/** TVL → a leg draft; `dateTime` turns PADIS DDMMYY + HHMM into local date-times (and records bad dates). */
export function readTvl(
  s: EdifactSegment,
  dateTime: (s: EdifactSegment, date: string, time: string) => LocalDateTime | undefined,
): LegDraft {
  return new Leg(s, dateTime);
}

/** An organisation read from its ORG. */
const Organisation = plainObject(function Organisation(this: Mutable<PnrgovOrganisation>, s: EdifactSegment) {
  this.system = component(s, 0, 0);
  this.systemLocation = component(s, 0, 1);
  this.agencyId = component(s, 1, 0);
  this.agentId = component(s, 1, 1);
  this.location = component(s, 2, 0);
  this.company = component(s, 3, 0);
  this.originatorType = component(s, 4, 0);
  this.country = component(s, 5, 0);
  this.currency = component(s, 5, 1);
});

/** ORG `ORG+1A:MUC+12345678:AGENT+AMS+LH+A+NL:EUR` → the organisation. */
export function readOrg(s: EdifactSegment): PnrgovOrganisation {
  return Object.freeze(new Organisation(s));
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
