/**
 * PNRGOV flight and organisation segments: TVL (a flight: `TVL+121210:0915::1230+LHR+JFK+DL:KL+324:B`, marketing and
 * operating carrier) and ORG (booking originator or check-in agent).
 */
import { component, type EdifactSegment } from './edifact.js';
import { none } from './pnrgov-drafts.js';
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

/** TVL → a leg draft; `dateTime` turns PADIS DDMMYY + HHMM into local date-times (and records bad dates). */
export function readTvl(
  s: EdifactSegment,
  dateTime: (s: EdifactSegment, date: string, time: string) => LocalDateTime | undefined,
): LegDraft {
  const departureDate = component(s, 0, 0);
  const arrivalDate = component(s, 0, 2) || departureDate;
  const arrivalTime = component(s, 0, 3);
  const marketingCarrier = component(s, 3, 0);
  const operatingCarrier = component(s, 3, 1);
  const flightNumber = component(s, 4, 0).replace(/^0+(?=\d)/, '');
  return {
    kind: 'itinerary-leg',
    departureAirport: component(s, 1),
    arrivalAirport: component(s, 2),
    departure: dateTime(s, departureDate, component(s, 0, 1)),
    arrival: arrivalTime === '' && component(s, 0, 2) === '' ? undefined : dateTime(s, arrivalDate, arrivalTime),
    marketing: Object.freeze({ carrier: marketingCarrier, flightNumber }),
    operating: operatingCarrier === '' ? undefined : { carrier: operatingCarrier, flightNumber: '' },
    codeshare: false,
    bookingClass: component(s, 4, 1),
    status: '',
    partySize: undefined,
    equipment: undefined,
    seats: none,
    checkIns: none,
    ssrs: none,
    segment: s.index,
  };
}

/** ORG `ORG+1A:MUC+12345678:AGENT+AMS+LH+A+NL:EUR` → the organisation. */
export function readOrg(s: EdifactSegment): PnrgovOrganisation {
  return Object.freeze({
    system: component(s, 0, 0),
    systemLocation: component(s, 0, 1),
    agencyId: component(s, 1, 0),
    agentId: component(s, 1, 1),
    location: component(s, 2, 0),
    company: component(s, 3, 0),
    originatorType: component(s, 4, 0),
    country: component(s, 5, 0),
    currency: component(s, 5, 1),
  });
}
