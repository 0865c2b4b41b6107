/**
 * PNRGOV (PNR pushed to governments, PADIS 10.1 and later) from EDIFACT messages into `PnrgovMessage`s. One pass over
 * the segments; the current group (PNR, traveller, ticket, payment, flight, check-in, split, non-air, history) decides
 * what a segment belongs to, as the implementation guide nests them. Unknown segments are kept and counted.
 */
import { EdifactParseError, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import {
  component,
  elementCount,
  expectMessageType,
  parseEdifact,
  type EdifactInterchange,
  type EdifactMessage,
  type EdifactSegment,
} from './edifact.js';
import { fromDdmmyy, fromYymmdd, todayUtc, type IsoDate } from './dates.js';
import {
  readAdd,
  readBags,
  readFop,
  readSponsor,
  readSsr,
  readTif,
  segmentText,
  type PaymentDraft,
} from './pnrgov-ssr.js';
import { readOrg, readTvl, type LegDraft } from './pnrgov-flight.js';
import {
  add,
  addUnique,
  applyTravellerSsr,
  freezeBooking,
  freezeHistory,
  freezeLeg,
  freezeTicket,
  freezeTraveller,
  newBooking,
  newTraveller,
  none,
  type BookingDraft,
  type CheckInDraft,
  type HistoryDraft,
  type TicketDraft,
  type TravellerDraft,
} from './pnrgov-drafts.js';
import type { PnrgovBooking, PnrgovCheckIn, PnrgovInterchange, PnrgovMessage, PnrgovOptions } from './pnrgov.types.js';

export type * from './pnrgov.types.js';

type Level =
  'header' | 'pnr' | 'traveller' | 'ticket' | 'payment' | 'flight' | 'checkin' | 'split' | 'nonair' | 'history';

/** Segments that only make sense inside an SRC group: seeing one before any SRC means a broken message. */
const pnrOnly = new Set(['RCI', 'TIF', 'TKT', 'FOP', 'SSR', 'TRI', 'SSD', 'TBD', 'ABI', 'SAC', 'LTS', 'MON', 'PTK']);
const historyItems = new Set(['TIF', 'SSR', 'IFT', 'TBD', 'TVL', 'RPI']);

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
    traveller.tickets = add(traveller.tickets, freezeTicket(ticket));
    ticket = undefined;
  };
  const closePayment = (): void => {
    if (payment === undefined) return;
    const done = Object.freeze(payment);
    if (ticket !== undefined) ticket.payments = add(ticket.payments, done);
    if (booking !== undefined) booking.payments = add(booking.payments, done);
    payment = undefined;
  };
  const closeTraveller = (): void => {
    closePayment();
    closeTicket();
    if (traveller === undefined || booking === undefined) return;
    const t = traveller;
    for (const phone of t.phones) booking.phones = addUnique(booking.phones, phone);
    for (const email of t.emails) booking.emails = addUnique(booking.emails, email);
    booking.travellers = add(booking.travellers, freezeTraveller(t));
    traveller = undefined;
  };
  const closeCheckIn = (): void => {
    if (checkIn !== undefined && leg !== undefined) leg.checkIns = add(leg.checkIns, Object.freeze(checkIn));
    checkIn = undefined;
  };
  const closeLeg = (): void => {
    closeCheckIn();
    if (leg !== undefined && booking !== undefined) booking.itinerary = add(booking.itinerary, freezeLeg(leg));
    leg = undefined;
    checkInTime = undefined;
    checkInAgent = undefined;
  };
  const closeHistory = (): void => {
    if (history !== undefined && booking !== undefined) booking.history = add(booking.history, freezeHistory(history));
    history = undefined;
  };
  const closeBooking = (): void => {
    closeTraveller();
    closeLeg();
    closeHistory();
    if (booking === undefined) return;
    bookings.push(freezeBooking(booking));
    booking = undefined;
  };

  const applySsr = (s: EdifactSegment): void => {
    const ssr = readSsr(s);
    if (level === 'history') {
      history?.changes.push({ action: historyAction, tag: s.tag, text: segmentText(s) });
      return;
    }
    if (leg !== undefined && (level === 'flight' || level === 'checkin')) {
      leg.ssrs = add(leg.ssrs, ssr);
      if (ssr.seat !== '' || ssr.code === 'SEAT')
        leg.seats = add(leg.seats, Object.freeze({ seat: ssr.seat, travellerReference: ssr.travellerReference }));
      return;
    }
    const t = traveller;
    if (t === undefined) {
      if (booking !== undefined) booking.ssrs = add(booking.ssrs, ssr);
      return;
    }
    applyTravellerSsr(t, ssr, reference);
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
        booking = newBooking(s.index, s.offset);
        continue;
      case 'RCI': {
        const b = booking!;
        for (let e = 0, n = elementCount(s); e < n; e++) {
          const locator = component(s, e, 1);
          if (locator === '') continue;
          if (level === 'split') b.splitLocators = addUnique(b.splitLocators, locator);
          else if (level === 'pnr') {
            b.locators = add(b.locators, Object.freeze({ carrier: component(s, e, 0), locator }));
            if (b.recordLocator === '') b.recordLocator = locator;
            if (b.createdAt === undefined) {
              const created = component(s, e, 3);
              if (created !== '') b.createdAt = dateTime(s, created, component(s, e, 4));
            }
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
          booking.nonAir = add(booking.nonAir, segmentText(s));
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
        traveller = newTraveller(readTif(s), s.index);
        continue;
      }
      case 'SSR':
        applySsr(s);
        continue;
      case 'FTI':
        if (traveller !== undefined)
          traveller.frequentFlyer = addUnique(traveller.frequentFlyer, `${component(s, 0, 0)}${component(s, 0, 1)}`);
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
          amounts: none,
          issuedAt: undefined,
          validatingCarrier: undefined,
          salesLocation: undefined,
          payments: none,
        };
        continue;
      }
      case 'MON':
        if (ticket !== undefined) {
          for (let e = 0, n = elementCount(s); e < n; e++) {
            ticket.amounts = add(
              ticket.amounts,
              Object.freeze({
                qualifier: component(s, e, 0),
                amount: component(s, e, 1),
                currency: component(s, e, 2),
              }),
            );
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
        for (let e = 0, n = elementCount(s); e < n; e++) {
          const qualifier = component(s, e, 0);
          const at = dateTime(s, component(s, e, 1), component(s, e, 2));
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
          payment = p;
        }
        level = 'payment';
        continue;
      }
      case 'IFT': {
        const qualifier = `${component(s, 0, 0)}:${component(s, 0, 1)}`;
        if (qualifier === '4:43') {
          const sponsor = readSponsor(s);
          if (payment !== undefined) payment.sponsor = sponsor;
          else if (booking !== undefined) booking.sponsors = add(booking.sponsors, sponsor);
          if (booking !== undefined) booking.phones = addUnique(booking.phones, sponsor.phone.replace(/[^\d+]/g, ''));
          continue;
        }
        const text = s.elements
          .slice(1)
          .map((e) => e.join(' ').trim())
          .filter((x) => x !== '')
          .join(' ');
        if (traveller !== undefined) traveller.remarks = add(traveller.remarks, text);
        else if (booking !== undefined) {
          booking.remarks = add(booking.remarks, text);
          // OSI contact remarks (CTCM 0044…, CTCP…) carry phone numbers that link bookings.
          const phone = /^CTC[MPHB]\s*([+\d][\d\s-]{5,})/.exec(text);
          if (phone !== null) booking.phones = addUnique(booking.phones, phone[1]!.replace(/[^\d+]/g, ''));
        } else unknown(s);
        continue;
      }
      case 'ADD': {
        const address = readAdd(s);
        if (level === 'payment' && payment !== undefined) payment.payerAddress = address;
        else if (traveller !== undefined) traveller.addresses = add(traveller.addresses, address);
        else if (booking !== undefined) {
          booking.addresses = add(booking.addresses, address);
          booking.phones = addUnique(booking.phones, address.phone?.replace(/[^\d+]/g, ''));
          booking.emails = addUnique(booking.emails, address.email?.toLowerCase());
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
          checkIn.bags = readBags(s);
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
        booking!.historyText = add(booking!.historyText, s.elements.map((e) => e.join(':')).join('+'));
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
