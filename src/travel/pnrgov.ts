/**
 * PNRGOV (PNR pushed to governments, PADIS 10.1 and later) from EDIFACT messages into `PnrgovMessage`s. One pass over
 * the segments; the current group (PNR, traveller, ticket, payment, flight, check-in, split, non-air, history) decides
 * what a segment belongs to, as the implementation guide nests them. Unknown segments are kept and counted.
 */
import { EdifactParseError, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import {
  component,
  expectMessageType,
  parseEdifact,
  type EdifactInterchange,
  type EdifactMessage,
  type EdifactSegment,
} from './edifact.js';
import { fromDdmmyy, fromYymmdd, todayUtc, type IsoDate } from './dates.js';
import {
  readAdd,
  readCtce,
  readCtcm,
  readDoca,
  readDoco,
  readDocs,
  readFop,
  readInft,
  readSponsor,
  readSsr,
  readTif,
  readUmnr,
  segmentText,
  type PaymentDraft,
} from './pnrgov-ssr.js';
import { readOrg, readTvl, type LegDraft } from './pnrgov-flight.js';
import type {
  PnrgovBooking,
  PnrgovCheckIn,
  PnrgovHistoryEntry,
  PnrgovInterchange,
  PnrgovMessage,
  PnrgovOptions,
  PnrgovTicket,
  PnrgovTraveller,
} from './pnrgov.types.js';

export type * from './pnrgov.types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ArrayFields<T> = { [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type TravellerDraft = ArrayFields<Mutable<PnrgovTraveller>>;
type TicketDraft = ArrayFields<Mutable<PnrgovTicket>>;
type BookingDraft = ArrayFields<Mutable<PnrgovBooking>>;
type CheckInDraft = Mutable<PnrgovCheckIn>;
type HistoryDraft = {
  actor: string;
  at: PnrgovHistoryEntry['at'];
  changes: { action: string; tag: string; text: string }[];
};
type Level =
  'header' | 'pnr' | 'traveller' | 'ticket' | 'payment' | 'flight' | 'checkin' | 'split' | 'nonair' | 'history';

/** Segments that only make sense inside an SRC group: seeing one before any SRC means a broken message. */
const pnrOnly = new Set(['RCI', 'TIF', 'TKT', 'FOP', 'SSR', 'TRI', 'SSD', 'TBD', 'ABI', 'SAC', 'LTS', 'MON', 'PTK']);
const historyItems = new Set(['TIF', 'SSR', 'IFT', 'TBD', 'TVL', 'RPI']);

function addUnique(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

/** Parses every PNRGOV message of an interchange (text, bytes, or an already tokenized interchange). */
export function parsePnrgov(
  input: string | Uint8Array | EdifactInterchange,
  options: PnrgovOptions = {},
): PnrgovInterchange {
  const interchange = typeof input === 'object' && 'kind' in input ? input : parseEdifact(input);
  const prepared = fromYymmdd(interchange.preparedDate, 'expiry', todayUtc());
  const referenceDate = options.referenceDate ?? prepared ?? todayUtc();
  return Object.freeze({
    kind: 'pnrgov-interchange',
    sender: interchange.sender,
    recipient: interchange.recipient,
    controlReference: interchange.controlReference,
    messages: Object.freeze(interchange.messages.map((m) => parsePnrgovMessage(m, { referenceDate }))),
    warnings: interchange.warnings,
  });
}

/** Parses one tokenized PNRGOV message; throws `EdifactParseError` for another type or a PNR segment outside SRC. */
export function parsePnrgovMessage(
  message: EdifactMessage,
  options: { readonly referenceDate: IsoDate },
): PnrgovMessage {
  expectMessageType(message, 'PNRGOV');
  const unh = message.segments[0]!;
  const warnings: EdifactWarning[] = [...message.warnings];
  const warn = (code: EdifactWarningCode, s: EdifactSegment, text: string): void => {
    warnings.push(Object.freeze({ code, message: text, segment: s.index, offset: s.offset }));
  };
  let reference = options.referenceDate;
  const dateTime = (s: EdifactSegment, date: string, time: string) => {
    const value = fromDdmmyy(date, time, reference);
    if (value === undefined && date !== '')
      warn('pnrgov.invalid_date', s, `${JSON.stringify(date)} is not a DDMMYY date`);
    return value;
  };

  let pushType: PnrgovMessage['pushType'] = 'other';
  let sender: PnrgovMessage['sender'];
  let flight: PnrgovMessage['flight'];
  let declaredPnrCount: number | undefined;
  const bookings: PnrgovBooking[] = [];
  const unknownSegments: EdifactSegment[] = [];
  const unknownSegmentCounts: Record<string, number> = {};

  let level: Level = 'header';
  let booking: BookingDraft | undefined;
  let traveller: TravellerDraft | undefined;
  let ticket: TicketDraft | undefined;
  let payment: PaymentDraft | undefined;
  let leg: LegDraft | undefined;
  let checkIn: CheckInDraft | undefined;
  let checkInTime: PnrgovCheckIn['checkedInAt'];
  let checkInAgent: string | undefined;
  let history: HistoryDraft | undefined;
  let historyAction = '';

  const unknown = (s: EdifactSegment): void => {
    unknownSegments.push(s);
    unknownSegmentCounts[s.tag] = (unknownSegmentCounts[s.tag] ?? 0) + 1;
  };
  const closeTicket = (): void => {
    if (ticket === undefined || traveller === undefined) return;
    traveller.tickets.push(
      Object.freeze({ ...ticket, amounts: Object.freeze(ticket.amounts), payments: Object.freeze(ticket.payments) }),
    );
    ticket = undefined;
  };
  const closePayment = (): void => {
    if (payment === undefined) return;
    const frozen = Object.freeze({ ...payment });
    if (ticket !== undefined) ticket.payments.push(frozen);
    booking?.payments.push(frozen);
    payment = undefined;
  };
  const closeTraveller = (): void => {
    closePayment();
    closeTicket();
    if (traveller === undefined || booking === undefined) return;
    const t = traveller;
    for (const phone of t.phones) addUnique(booking.phones, phone);
    for (const email of t.emails) addUnique(booking.emails, email);
    booking.travellers.push(
      Object.freeze({
        ...t,
        documents: Object.freeze(t.documents),
        addresses: Object.freeze(t.addresses),
        emails: Object.freeze(t.emails),
        phones: Object.freeze(t.phones),
        frequentFlyer: Object.freeze(t.frequentFlyer),
        seats: Object.freeze(t.seats),
        tickets: Object.freeze(t.tickets),
        ssrs: Object.freeze(t.ssrs),
        remarks: Object.freeze(t.remarks),
      }),
    );
    traveller = undefined;
  };
  const closeCheckIn = (): void => {
    if (checkIn !== undefined && leg !== undefined) leg.checkIns.push(Object.freeze(checkIn));
    checkIn = undefined;
  };
  const closeLeg = (): void => {
    closeCheckIn();
    if (leg !== undefined && booking !== undefined) booking.itinerary.push(freezeLeg(leg));
    leg = undefined;
    checkInTime = undefined;
    checkInAgent = undefined;
  };
  const closeHistory = (): void => {
    if (history !== undefined && booking !== undefined) {
      booking.history.push(Object.freeze({ ...history, changes: Object.freeze(history.changes) }));
    }
    history = undefined;
  };
  const closeBooking = (): void => {
    closeTraveller();
    closeLeg();
    closeHistory();
    if (booking === undefined) return;
    const b = booking;
    bookings.push(
      Object.freeze({
        ...b,
        locators: Object.freeze(b.locators),
        travellers: Object.freeze(b.travellers),
        itinerary: Object.freeze(b.itinerary),
        payments: Object.freeze(b.payments),
        sponsors: Object.freeze(b.sponsors),
        addresses: Object.freeze(b.addresses),
        phones: Object.freeze(b.phones),
        emails: Object.freeze(b.emails),
        ssrs: Object.freeze(b.ssrs),
        remarks: Object.freeze(b.remarks),
        splitLocators: Object.freeze(b.splitLocators),
        nonAir: Object.freeze(b.nonAir),
        history: Object.freeze(b.history),
        historyText: Object.freeze(b.historyText),
      }),
    );
    booking = undefined;
  };

  const applySsr = (s: EdifactSegment): void => {
    const ssr = readSsr(s);
    if (level === 'history') {
      history?.changes.push({ action: historyAction, tag: s.tag, text: segmentText(s) });
      return;
    }
    if (leg !== undefined && (level === 'flight' || level === 'checkin')) {
      leg.ssrs.push(ssr);
      if (ssr.seat !== '' || ssr.code === 'SEAT')
        leg.seats.push(Object.freeze({ seat: ssr.seat, travellerReference: ssr.travellerReference }));
      return;
    }
    const t = traveller;
    if (t === undefined) {
      booking?.ssrs.push(ssr);
      return;
    }
    t.ssrs.push(ssr);
    switch (ssr.code) {
      case 'DOCS': {
        const doc = readDocs(ssr.text, reference);
        t.documents.push(doc);
        if (!doc.infant) {
          t.dateOfBirth ??= doc.dateOfBirth;
          t.gender ??= doc.gender;
          t.nationality ??= doc.nationality;
        }
        break;
      }
      case 'DOCO':
        t.documents.push(readDoco(ssr.text, reference));
        break;
      case 'DOCA':
        t.addresses.push(readDoca(ssr.text));
        break;
      case 'CTCE':
        addUnique(t.emails, readCtce(ssr.text));
        break;
      case 'CTCM':
        addUnique(t.phones, readCtcm(ssr.text));
        break;
      case 'UMNR':
        t.unaccompaniedMinor = readUmnr(ssr.text);
        break;
      case 'INFT':
        t.infant = readInft(ssr.text, reference);
        break;
      case 'FQTV':
        addUnique(t.frequentFlyer, ssr.text.replace(/^\//, ''));
        break;
      case 'SEAT':
        addUnique(t.seats, ssr.seat);
        break;
      default:
    }
  };

  const segments = message.segments;
  const last = segments.length - 1;
  for (let i = 1; i < last; i++) {
    const s = segments[i]!;
    const tag = s.tag;
    if (booking === undefined && pnrOnly.has(tag)) {
      throw new EdifactParseError('pnrgov.unexpected_segment', {
        segment: s.index,
        tag,
        offset: s.offset,
        expected: 'SRC (start of a PNR) before PNR data',
        found: tag,
      });
    }
    if (level === 'history' && historyItems.has(tag)) {
      history?.changes.push({ action: historyAction, tag, text: segmentText(s) });
      continue;
    }
    switch (tag) {
      case 'MSG': {
        const code = component(s, 0, 1);
        if (booking === undefined) pushType = code === '22' ? 'full' : code === '141' ? 'changes' : 'other';
        else if (component(s, 0, 0) === '8' || code === '8') {
          closeLeg();
          level = 'nonair';
        } else unknown(s);
        continue;
      }
      case 'SRC':
        closeBooking();
        level = 'pnr';
        booking = {
          kind: 'booking',
          recordLocator: '',
          locators: [],
          createdAt: undefined,
          lastTransactionAt: undefined,
          agency: undefined,
          travellers: [],
          itinerary: [],
          payments: [],
          sponsors: [],
          addresses: [],
          phones: [],
          emails: [],
          ssrs: [],
          remarks: [],
          splitLocators: [],
          nonAir: [],
          history: [],
          historyText: [],
          segment: s.index,
          offset: s.offset,
        };
        continue;
      case 'RCI': {
        const b = booking!;
        for (const e of s.elements) {
          const carrier = e[0] ?? '';
          const locator = e[1] ?? '';
          if (locator === '') continue;
          if (level === 'split') addUnique(b.splitLocators, locator);
          else if (level === 'pnr') {
            b.locators.push(Object.freeze({ carrier, locator }));
            if (b.recordLocator === '') b.recordLocator = locator;
            if (b.createdAt === undefined && (e[3] ?? '') !== '') b.createdAt = dateTime(s, e[3]!, e[4] ?? '');
          }
        }
        continue;
      }
      case 'EQN':
        if (booking === undefined) {
          const raw = component(s, 0);
          declaredPnrCount = /^\d{1,7}$/.test(raw) ? Number(raw) : undefined;
        } else {
          closeTraveller();
          closeLeg();
          level = 'split';
        }
        continue;
      case 'ORG': {
        const org = readOrg(s);
        if (booking === undefined) sender = org;
        else if (level === 'flight' || level === 'checkin')
          checkInAgent =
            org.agentId ||
            org.agencyId ||
            org.location ||
            [org.system, org.systemLocation].filter((x) => x !== '').join(':');
        else if (level === 'pnr') booking.agency = org;
        else unknown(s);
        continue;
      }
      case 'TVL': {
        const draft = readTvl(s, dateTime);
        if (booking === undefined) {
          flight = freezeLeg(draft);
          // Two-digit birth years in SSR DOCS are placed against the pushed flight's date.
          if (draft.departure !== undefined) reference = draft.departure.slice(0, 10);
          continue;
        }
        if (level === 'nonair') {
          booking.nonAir.push(segmentText(s));
          continue;
        }
        closeTraveller();
        closeLeg();
        leg = draft;
        level = 'flight';
        continue;
      }
      case 'TRA':
        if (leg !== undefined) {
          leg.operating = { carrier: component(s, 0), flightNumber: component(s, 1).replace(/^0+(?=\d)/, '') };
        } else unknown(s);
        continue;
      case 'RPI':
        if (leg !== undefined) {
          const n = component(s, 0);
          leg.partySize = /^\d{1,4}$/.test(n) ? Number(n) : undefined;
          leg.status = component(s, 1);
        } else unknown(s);
        continue;
      case 'APD':
        if (leg !== undefined) leg.equipment = component(s, 0) || undefined;
        else unknown(s);
        continue;
      case 'TIF': {
        if (level === 'checkin' || (level === 'flight' && checkIn !== undefined)) {
          const who = readTif(s);
          if (checkIn !== undefined) {
            checkIn.surname = who.surname;
            checkIn.givenNames = who.givenNames;
            checkIn.travellerReference = who.reference;
          }
          continue;
        }
        if (level === 'flight' || level === 'split' || level === 'nonair') {
          throw new EdifactParseError('pnrgov.unexpected_segment', {
            segment: s.index,
            tag,
            offset: s.offset,
            expected: 'travellers (TIF) before the itinerary (TVL) of their PNR',
            found: 'TIF after the itinerary',
          });
        }
        closeTraveller();
        level = 'traveller';
        const who = readTif(s);
        traveller = {
          kind: 'pnr-traveller',
          ...who,
          dateOfBirth: undefined,
          gender: undefined,
          nationality: undefined,
          documents: [],
          addresses: [],
          emails: [],
          phones: [],
          unaccompaniedMinor: undefined,
          infant: undefined,
          frequentFlyer: [],
          seats: [],
          tickets: [],
          ssrs: [],
          remarks: [],
          segment: s.index,
        };
        continue;
      }
      case 'SSR':
        applySsr(s);
        continue;
      case 'FTI':
        if (traveller !== undefined) addUnique(traveller.frequentFlyer, `${component(s, 0, 0)}${component(s, 0, 1)}`);
        else unknown(s);
        continue;
      case 'REF':
      case 'FAR':
      case 'EBD':
      case 'TXD':
        // Known segments whose content no screening rule uses yet: kept in the raw message, not counted as unknown.
        continue;
      case 'TKT': {
        if (traveller === undefined) {
          unknown(s);
          continue;
        }
        closePayment();
        closeTicket();
        level = 'ticket';
        ticket = {
          kind: 'ticket',
          number: component(s, 0, 0),
          type: component(s, 0, 1),
          conjunctiveCount: component(s, 0, 2),
          amounts: [],
          issuedAt: undefined,
          validatingCarrier: undefined,
          salesLocation: undefined,
          payments: [],
        };
        continue;
      }
      case 'MON':
        if (ticket !== undefined) {
          for (const e of s.elements) {
            ticket.amounts.push(Object.freeze({ qualifier: e[0] ?? '', amount: e[1] ?? '', currency: e[2] ?? '' }));
          }
        } else unknown(s);
        continue;
      case 'PTK':
        if (ticket !== undefined) {
          ticket.issuedAt ??= dateTime(s, component(s, 2, 0), component(s, 2, 1));
          ticket.validatingCarrier = component(s, 3) || undefined;
          ticket.salesLocation = component(s, 5) || undefined;
        } else unknown(s);
        continue;
      case 'DAT': {
        for (const e of s.elements) {
          const qualifier = e[0] ?? '';
          const at = dateTime(s, e[1] ?? '', e[2] ?? '');
          if (level === 'history' && history !== undefined) history.at ??= at;
          else if (ticket !== undefined && qualifier === '710') ticket.issuedAt = at;
          else if ((level === 'flight' || level === 'checkin') && qualifier === '2') checkInTime = at;
          else if (booking !== undefined && qualifier === '700') booking.lastTransactionAt = at;
        }
        continue;
      }
      case 'FOP': {
        for (const p of readFop(s)) {
          closePayment();
          payment = { kind: 'payment', ...p, sponsor: undefined, payerAddress: undefined };
        }
        level = 'payment';
        continue;
      }
      case 'IFT': {
        const qualifier = `${component(s, 0, 0)}:${component(s, 0, 1)}`;
        if (qualifier === '4:43') {
          const sponsor = readSponsor(s);
          if (payment !== undefined) payment.sponsor = sponsor;
          else booking?.sponsors.push(sponsor);
          if (booking !== undefined) addUnique(booking.phones, sponsor.phone.replace(/[^\d+]/g, ''));
          continue;
        }
        const text = s.elements
          .slice(1)
          .map((e) => e.join(' ').trim())
          .filter((x) => x !== '')
          .join(' ');
        if (traveller !== undefined) traveller.remarks.push(text);
        else if (booking !== undefined) {
          booking.remarks.push(text);
          // OSI contact remarks (CTCM 0044…, CTCP…) carry phone numbers that link bookings.
          const phone = /^CTC[MPHB]\s*([+\d][\d\s-]{5,})/.exec(text);
          if (phone !== null) addUnique(booking.phones, phone[1]!.replace(/[^\d+]/g, ''));
        } else unknown(s);
        continue;
      }
      case 'ADD': {
        const address = readAdd(s);
        if (level === 'payment' && payment !== undefined) payment.payerAddress = address;
        else if (traveller !== undefined) traveller.addresses.push(address);
        else if (booking !== undefined) {
          booking.addresses.push(address);
          addUnique(booking.phones, address.phone?.replace(/[^\d+]/g, ''));
          addUnique(booking.emails, address.email?.toLowerCase());
        } else unknown(s);
        continue;
      }
      case 'TRI':
        if (leg === undefined) {
          unknown(s);
          continue;
        }
        closeCheckIn();
        level = 'checkin';
        checkIn = {
          kind: 'check-in',
          travellerReference: component(s, 1, 1),
          surname: '',
          givenNames: '',
          sequence: component(s, 1, 0),
          checkedInAt: checkInTime,
          agent: checkInAgent,
          seat: undefined,
          cabin: undefined,
          bags: undefined,
        };
        continue;
      case 'SSD':
        if (checkIn !== undefined) {
          checkIn.seat = component(s, 0) || undefined;
          checkIn.cabin = component(s, 4) || undefined;
        } else unknown(s);
        continue;
      case 'TBD':
        if (checkIn !== undefined) {
          const countRaw = component(s, 1, 0);
          const weightRaw = component(s, 1, 1);
          checkIn.bags = Object.freeze({
            count: /^\d{1,3}$/.test(countRaw) ? Number(countRaw) : undefined,
            weight: weightRaw === '' || !Number.isFinite(Number(weightRaw)) ? undefined : Number(weightRaw),
            weightUnit: component(s, 1, 2),
            tags: Object.freeze(
              s.elements.slice(4).map((e) =>
                Object.freeze({
                  carrier: e[0] ?? '',
                  number: e[1] ?? '',
                  count: /^\d{1,3}$/.test(e[2] ?? '') ? Number(e[2]) : 1,
                  destination: e[3] ?? '',
                }),
              ),
            ),
          });
        } else unknown(s);
        continue;
      case 'ABI':
        closeTraveller();
        closeLeg();
        closeHistory();
        level = 'history';
        historyAction = '';
        history = {
          actor: s.elements
            .map((e) => e.filter((x) => x !== '').join(' '))
            .filter((x) => x !== '')
            .join(' '),
          at: undefined,
          changes: [],
        };
        continue;
      case 'SAC':
        historyAction = component(s, 2) || component(s, 0);
        continue;
      case 'LTS':
        booking!.historyText.push(s.elements.map((e) => e.join(':')).join('+'));
        continue;
      default:
        unknown(s);
    }
  }
  closeBooking();

  const sequence = message.sequence;
  const singlePart =
    sequence === undefined || sequence.number === undefined || (sequence.number === 1 && sequence.position !== 'C');
  if (declaredPnrCount !== undefined && singlePart && declaredPnrCount !== bookings.length) {
    warn(
      'pnrgov.eqn_mismatch',
      segments[last]!,
      `EQN declares ${declaredPnrCount} PNRs, the message holds ${bookings.length}`,
    );
  }
  for (const [tag, n] of Object.entries(unknownSegmentCounts)) {
    warn('pnrgov.unknown_segment', unh, `${n} ${tag} segment${n > 1 ? 's' : ''} not interpreted`);
  }
  return Object.freeze({
    kind: 'pnrgov',
    messageReference: message.reference,
    version: `${message.version}.${message.release}`,
    pushType,
    sender,
    flight,
    declaredPnrCount,
    bookings: Object.freeze(bookings),
    unknownSegments: Object.freeze(unknownSegments),
    unknownSegmentCounts: Object.freeze(unknownSegmentCounts),
    warnings: Object.freeze(warnings),
  });
}

function freezeLeg(leg: LegDraft) {
  return Object.freeze({
    ...leg,
    operating:
      leg.operating !== undefined &&
      (leg.operating.carrier !== leg.marketing.carrier ||
        (leg.operating.flightNumber !== '' && leg.operating.flightNumber !== leg.marketing.flightNumber))
        ? Object.freeze(leg.operating)
        : undefined,
    codeshare:
      leg.operating !== undefined &&
      leg.operating.carrier !== '' &&
      (leg.operating.carrier !== leg.marketing.carrier ||
        (leg.operating.flightNumber !== '' && leg.operating.flightNumber !== leg.marketing.flightNumber)),
    seats: Object.freeze(leg.seats),
    checkIns: Object.freeze(leg.checkIns),
    ssrs: Object.freeze(leg.ssrs),
  });
}
