/**
 * PAXLST (API passenger and crew lists, D02B and D05B) from EDIFACT messages into `PaxlstList`s. One pass over the
 * segments with a small state machine that follows the MIG groups: header → Gr1 reporting party → Gr2/Gr3 transport
 * and legs → Gr4 travellers → Gr5 documents → CNT. CNT totals that disagree with the travellers found, that cannot
 * be read or that are missing are warnings, and so is every segment the parser does not interpret (kept in
 * `unknownSegments`): nothing a list says is dropped unseen.
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
import { checkTotals, isPartial, partOf } from './paxlst-assembly.js';
import { buildFlight, checkJourney, timeStop, type StopDraft, type TransportDraft } from './paxlst-flight.js';
import {
  Bags,
  BagTags,
  Document,
  Party,
  Reference,
  Traveller,
  readCom,
  type BagsDraft,
  type DocumentDraft,
  type PartyDraft,
  type TravellerDraft,
} from './paxlst-drafts.js';
import { add } from './plain-objects.js';
import type { PaxlstInterchange, PaxlstList, PaxlstListType, PaxlstOptions, PaxlstTraveller } from './paxlst.types.js';

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

/**
 * A decimal number as sent. ISO 9735 writes the decimal mark as a comma or a full stop (UNA position 3 says which) and
 * allows no digit-group separator, so either mark can only be the decimal mark: both are read, whatever the UNA says.
 */
const DECIMAL = /^-?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * A count (bags, consecutive bag tags, CNT totals) of one to seven digits, else undefined. Read digit by digit, not by
 * a regular expression: bag counts come with many travellers, and the parse is a hot path.
 */
function wholeOf(raw: string): number | undefined {
  if (raw.length === 0 || raw.length > 7) return undefined;
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const digit = raw.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    n = n * 10 + digit;
  }
  return n;
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
  let party: PartyDraft | undefined;
  const transports: TransportDraft[] = [];
  let transport: TransportDraft | undefined;
  let stop: StopDraft | undefined; // the stop of `transport` the next DTM gives a time of
  let reference = options.referenceDate;
  let referenceFixed = false;
  const travellers: PaxlstTraveller[] = [];
  let traveller: TravellerDraft | undefined;
  let bags: BagsDraft | undefined;
  let doc: DocumentDraft | undefined;
  let declaredPassengers: number | undefined;
  let declaredCrew: number | undefined;
  let cnt: EdifactSegment | undefined;
  let counted = false; // a CNT+42 or CNT+41 was found, readable or not
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
    const n = wholeOf(raw);
    if (n !== undefined) return n;
    const what = `${segment.tag}+${segment.component(0, 0)}`;
    const found = describeFound(raw);
    warn('paxlst.cnt_mismatch', segment, `${what} gives no count (found ${found}, expected ${what}:n), not checked`);
    return undefined;
  };
  // A number that cannot be read is a warning and leaves the value unknown; '' is a value not given.
  const numeric = (segment: SegmentView, raw: string, whole: boolean): number | undefined => {
    if (raw === '') return undefined;
    const n = whole ? wholeOf(raw) : DECIMAL.test(raw) ? Number(raw.replace(',', '.')) : undefined;
    if (n !== undefined) return n;
    const what = `${segment.tag}+${segment.component(0)}`;
    warn(
      'paxlst.invalid_value',
      segment,
      `${what} ${describeFound(raw)} is not ${whole ? 'a whole number' : 'a number'}`,
    );
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
          party = new Party(s.component(3) || s.component(1));
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
      case 'COM':
        if (!readCom(s, state === 'party' ? party : undefined, traveller)) unknownSegments.push(s.keep());
        continue;
      case 'CTA': {
        // CTA+IC+:NAME: the contact at the reporting party (its name, else its department code), whose name also
        // names the party when its NAD+MS gives none. A second contact is kept as an unknown segment.
        const name = s.component(1, 1) || s.component(1, 0);
        if (party !== undefined && state === 'party' && party.contactName === undefined && name !== '') {
          party.contactName = name;
          party.name ||= s.component(1, 1);
        } else unknownSegments.push(s.keep());
        continue;
      }
      case 'TDT': {
        closeTraveller();
        state = 'transport';
        transport = { segment: s.pin(), stops: [], finalDestination: undefined };
        stop = undefined;
        checkJourney(transport.segment);
        transports.push(transport);
        continue;
      }
      case 'LOC': {
        const qualifier = s.component(0);
        const place = s.component(1);
        if (state === 'transport' && transport !== undefined) {
          // The airports of the flight (paxlst-flight.ts); LOC+130, the final destination, ends no leg.
          stop = undefined;
          if (place !== '' && (qualifier === '125' || qualifier === '87' || qualifier === '92')) {
            stop = { qualifier, airport: place, arrival: undefined, departure: undefined };
            transport.stops.push(stop);
          } else if (place !== '' && qualifier === '130' && transport.finalDestination === undefined) {
            transport.finalDestination = place;
          } else unknownSegments.push(s.keep());
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
          const value = date(s, 'expiry');
          if (stop === undefined || !timeStop(stop, qualifier, value)) unknownSegments.push(s.keep());
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
        else unknownSegments.push(s.keep());
        continue;
      case 'GEI': {
        // GEI+4: 173 data verified, 174 not verified.
        const value = s.component(1);
        if (traveller !== undefined && s.component(0) === '4' && (value === '173' || value === '174')) {
          traveller.verified = value === '173';
        } else unknownSegments.push(s.keep());
        continue;
      }
      case 'MEA': {
        const kind = s.component(0);
        if (traveller === undefined || (kind !== 'CT' && kind !== 'WT')) {
          unknownSegments.push(s.keep());
          continue;
        }
        const b = ensureBags();
        if (kind === 'CT') b.count = numeric(s, s.component(2, 1), true);
        else {
          b.weight = numeric(s, s.component(2, 1), false);
          b.weightUnit = s.component(2, 0) || undefined;
        }
        continue;
      }
      case 'FTX': {
        // FTX+BAG+++LA123456:2: a bag tag number and the count of consecutive tag numbers from it (1 when not given).
        const tag = s.component(3, 0);
        if (traveller !== undefined && s.component(0) === 'BAG' && tag !== '') {
          const b = ensureBags();
          const run = s.component(3, 1);
          b.tags = add(b.tags, tag);
          b.tagRuns = add(b.tagRuns, new BagTags(tag, run === '' ? 1 : numeric(s, run, true)));
        } else unknownSegments.push(s.keep());
        continue;
      }
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
        counted ||= qualifier === '42' || qualifier === '41';
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
  const part = partOf(message.sequence);
  // A part of a multi-part list may declare the whole list's totals, or none: assemblePaxlst checks those.
  if (!isPartial(part)) {
    if (!counted) warn('paxlst.cnt_missing', walk.at(last), 'no CNT: the list total was not checked');
    checkTotals(declaredPassengers, declaredCrew, passengerCount, crewCount, cnt ?? walk.at(last), warn);
  }
  const flight = buildFlight(transports, warn);
  // One warning per tag not interpreted, at its first segment, with how many there were (as PNRGOV gives them).
  if (unknownSegments.length > 0) warnUnknown(unknownSegments, warn);

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
    flight,
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

/** One `paxlst.unknown_segment` warning per tag of `segments`, at its first segment, saying how many there are. */
function warnUnknown(
  segments: readonly EdifactSegment[],
  warn: (code: EdifactWarningCode, segment: EdifactSegment, text: string) => void,
): void {
  const byTag = new Map<string, { first: EdifactSegment; n: number }>();
  for (const segment of segments) {
    const seen = byTag.get(segment.tag);
    if (seen === undefined) byTag.set(segment.tag, { first: segment, n: 1 });
    else seen.n++;
  }
  for (const [tag, { first, n }] of byTag) {
    warn('paxlst.unknown_segment', first, `${n} ${tag} segment${n > 1 ? 's' : ''} not interpreted`);
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
