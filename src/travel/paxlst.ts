/**
 * PAXLST (API passenger and crew lists, D02B and D05B) from EDIFACT messages into `PaxlstList`s. One pass over the
 * segments with a small state machine that follows the MIG groups: header → Gr1 reporting party → Gr2/Gr3 transport
 * and legs → Gr4 travellers → Gr5 documents → CNT. CNT totals that disagree with the travellers found, or that cannot
 * be read, are warnings.
 *
 * The lists are immutable by type (`readonly` throughout, see paxlst.types.ts), not frozen at run time: freezing each
 * traveller, document, reference and list cost about a fifth of the parse. Only the empty list the travellers share
 * is frozen, since a change to it would show in all of them.
 */
import { describeFound, EdifactParseError, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import {
  component,
  expectMessageType,
  readInterchange,
  walkSegments,
  type EdifactInterchange,
  type EdifactMessage,
  type EdifactSegment,
  type SegmentView,
} from './edifact.js';
import { fromDtm, fromYymmdd, todayUtc, type IsoDate } from './dates.js';
import { countryOf } from './edifact-values.js';
import { genderOf, type CountryRef, type Gender } from './travel.types.js';
import { buildFlight, splitJourney, type TransportDraft } from './paxlst-flight.js';
import {
  Bags,
  Document,
  Reference,
  Traveller,
  type BagsDraft,
  type DocumentDraft,
  type TravellerDraft,
} from './paxlst-drafts.js';
import { add, type Mutable } from './plain-objects.js';
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

/** `genderOf(raw)`, the two usual codes answered first. */
function gender(raw: string): Gender | undefined {
  return raw === 'F' ? 'F' : raw === 'M' ? 'M' : genderOf(raw);
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
  // Read from text, the interchange is done with once its messages are: its segment table is reused.
  const interchange = typeof input === 'object' && 'kind' in input ? input : readInterchange(input, true);
  const prepared = fromYymmdd(interchange.preparedDate, 'expiry', todayUtc());
  const fallback = options.referenceDate ?? prepared ?? todayUtc();
  const lists = interchange.messages.map((message) => parsePaxlstMessage(message, { referenceDate: fallback }));
  return {
    kind: 'paxlst-interchange',
    sender: interchange.sender,
    recipient: interchange.recipient,
    controlReference: interchange.controlReference,
    applicationReference: interchange.applicationReference,
    lists,
    warnings: interchange.warnings,
  };
}

/** Parses one tokenized PAXLST message; throws `EdifactParseError` for another message type or a missing BGM/TDT. */
export function parsePaxlstMessage(message: EdifactMessage, options: { readonly referenceDate: IsoDate }): PaxlstList {
  expectMessageType(message, 'PAXLST');
  const warnings: EdifactWarning[] = [...message.warnings];
  const warn = (code: EdifactWarningCode, segment: EdifactSegment, text: string): void => {
    warnings.push({ code, message: text, segment: segment.index, offset: segment.offset });
  };
  const country = (segment: EdifactSegment, raw: string): CountryRef | undefined => {
    const ref = countryOf(raw);
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
    if (bags !== undefined) traveller.bags = bags;
    travellers.push(traveller);
    traveller = undefined;
    bags = undefined;
    doc = undefined;
  };
  const ensureBags = (): BagsDraft => (bags ??= new Bags());
  // A CNT only checks the list: one whose count cannot be read (`CNT+41+8`, seen in real lists) is a warning and leaves
  // that total unchecked, as a total that disagrees is, rather than rejecting travellers that were read.
  const count = (segment: SegmentView): number | undefined => {
    const raw = segment.component(0, 1);
    if (/^\d{1,7}$/.test(raw)) return Number(raw);
    const what = `${segment.tag}+${segment.component(0, 0)}`;
    const found = describeFound(raw);
    warn('paxlst.cnt_mismatch', segment, `${what} gives no count (found ${found}, expected ${what}:n), not checked`);
    return undefined;
  };
  const date = (segment: SegmentView, rule: 'birth' | 'expiry'): string | undefined => {
    const raw = segment.component(0, 1);
    const value = fromDtm(raw, segment.component(0, 2), rule, reference);
    if (value === undefined && raw !== '') {
      warn('paxlst.invalid_date', segment, `DTM+${segment.component(0)} ${JSON.stringify(raw)} is not a date`);
    }
    return value;
  };

  const walk = walkSegments(message);
  const last = walk.count - 1; // UNT
  for (let i = 1; i < last; i++) {
    const s = walk.at(i);
    switch (s.tag) {
      case 'BGM':
        bgm = s.pin();
        continue;
      case 'RFF': {
        const qualifier = s.component(0, 0);
        const value = s.component(0, 1);
        if (traveller !== undefined) {
          traveller.references = add(traveller.references, new Reference(qualifier, value));
          if (qualifier === 'AVF') traveller.recordLocator = value;
          else if (qualifier === 'SEA') traveller.seat = value;
          else if (qualifier === 'YZY') traveller.ticketNumber = value;
        } else if (qualifier === 'TN') transactionReference = value;
        else unknownSegments.push(s.keep());
        continue;
      }
      case 'NAD': {
        const qualifier = s.component(0);
        if (qualifier === 'MS') {
          state = 'party';
          party = { name: s.component(3) || s.component(1), phone: undefined, fax: undefined, email: undefined };
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
        } else if (traveller !== undefined) traveller.contact = s.component(0);
        else unknownSegments.push(s.keep());
        continue;
      }
      case 'CTA':
        if (party !== undefined && state === 'party' && s.component(1, 1) !== '') party.name ||= s.component(1, 1);
        continue;
      case 'TDT': {
        closeTraveller();
        state = 'transport';
        transport = { segment: s.pin(), stops: [] };
        checkJourney(transport.segment);
        transports.push(transport);
        continue;
      }
      case 'LOC': {
        const qualifier = s.component(0);
        const place = s.component(1);
        if (state === 'transport' && transport !== undefined) {
          transport.stops.push({ qualifier, airport: place, arrival: undefined, departure: undefined });
        } else if (state === 'document' && doc !== undefined && qualifier === '91') {
          doc.issuingState = country(s, place);
          doc.issuingPlace = s.component(1, 3) || undefined;
        } else if (traveller !== undefined) {
          if (qualifier === '178') traveller.embarkation = place;
          else if (qualifier === '179') traveller.debarkation = place;
          else if (qualifier === '22') traveller.clearance = place;
          else if (qualifier === '174') traveller.residence = country(s, place);
          else if (qualifier === '180') {
            // Place of birth: LOC+180+GBR:::LONDON, or the place name alone in component 4.
            traveller.countryOfBirth = place === '' ? undefined : country(s, place);
            traveller.placeOfBirth = s.component(1, 3) || undefined;
          } else unknownSegments.push(s.keep());
        } else unknownSegments.push(s.keep());
        continue;
      }
      case 'DTM': {
        const qualifier = s.component(0, 0);
        if (state === 'transport' && transport !== undefined) {
          const stop = transport.stops.at(-1);
          const value = date(s, 'expiry');
          if (stop !== undefined && qualifier === '189') stop.departure = value;
          else if (stop !== undefined && qualifier === '232') stop.arrival = value;
          else unknownSegments.push(s.keep());
          // Birth years are placed against the flight date: the first scheduled date the message gives.
          if (!referenceFixed && value !== undefined) {
            reference = value.slice(0, 10);
            referenceFixed = true;
          }
        } else if (state === 'document' && doc !== undefined) {
          if (qualifier === '36') doc.expiry = date(s, 'expiry');
          else if (qualifier === '182') doc.issued = date(s, 'birth');
          else unknownSegments.push(s.keep());
        } else if (traveller !== undefined && qualifier === '329') traveller.dateOfBirth = date(s, 'birth');
        else unknownSegments.push(s.keep());
        continue;
      }
      case 'ATT':
        if (traveller !== undefined && s.component(0) === '2') traveller.gender = gender(s.component(2));
        else unknownSegments.push(s.keep());
        continue;
      case 'NAT':
        if (traveller !== undefined) traveller.nationality = country(s, s.component(1));
        else unknownSegments.push(s.keep());
        continue;
      case 'EMP':
        if (traveller !== undefined) traveller.crewFunction = s.component(1) || undefined;
        continue;
      case 'GEI':
        if (traveller !== undefined && s.component(0) === '4') traveller.verified = s.component(1) === '173';
        continue;
      case 'MEA': {
        if (traveller === undefined) {
          unknownSegments.push(s.keep());
          continue;
        }
        const b = ensureBags();
        const kind = s.component(0);
        if (kind === 'CT') b.count = numberOrUndefined(s.component(2, 1));
        else if (kind === 'WT') {
          b.weight = numberOrUndefined(s.component(2, 1));
          b.weightUnit = s.component(2, 0) || undefined;
        }
        continue;
      }
      case 'FTX':
        if (traveller !== undefined && s.component(0) === 'BAG') {
          const tag = s.component(3, 0);
          if (tag !== '') {
            const b = ensureBags();
            b.tags = add(b.tags, tag);
          }
        } else unknownSegments.push(s.keep());
        continue;
      case 'DOC': {
        if (traveller === undefined) {
          unknownSegments.push(s.keep());
          continue;
        }
        state = 'document';
        doc = new Document(s);
        traveller.documents = add(traveller.documents, doc);
        continue;
      }
      case 'CNT': {
        closeTraveller();
        state = 'trailer';
        cnt = s.pin();
        const qualifier = s.component(0, 0);
        if (qualifier === '42') declaredPassengers = count(s);
        else if (qualifier === '41') declaredCrew = count(s);
        else unknownSegments.push(s.keep());
        continue;
      }
      default:
        unknownSegments.push(s.keep());
    }
  }
  closeTraveller();

  if (bgm === undefined) throw missing(message, 'BGM (document name: 745 passengers, 250 crew…)');
  if (transports.length === 0) throw missing(message, 'TDT (the flight)');

  const passengerCount = travellers.reduce((n, t) => n + (t.role === 'passenger' ? 1 : 0), 0);
  const crewCount = travellers.length - passengerCount;
  const sequence = message.sequence;
  const part =
    sequence?.number === undefined ? undefined : { number: sequence.number, final: sequence.position !== 'C' };
  // A part of a multi-part list may declare the whole list's totals: assemblePaxlst checks those.
  const multiPart = part !== undefined && !(part.number === 1 && part.final);
  if (!multiPart) checkTotals(declaredPassengers, declaredCrew, passengerCount, crewCount, cnt ?? walk.at(last), warn);

  const documentCode = component(bgm, 0);
  return {
    kind: 'paxlst',
    messageReference: message.reference,
    directory: `${message.version}${message.release}`,
    documentCode,
    listType: listTypes[documentCode] ?? 'other',
    messageFunction: component(bgm, 1),
    transactionReference,
    commonAccessReference: message.commonAccessReference,
    part,
    partCount: 1,
    reportingParty: party,
    flight: buildFlight(transports),
    travellers,
    declaredPassengers,
    declaredCrew,
    passengerCount,
    crewCount,
    referenceDate: reference,
    unknownSegments,
    warnings,
  };
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

/**
 * Refuses a TDT that names no flight: without its journey id (element 2), or a carrier (that id's first characters,
 * or element 5), every such list of a day would be filed under one flight of no one's.
 */
function checkJourney(tdt: EdifactSegment): void {
  const journeyId = component(tdt, 1);
  const fail = (expected: string, found: string) =>
    new EdifactParseError('paxlst.invalid_value', {
      segment: tdt.index,
      tag: tdt.tag,
      offset: tdt.offset,
      expected,
      found,
    });
  if (journeyId.trim() === '') throw fail('a journey id (carrier and flight number) in TDT element 2', 'none');
  const { carrier, flightNumber } = splitJourney(journeyId, component(tdt, 4));
  if (carrier === '' || flightNumber === '')
    throw fail(
      'a carrier code in TDT element 2 before the flight number, or in element 5',
      `journey id "${journeyId.slice(0, 20)}" and no carrier`,
    );
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
