/**
 * Traveller facts from an API traveller, its linked PNR traveller, or either alone. The API list wins where both
 * speak (it is read from the document at check-in; the PNR is what the booker typed), the PNR fills the gaps.
 */
import type { IsoDate } from '../dates.js';
import { apiTravellerKey, pnrTravellerKey } from '../ingest-mapping.js';
import type { PaxlstDocument, PaxlstTraveller } from '../paxlst.types.js';
import type { PnrgovBooking, PnrgovDocument, PnrgovItineraryLeg, PnrgovTraveller } from '../pnrgov.types.js';
import type { CountryRef } from '../travel.types.js';
import type { DocumentFacts, TravellerFacts } from './facts.types.js';
import { pnrBirthDate } from './link.js';
import { ageOn, daysBetween, pushUnique } from './normalise.js';

/** A PNR traveller with its booking and the itinerary leg that is this flight (when the PNR has it). */
export interface PnrTravellerInput {
  readonly booking: PnrgovBooking;
  readonly traveller: PnrgovTraveller;
  readonly leg: PnrgovItineraryLeg | undefined;
}

function keyOf(ref: CountryRef | undefined): string | undefined {
  return ref === undefined ? undefined : (ref.key ?? ref.code);
}

// A visa says where one may go, not who one is: the identity document is a passport first, else any non-visa.
function mainApiDocument(docs: readonly PaxlstDocument[]): PaxlstDocument | undefined {
  return docs.find((d) => d.type.startsWith('P')) ?? docs.find((d) => d.type !== 'V');
}

function mainPnrDocument(docs: readonly PnrgovDocument[]): PnrgovDocument | undefined {
  const own = docs.filter((d) => !d.infant && d.type !== 'V');
  return own.find((d) => d.type.startsWith('P')) ?? own[0];
}

function documentFacts(
  api: PaxlstDocument | undefined,
  pnr: PnrgovDocument | undefined,
  nationality: string | undefined,
  departure: IsoDate | undefined,
): DocumentFacts | undefined {
  const doc = api ?? pnr;
  if (doc === undefined) return undefined;
  const issuer = keyOf(doc.issuingState);
  const issuedOn = doc.issued;
  const days = daysBetween(issuedOn, departure);
  return Object.freeze({
    type: doc.type,
    number: doc.number,
    issuer,
    issuedOn,
    expiresOn: doc.expiry,
    daysIssuedBeforeDeparture: days,
    issuerDiffersFromNationality:
      issuer === undefined || nationality === undefined ? undefined : issuer !== nationality,
  });
}

// A checked-in traveller with no TBD checked no bag; a traveller not checked in has an unknown bag count.
function pnrBags(p: PnrTravellerInput): number | undefined {
  const checkIn = p.leg?.checkIns.find((c) => c.travellerReference === p.traveller.reference);
  if (checkIn === undefined) return undefined;
  return checkIn.bags?.count ?? 0;
}

function pnrSeat(p: PnrTravellerInput): string | undefined {
  const ref = p.traveller.reference;
  const checkIn = p.leg?.checkIns.find((c) => c.travellerReference === ref);
  return checkIn?.seat ?? p.leg?.seats.find((s) => s.travellerReference === ref)?.seat ?? p.traveller.seats[0];
}

/** Facts for one traveller (companions are added once every traveller of the flight is known). */
export function travellerFactsOf(
  key: string,
  api: PaxlstTraveller | undefined,
  pnr: PnrTravellerInput | undefined,
  departure: IsoDate | undefined,
): TravellerFacts {
  const t = pnr?.traveller;
  const pnrDoc = t === undefined ? undefined : mainPnrDocument(t.documents);
  const dateOfBirth = api?.dateOfBirth ?? (pnr === undefined ? undefined : pnrBirthDate(pnr.booking, pnr.traveller));
  const age = ageOn(dateOfBirth, departure);
  const umnr = t?.unaccompaniedMinor !== undefined;
  const childType = t?.type === 'child' || t?.type === 'infant';
  const nationality = keyOf(api?.nationality) ?? keyOf(pnrDoc?.nationality) ?? keyOf(t?.nationality);
  const locators: string[] = [];
  pushUnique(locators, api?.recordLocator);
  pushUnique(locators, pnr?.booking.recordLocator);
  return Object.freeze({
    kind: 'traveller-facts',
    key,
    rowKeys: Object.freeze({
      api: api === undefined ? undefined : apiTravellerKey(api),
      pnr: pnr === undefined ? undefined : pnrTravellerKey(pnr.booking, pnr.traveller),
    }),
    source: api === undefined ? 'pnr' : t === undefined ? 'api' : 'api+pnr',
    surname: api?.surname ?? t?.surname ?? '',
    givenNames: api?.givenNames ?? t?.givenNames ?? '',
    dateOfBirth,
    age,
    minor: age !== undefined ? age < 18 : childType || umnr ? true : undefined,
    adult: age !== undefined ? age >= 18 : childType || umnr ? false : t?.type === 'adult' ? true : undefined,
    gender: api?.gender ?? t?.gender ?? pnrDoc?.gender,
    nationality,
    role: api?.role ?? 'passenger',
    inTransit: api?.inTransit ?? false,
    bags: api?.bags?.count ?? (pnr === undefined ? undefined : pnrBags(pnr)),
    seat: api?.seat ?? (pnr === undefined ? undefined : pnrSeat(pnr)),
    unaccompaniedMinor: umnr,
    bookingLocators: Object.freeze(locators),
    document: documentFacts(api && mainApiDocument(api.documents), pnrDoc, nationality, departure),
    companions: undefined,
  });
}
