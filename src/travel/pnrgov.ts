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
  keepSegment,
  parseEdifact,
  walkSegments,
  type EdifactInterchange,
  type EdifactMessage,
  type EdifactSegment,
} from './edifact.js';
import { fromDdmmyy, fromYymmdd, todayUtc, type IsoDate, type LocalDateTime } from './dates.js';
import { phoneDigits, smallNumber, withoutLeadingZeros } from './edifact-values.js';
import { readAdd, readBags, readFop, readSponsor, readTif, segmentText } from './pnrgov-ssr.js';
import { dateTimeKey, FlightNumber, readOrg, readTvl } from './pnrgov-flight.js';
import { OpenGroups } from './pnrgov-groups.js';
import { add, addUnique, freezeLeg, Amount, Booking, Locator, Ticket, Traveller } from './pnrgov-drafts.js';
import type { PnrgovInterchange, PnrgovMessage, PnrgovOptions } from './pnrgov.types.js';

export type * from './pnrgov.types.js';

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
  const walk = walkSegments(message);
  const unh = keepSegment(walk.at(0));
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
  // A push repeats its flights in every booking: each date and time of a TVL is read once per message.
  const legDateTimes = new Map<number, LocalDateTime>();
  const legDateTime = (s: EdifactSegment, date: string, time: string): LocalDateTime | undefined => {
    const key = dateTimeKey(date, time);
    if (key < 0) return dateTime(s, date, time); // not a date (it warns), or one too odd to be worth keeping
    let value = legDateTimes.get(key);
    if (value === undefined) {
      value = dateTime(s, date, time);
      if (value !== undefined) legDateTimes.set(key, value);
    }
    return value;
  };

  let pushType: PnrgovMessage['pushType'] = 'other';
  let sender: PnrgovMessage['sender'];
  let flight: PnrgovMessage['flight'];
  let declaredPnrCount: number | undefined;
  const unknownSegments: EdifactSegment[] = [];
  const unknownSegmentCounts: Record<string, number> = {};

  const open = new OpenGroups(); // the PNR and the groups inside it that the segments read so far opened

  const unknown = (s: EdifactSegment): void => {
    unknownSegments.push(keepSegment(s));
    unknownSegmentCounts[s.tag] = (unknownSegmentCounts[s.tag] ?? 0) + 1;
  };

  const last = walk.count - 1; // UNT
  for (let i = 1; i < last; i++) {
    const s = walk.at(i);
    const tag = s.tag;
    if (open.booking === undefined && pnrOnly.has(tag)) {
      throw new EdifactParseError('pnrgov.unexpected_segment', {
        segment: s.index,
        tag,
        offset: s.offset,
        expected: 'SRC (start of a PNR) before PNR data',
        found: tag,
      });
    }
    if (open.level === 'history' && historyItems.has(tag)) {
      open.history?.changes.push({ action: open.historyAction, tag, text: segmentText(s) });
      continue;
    }
    switch (tag) {
      case 'MSG': {
        const code = component(s, 0, 1);
        if (open.booking === undefined) pushType = code === '22' ? 'full' : code === '141' ? 'changes' : 'other';
        else if (component(s, 0, 0) === '8' || code === '8') {
          open.closeLeg();
          open.level = 'nonair';
        } else unknown(s);
        continue;
      }
      case 'SRC':
        open.closeBooking();
        open.level = 'pnr';
        open.booking = new Booking(s.index, s.offset);
        continue;
      case 'RCI': {
        const b = open.booking!;
        for (let e = 0, n = elementCount(s); e < n; e++) {
          const locator = component(s, e, 1);
          if (locator === '') continue;
          if (open.level === 'split') b.splitLocators = addUnique(b.splitLocators, locator);
          else if (open.level === 'pnr') {
            b.locators = add(b.locators, Object.freeze(new Locator(component(s, e, 0), locator)));
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
        if (open.booking === undefined) {
          const raw = component(s, 0);
          declaredPnrCount = smallNumber(raw, 7);
        } else {
          open.closeTraveller();
          open.closeLeg();
          open.level = 'split';
        }
        continue;
      case 'ORG': {
        const org = readOrg(s);
        if (open.booking === undefined) sender = org;
        else if (open.level === 'flight' || open.level === 'checkin')
          open.checkInAgent =
            org.agentId ||
            org.agencyId ||
            org.location ||
            [org.system, org.systemLocation].filter((x) => x !== '').join(':');
        else if (open.level === 'pnr') open.booking.agency = org;
        else unknown(s);
        continue;
      }
      case 'TVL': {
        const draft = readTvl(s, legDateTime);
        if (open.booking === undefined) {
          flight = freezeLeg(draft);
          // Two-digit birth years in SSR DOCS are placed against the pushed flight's date.
          if (draft.departure !== undefined) {
            reference = draft.departure.slice(0, 10);
            legDateTimes.clear(); // read against the old reference
          }
          continue;
        }
        if (open.level === 'nonair') {
          open.booking.nonAir = add(open.booking.nonAir, segmentText(s));
          continue;
        }
        open.closeTraveller();
        open.closeLeg();
        open.leg = draft;
        open.level = 'flight';
        continue;
      }
      case 'TRA':
        if (open.leg !== undefined) {
          open.leg.operating = new FlightNumber(component(s, 0), withoutLeadingZeros(component(s, 1)));
        } else unknown(s);
        continue;
      case 'RPI':
        if (open.leg !== undefined) {
          const n = component(s, 0);
          open.leg.partySize = smallNumber(n, 4);
          open.leg.status = component(s, 1);
        } else unknown(s);
        continue;
      case 'APD':
        if (open.leg !== undefined) open.leg.equipment = component(s, 0) || undefined;
        else unknown(s);
        continue;
      case 'TIF': {
        if (open.level === 'checkin' || (open.level === 'flight' && open.checkIn !== undefined)) {
          const who = readTif(s);
          if (open.checkIn !== undefined) {
            open.checkIn.surname = who.surname;
            open.checkIn.givenNames = who.givenNames;
            open.checkIn.travellerReference = who.reference;
          }
          continue;
        }
        if (open.level === 'flight' || open.level === 'split' || open.level === 'nonair') {
          throw new EdifactParseError('pnrgov.unexpected_segment', {
            segment: s.index,
            tag,
            offset: s.offset,
            expected: 'travellers (TIF) before the itinerary (TVL) of their PNR',
            found: 'TIF after the itinerary',
          });
        }
        open.closeTraveller();
        open.level = 'traveller';
        open.traveller = new Traveller(readTif(s), s.index);
        continue;
      }
      case 'SSR':
        open.applySsr(s, reference);
        continue;
      case 'FTI':
        if (open.traveller !== undefined)
          open.traveller.frequentFlyer = addUnique(
            open.traveller.frequentFlyer,
            `${component(s, 0, 0)}${component(s, 0, 1)}`,
          );
        else unknown(s);
        continue;
      case 'REF':
      case 'FAR':
      case 'EBD':
      case 'TXD':
        // Known segments whose content no screening rule uses yet: kept in the raw message, not counted as unknown.
        continue;
      case 'TKT': {
        if (open.traveller === undefined) {
          unknown(s);
          continue;
        }
        open.closePayment();
        open.closeTicket();
        open.level = 'ticket';
        open.ticket = new Ticket(s);
        continue;
      }
      case 'MON':
        if (open.ticket !== undefined) {
          for (let e = 0, n = elementCount(s); e < n; e++) {
            open.ticket.amounts = add(open.ticket.amounts, Object.freeze(new Amount(s, e)));
          }
        } else unknown(s);
        continue;
      case 'PTK':
        if (open.ticket !== undefined) {
          open.ticket.issuedAt ??= dateTime(s, component(s, 2, 0), component(s, 2, 1));
          open.ticket.validatingCarrier = component(s, 3) || undefined;
          open.ticket.salesLocation = component(s, 5) || undefined;
        } else unknown(s);
        continue;
      case 'DAT': {
        for (let e = 0, n = elementCount(s); e < n; e++) {
          const qualifier = component(s, e, 0);
          const at = dateTime(s, component(s, e, 1), component(s, e, 2));
          if (open.level === 'history' && open.history !== undefined) open.history.at ??= at;
          else if (open.ticket !== undefined && qualifier === '710') open.ticket.issuedAt = at;
          else if ((open.level === 'flight' || open.level === 'checkin') && qualifier === '2') open.checkInTime = at;
          else if (open.booking !== undefined && qualifier === '700') open.booking.lastTransactionAt = at;
        }
        continue;
      }
      case 'FOP': {
        for (const p of readFop(s)) {
          open.closePayment();
          open.payment = p;
        }
        open.level = 'payment';
        continue;
      }
      case 'IFT': {
        const qualifier = `${component(s, 0, 0)}:${component(s, 0, 1)}`;
        if (qualifier === '4:43') {
          const sponsor = readSponsor(s);
          if (open.payment !== undefined) open.payment.sponsor = sponsor;
          else if (open.booking !== undefined) open.booking.sponsors = add(open.booking.sponsors, sponsor);
          if (open.booking !== undefined)
            open.booking.phones = addUnique(open.booking.phones, phoneDigits(sponsor.phone));
          continue;
        }
        const text = s.elements
          .slice(1)
          .map((e) => e.join(' ').trim())
          .filter((x) => x !== '')
          .join(' ');
        if (open.traveller !== undefined) open.traveller.remarks = add(open.traveller.remarks, text);
        else if (open.booking !== undefined) {
          open.booking.remarks = add(open.booking.remarks, text);
          // OSI contact remarks (CTCM 0044…, CTCP…) carry phone numbers that link bookings.
          const phone = /^CTC[MPHB]\s*([+\d][\d\s-]{5,})/.exec(text);
          if (phone !== null) open.booking.phones = addUnique(open.booking.phones, phoneDigits(phone[1]!));
        } else unknown(s);
        continue;
      }
      case 'ADD': {
        const address = readAdd(s);
        if (open.level === 'payment' && open.payment !== undefined) open.payment.payerAddress = address;
        else if (open.traveller !== undefined) open.traveller.addresses = add(open.traveller.addresses, address);
        else if (open.booking !== undefined) {
          open.booking.addresses = add(open.booking.addresses, address);
          open.booking.phones = addUnique(
            open.booking.phones,
            address.phone === undefined ? undefined : phoneDigits(address.phone),
          );
          open.booking.emails = addUnique(open.booking.emails, address.email?.toLowerCase());
        } else unknown(s);
        continue;
      }
      case 'TRI':
        if (open.leg === undefined) {
          unknown(s);
          continue;
        }
        open.closeCheckIn();
        open.level = 'checkin';
        open.checkIn = {
          kind: 'check-in',
          travellerReference: component(s, 1, 1),
          surname: '',
          givenNames: '',
          sequence: component(s, 1, 0),
          checkedInAt: open.checkInTime,
          agent: open.checkInAgent,
          seat: undefined,
          cabin: undefined,
          bags: undefined,
        };
        continue;
      case 'SSD':
        if (open.checkIn !== undefined) {
          open.checkIn.seat = component(s, 0) || undefined;
          open.checkIn.cabin = component(s, 4) || undefined;
        } else unknown(s);
        continue;
      case 'TBD':
        if (open.checkIn !== undefined) {
          open.checkIn.bags = readBags(s);
        } else unknown(s);
        continue;
      case 'ABI':
        open.closeTraveller();
        open.closeLeg();
        open.closeHistory();
        open.level = 'history';
        open.historyAction = '';
        open.history = {
          actor: s.elements
            .map((e) => e.filter((x) => x !== '').join(' '))
            .filter((x) => x !== '')
            .join(' '),
          at: undefined,
          changes: [],
        };
        continue;
      case 'SAC':
        open.historyAction = component(s, 2) || component(s, 0);
        continue;
      case 'LTS':
        open.booking!.historyText = add(open.booking!.historyText, s.elements.map((e) => e.join(':')).join('+'));
        continue;
      default:
        unknown(s);
    }
  }
  open.closeBooking();

  const sequence = message.sequence;
  const singlePart =
    sequence === undefined || sequence.number === undefined || (sequence.number === 1 && sequence.position !== 'C');
  if (declaredPnrCount !== undefined && singlePart && declaredPnrCount !== open.bookings.length) {
    warn(
      'pnrgov.eqn_mismatch',
      walk.at(last),
      `EQN declares ${declaredPnrCount} PNRs, the message holds ${open.bookings.length}`,
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
    bookings: Object.freeze(open.bookings),
    unknownSegments: Object.freeze(unknownSegments),
    unknownSegmentCounts: Object.freeze(unknownSegmentCounts),
    warnings: Object.freeze(warnings),
  });
}
