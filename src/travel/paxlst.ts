/**
 * PAXLST (API passenger and crew lists, D02B and D05B) from EDIFACT messages into `PaxlstList`s. One pass over the
 * segments with a small state machine that follows the MIG groups: header → Gr1 reporting party → Gr2/Gr3 transport
 * and legs → Gr4 travellers → Gr5 documents → CNT. CNT totals that disagree with the travellers found are warnings.
 */
import { EdifactParseError, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import {
  component,
  expectMessageType,
  keepSegment,
  parseEdifact,
  walkSegments,
  type EdifactInterchange,
  type EdifactMessage,
  type EdifactSegment,
} from './edifact.js';
import { fromDtm, fromYymmdd, todayUtc, type IsoDate } from './dates.js';
import { countryRef, genderOf, type CountryRef } from './travel.types.js';
import { buildFlight, type TransportDraft } from './paxlst-flight.js';
import {
  Bags,
  Document,
  Reference,
  Traveller,
  type BagsDraft,
  type DocumentDraft,
  type TravellerDraft,
} from './paxlst-drafts.js';
import type { Mutable } from './plain-objects.js';
import type {
  PaxlstInterchange,
  PaxlstList,
  PaxlstListType,
  PaxlstOptions,
  PaxlstReportingParty,
  PaxlstTraveller,
} from './paxlst.types.js';

export type * from './paxlst.types.js';

const listTypes: Readonly<Record<string, PaxlstListType>> = {
  '745': 'passenger',
  '250': 'crew',
  '266': 'flight-status',
  '336': 'master-crew',
  '655': 'gate-pass',
};

type State = 'header' | 'party' | 'transport' | 'traveller' | 'document' | 'trailer';

function invalid(segment: EdifactSegment, expected: string, found: string): EdifactParseError {
  return new EdifactParseError('paxlst.invalid_value', {
    segment: segment.index,
    tag: segment.tag,
    offset: segment.offset,
    expected,
    found,
  });
}

function count(segment: EdifactSegment): number {
  const raw = component(segment, 0, 1);
  if (!/^\d{1,7}$/.test(raw)) throw invalid(segment, 'a count (CNT+42:n or CNT+41:n)', JSON.stringify(raw));
  return Number(raw);
}

function numberOrUndefined(raw: string): number | undefined {
  if (raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses every PAXLST message of an interchange (text, bytes, or an already tokenized interchange). */
export function parsePaxlst(
  input: string | Uint8Array | EdifactInterchange,
  options: PaxlstOptions = {},
): PaxlstInterchange {
  const interchange = typeof input === 'object' && 'kind' in input ? input : parseEdifact(input);
  const prepared = fromYymmdd(interchange.preparedDate, 'expiry', todayUtc());
  const fallback = options.referenceDate ?? prepared ?? todayUtc();
  const lists = interchange.messages.map((message) => parsePaxlstMessage(message, { referenceDate: fallback }));
  return Object.freeze({
    kind: 'paxlst-interchange',
    sender: interchange.sender,
    recipient: interchange.recipient,
    controlReference: interchange.controlReference,
    applicationReference: interchange.applicationReference,
    lists: Object.freeze(lists),
    warnings: interchange.warnings,
  });
}

/** Parses one tokenized PAXLST message; throws `EdifactParseError` for another message type or a missing BGM/TDT. */
export function parsePaxlstMessage(message: EdifactMessage, options: { readonly referenceDate: IsoDate }): PaxlstList {
  expectMessageType(message, 'PAXLST');
  const warnings: EdifactWarning[] = [...message.warnings];
  const warn = (code: EdifactWarningCode, segment: EdifactSegment, text: string): void => {
    warnings.push(Object.freeze({ code, message: text, segment: segment.index, offset: segment.offset }));
  };
  const country = (segment: EdifactSegment, raw: string): CountryRef | undefined => {
    const ref = countryRef(raw);
    if (ref !== undefined && !ref.known) warn('paxlst.unknown_country', segment, `unknown country code ${raw}`);
    return ref;
  };

  let state: State = 'header';
  let bgm: EdifactSegment | undefined;
  let transactionReference: string | undefined;
  let party: Mutable<PaxlstReportingParty> | undefined;
  const transports: TransportDraft[] = [];
  let transport: TransportDraft | undefined;
  let reference = options.referenceDate;
  let referenceFixed = false;
  const travellers: PaxlstTraveller[] = [];
  let traveller: TravellerDraft | undefined;
  let bags: BagsDraft | undefined;
  let doc: DocumentDraft | undefined;
  let declaredPassengers: number | undefined;
  let declaredCrew: number | undefined;
  let cnt: EdifactSegment | undefined;
  const unknownSegments: EdifactSegment[] = [];
  const defaultRole = () => (bgm !== undefined && component(bgm, 0) === '250' ? 'crew' : 'passenger');

  const closeTraveller = (): void => {
    if (traveller === undefined) return;
    if (bags !== undefined) traveller.bags = Object.freeze(bags);
    Object.freeze(traveller.documents);
    Object.freeze(traveller.references);
    travellers.push(Object.freeze(traveller));
    traveller = undefined;
    bags = undefined;
    doc = undefined;
  };
  const ensureBags = (): BagsDraft => (bags ??= new Bags());
  const date = (segment: EdifactSegment, rule: 'birth' | 'expiry'): string | undefined => {
    const raw = component(segment, 0, 1);
    const value = fromDtm(raw, component(segment, 0, 2), rule, reference);
    if (value === undefined && raw !== '') {
      warn('paxlst.invalid_date', segment, `DTM+${component(segment, 0)} ${JSON.stringify(raw)} is not a date`);
    }
    return value;
  };

  const walk = walkSegments(message);
  const last = walk.count - 1; // UNT
  for (let i = 1; i < last; i++) {
    const s = walk.at(i);
    switch (s.tag) {
      case 'BGM':
        bgm = keepSegment(s);
        continue;
      case 'RFF': {
        const qualifier = component(s, 0, 0);
        const value = component(s, 0, 1);
        if (traveller !== undefined) {
          traveller.references.push(Object.freeze(new Reference(qualifier, value)));
          if (qualifier === 'AVF') traveller.recordLocator = value;
          else if (qualifier === 'SEA') traveller.seat = value;
          else if (qualifier === 'YZY') traveller.ticketNumber = value;
        } else if (qualifier === 'TN') transactionReference = value;
        else unknownSegments.push(keepSegment(s));
        continue;
      }
      case 'NAD': {
        const qualifier = component(s, 0);
        if (qualifier === 'MS') {
          state = 'party';
          party = { name: component(s, 3) || component(s, 1), phone: undefined, fax: undefined, email: undefined };
          continue;
        }
        closeTraveller();
        state = 'traveller';
        traveller = new Traveller(
          s,
          qualifier === 'FM' || qualifier === 'DDT'
            ? 'crew'
            : qualifier === 'FL' || qualifier === 'DDU'
              ? 'passenger'
              : defaultRole(),
          country,
        );
        continue;
      }
      case 'COM': {
        if (state === 'party' && party !== undefined) {
          for (const element of s.elements) {
            const kind = element[1];
            if (kind === 'TE') party.phone = element[0];
            else if (kind === 'FX') party.fax = element[0];
            else if (kind === 'EM') party.email = element[0];
          }
        } else if (traveller !== undefined) traveller.contact = component(s, 0);
        else unknownSegments.push(keepSegment(s));
        continue;
      }
      case 'CTA':
        if (party !== undefined && state === 'party' && component(s, 1, 1) !== '') party.name ||= component(s, 1, 1);
        continue;
      case 'TDT': {
        closeTraveller();
        state = 'transport';
        transport = { segment: keepSegment(s), stops: [] };
        transports.push(transport);
        continue;
      }
      case 'LOC': {
        const qualifier = component(s, 0);
        const place = component(s, 1);
        if (state === 'transport' && transport !== undefined) {
          transport.stops.push({ qualifier, airport: place, arrival: undefined, departure: undefined });
        } else if (state === 'document' && doc !== undefined && qualifier === '91') {
          doc.issuingState = country(s, place);
          doc.issuingPlace = component(s, 1, 3) || undefined;
        } else if (traveller !== undefined) {
          if (qualifier === '178') traveller.embarkation = place;
          else if (qualifier === '179') traveller.debarkation = place;
          else if (qualifier === '22') traveller.clearance = place;
          else if (qualifier === '174') traveller.residence = country(s, place);
          else if (qualifier === '180') {
            // Place of birth: LOC+180+GBR:::LONDON, or the place name alone in component 4.
            traveller.countryOfBirth = place === '' ? undefined : country(s, place);
            traveller.placeOfBirth = component(s, 1, 3) || undefined;
          } else unknownSegments.push(keepSegment(s));
        } else unknownSegments.push(keepSegment(s));
        continue;
      }
      case 'DTM': {
        const qualifier = component(s, 0, 0);
        if (state === 'transport' && transport !== undefined) {
          const stop = transport.stops.at(-1);
          const value = date(s, 'expiry');
          if (stop !== undefined && qualifier === '189') stop.departure = value;
          else if (stop !== undefined && qualifier === '232') stop.arrival = value;
          else unknownSegments.push(keepSegment(s));
          // Birth years are placed against the flight date: the first scheduled date the message gives.
          if (!referenceFixed && value !== undefined) {
            reference = value.slice(0, 10);
            referenceFixed = true;
          }
        } else if (state === 'document' && doc !== undefined) {
          if (qualifier === '36') doc.expiry = date(s, 'expiry');
          else if (qualifier === '182') doc.issued = date(s, 'birth');
          else unknownSegments.push(keepSegment(s));
        } else if (traveller !== undefined && qualifier === '329') traveller.dateOfBirth = date(s, 'birth');
        else unknownSegments.push(keepSegment(s));
        continue;
      }
      case 'ATT':
        if (traveller !== undefined && component(s, 0) === '2') traveller.gender = genderOf(component(s, 2));
        else unknownSegments.push(keepSegment(s));
        continue;
      case 'NAT':
        if (traveller !== undefined) traveller.nationality = country(s, component(s, 1));
        else unknownSegments.push(keepSegment(s));
        continue;
      case 'EMP':
        if (traveller !== undefined) traveller.crewFunction = component(s, 1) || undefined;
        continue;
      case 'GEI':
        if (traveller !== undefined && component(s, 0) === '4') traveller.verified = component(s, 1) === '173';
        continue;
      case 'MEA': {
        if (traveller === undefined) {
          unknownSegments.push(keepSegment(s));
          continue;
        }
        const b = ensureBags();
        const kind = component(s, 0);
        if (kind === 'CT') b.count = numberOrUndefined(component(s, 2, 1));
        else if (kind === 'WT') {
          b.weight = numberOrUndefined(component(s, 2, 1));
          b.weightUnit = component(s, 2, 0) || undefined;
        }
        continue;
      }
      case 'FTX':
        if (traveller !== undefined && component(s, 0) === 'BAG') {
          const tag = component(s, 3, 0);
          if (tag !== '') ensureBags().tags.push(tag);
        } else unknownSegments.push(keepSegment(s));
        continue;
      case 'DOC': {
        if (traveller === undefined) {
          unknownSegments.push(keepSegment(s));
          continue;
        }
        state = 'document';
        doc = new Document(s);
        traveller.documents.push(doc);
        continue;
      }
      case 'CNT': {
        closeTraveller();
        state = 'trailer';
        cnt = keepSegment(s);
        const qualifier = component(s, 0, 0);
        if (qualifier === '42') declaredPassengers = count(s);
        else if (qualifier === '41') declaredCrew = count(s);
        else unknownSegments.push(keepSegment(s));
        continue;
      }
      default:
        unknownSegments.push(keepSegment(s));
    }
  }
  closeTraveller();

  if (bgm === undefined) throw missing(message, 'BGM (document name: 745 passengers, 250 crew…)');
  if (transports.length === 0) throw missing(message, 'TDT (the flight)');
  for (const d of travellers) for (const x of d.documents) Object.freeze(x);

  const passengerCount = travellers.reduce((n, t) => n + (t.role === 'passenger' ? 1 : 0), 0);
  const crewCount = travellers.length - passengerCount;
  const sequence = message.sequence;
  const part =
    sequence?.number === undefined ? undefined : { number: sequence.number, final: sequence.position !== 'C' };
  // A part of a multi-part list may declare the whole list's totals: assemblePaxlst checks those.
  const multiPart = part !== undefined && !(part.number === 1 && part.final);
  if (!multiPart) checkTotals(declaredPassengers, declaredCrew, passengerCount, crewCount, cnt ?? walk.at(last), warn);

  const documentCode = component(bgm, 0);
  return Object.freeze({
    kind: 'paxlst',
    messageReference: message.reference,
    directory: `${message.version}${message.release}`,
    documentCode,
    listType: listTypes[documentCode] ?? 'other',
    messageFunction: component(bgm, 1),
    transactionReference,
    commonAccessReference: message.commonAccessReference,
    part: part === undefined ? undefined : Object.freeze(part),
    partCount: 1,
    reportingParty: party === undefined ? undefined : Object.freeze(party),
    flight: buildFlight(transports),
    travellers: Object.freeze(travellers),
    declaredPassengers,
    declaredCrew,
    passengerCount,
    crewCount,
    referenceDate: reference,
    unknownSegments: Object.freeze(unknownSegments),
    warnings: Object.freeze(warnings),
  });
}

/** Compares CNT totals with the travellers found and warns on a mismatch. */
export function checkTotals(
  declaredPassengers: number | undefined,
  declaredCrew: number | undefined,
  passengers: number,
  crew: number,
  at: EdifactSegment,
  warn: (code: EdifactWarningCode, segment: EdifactSegment, text: string) => void,
): void {
  if (declaredPassengers !== undefined && declaredPassengers !== passengers) {
    warn('paxlst.cnt_mismatch', at, `CNT+42 declares ${declaredPassengers} passengers, the list holds ${passengers}`);
  }
  if (declaredCrew !== undefined && declaredCrew !== crew) {
    warn('paxlst.cnt_mismatch', at, `CNT+41 declares ${declaredCrew} crew, the list holds ${crew}`);
  }
}

function missing(message: EdifactMessage, expected: string): EdifactParseError {
  const unt = message.segments.at(-1)!;
  return new EdifactParseError('paxlst.missing_segment', {
    segment: unt.index,
    tag: unt.tag,
    offset: unt.offset,
    expected,
    found: `end of message ${message.reference}`,
  });
}
