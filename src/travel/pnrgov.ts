/**
 * PNRGOV (PNR pushed to governments, PADIS 10.1 and later) from EDIFACT messages into `PnrgovMessage`s. One pass over
 * the segments; the current group (PNR, traveller, ticket, payment, flight, check-in, split, non-air, history) decides
 * what a segment belongs to, as the implementation guide nests them. Unknown segments are kept and counted.
 *
 * The messages are immutable by type (`readonly` throughout, see pnrgov.types.ts), not frozen at run time: a push of
 * 400 travellers made some 9,000 `Object.freeze` calls, about a fifth of the parse. Only the empty list the drafts
 * share is frozen, since a change to it would show in all of them; an organisation or flight number read from a
 * segment that repeats an earlier one is shared too (see pnrgov-flight.ts).
 */
import { EdifactParseError, type EdifactWarning, type EdifactWarningCode } from './edifact-errors.js';
import {
  expectMessageType,
  readInterchange,
  walkSegments,
  type EdifactInterchange,
  type EdifactMessage,
  type EdifactSegment,
  type SegmentView,
} from './edifact.js';
import { fromDdmmyy, fromYymmdd, todayUtc, type IsoDate, type LocalDateTime } from './dates.js';
import { lowerCase, phoneDigits, smallNumber, withoutLeadingZeros } from './edifact-values.js';
import { readAdd, readBags, readTif, segmentText } from './pnrgov-ssr.js';
import { dateTimeKey, FlightNumber, readOrg, readTvl, Repeated, type LegRead } from './pnrgov-flight.js';
import { OpenGroups, type SegmentAt } from './pnrgov-groups.js';
import { closedLeg, Locator } from './pnrgov-drafts.js';
import { add, addUnique } from './plain-objects.js';
import type { PnrgovInterchange, PnrgovMessage, PnrgovOptions, PnrgovOrganisation } from './pnrgov.types.js';

export type * from './pnrgov.types.js';

const historyItems = new Set(['TIF', 'SSR', 'IFT', 'TBD', 'TVL', 'RPI']);

/** Parses every PNRGOV message of an interchange (text, bytes, or an already tokenized interchange). */
export function parsePnrgov(
  input: string | Uint8Array | EdifactInterchange,
  options: PnrgovOptions = {},
): PnrgovInterchange {
  // Read from text, the interchange is done with once its messages are: its segment table is reused.
  const interchange = typeof input === 'object' && 'kind' in input ? input : readInterchange(input, true);
  const prepared = fromYymmdd(interchange.preparedDate, 'expiry', todayUtc());
  const referenceDate = options.referenceDate ?? prepared ?? todayUtc();
  return {
    kind: 'pnrgov-interchange',
    sender: interchange.sender,
    recipient: interchange.recipient,
    controlReference: interchange.controlReference,
    messages: interchange.messages.map((m) => parsePnrgovMessage(m, { referenceDate })),
    warnings: interchange.warnings,
  };
}

/** Parses one tokenized PNRGOV message; throws `EdifactParseError` for another type or a PNR segment outside SRC. */
export function parsePnrgovMessage(
  message: EdifactMessage,
  options: { readonly referenceDate: IsoDate },
): PnrgovMessage {
  expectMessageType(message, 'PNRGOV');
  const walk = walkSegments(message);
  const unh = walk.at(0).pin();
  const warnings: EdifactWarning[] = [...message.warnings];
  const warn = (code: EdifactWarningCode, s: SegmentAt, text: string): void => {
    warnings.push({ code, message: text, segment: s.index, offset: s.offset });
  };
  let reference = options.referenceDate;
  const dateTime = (s: SegmentView, date: string, time: string) => {
    const value = fromDdmmyy(date, time, reference);
    if (value !== undefined || date === '') return value;
    // A time that is not one (the date is): the date is kept, without a time.
    const day = time === '' ? undefined : fromDdmmyy(date, '', reference);
    if (day !== undefined) {
      warn('pnrgov.invalid_date', s, `${JSON.stringify(time)} is not an HHMM or HHMMSS time (the date is kept)`);
    } else warn('pnrgov.invalid_date', s, `${JSON.stringify(date)} is not a DDMMYY date`);
    return day;
  };
  // A push repeats its flights in every booking: each date and time of a TVL is read once per message.
  const legDateTimes = new Map<number, LocalDateTime>();
  const legDateTime = (s: SegmentView, date: string, time: string): LocalDateTime | undefined => {
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

  const open = new OpenGroups(warn); // the PNR and the groups inside it that the segments read so far opened
  const tvls = new Repeated<LegRead>();
  const orgs = new Repeated<PnrgovOrganisation>();
  // Segments that only make sense inside an SRC group: seeing one before any SRC means a broken message.
  const outsidePnr = (s: SegmentView) =>
    new EdifactParseError('pnrgov.unexpected_segment', {
      segment: s.index,
      tag: s.tag,
      offset: s.offset,
      expected: 'SRC (start of a PNR) before PNR data',
      found: s.tag,
    });

  const unknown = (s: SegmentView): void => {
    unknownSegments.push(s.keep());
    unknownSegmentCounts[s.tag] = (unknownSegmentCounts[s.tag] ?? 0) + 1;
  };

  const last = walk.count - 1; // UNT
  for (let i = 1; i < last; i++) {
    const s = walk.at(i);
    const tag = s.tag;
    // A segment that needs a PNR around it (RCI, TIF, SSR…) checks for one first thing in its case below.
    if (open.level === 'history' && historyItems.has(tag)) {
      open.history?.changes.push({ action: open.historyAction, tag, text: segmentText(s) });
      continue;
    }
    // The cases in the order of how often a push has them: a string switch tries them one after the other.
    switch (tag) {
      case 'SSR':
        if (open.booking === undefined) throw outsidePnr(s);
        open.applySsr(s, reference);
        continue;
      case 'TVL': {
        const draft = readTvl(s, legDateTime, tvls, warnings);
        if (open.booking === undefined) {
          flight = closedLeg(draft);
          // Two-digit birth years in SSR DOCS are placed against the pushed flight's date.
          if (draft.departure !== undefined) {
            reference = draft.departure.slice(0, 10);
            legDateTimes.clear(); // read against the old reference
            tvls.clear();
          }
          continue;
        }
        if (open.level === 'nonair') {
          open.booking.nonAir = add(open.booking.nonAir, segmentText(s));
          continue;
        }
        // A codeshare may come as two TVLs: the marketing flight with the operating carrier (`LA:KL+417`), then one
        // with neither date nor airports that gives the operating flight number (`TVL+++++1234:Y`).
        const leg = open.leg;
        if (
          leg?.operating !== undefined &&
          open.level === 'flight' &&
          open.checkIn === undefined &&
          s.component(0, 0) === '' &&
          draft.departureAirport === '' &&
          draft.arrivalAirport === ''
        ) {
          leg.operating = new FlightNumber(
            draft.marketing.carrier || leg.operating.carrier,
            draft.marketing.flightNumber || leg.operating.flightNumber,
          );
          continue;
        }
        open.closeTraveller();
        open.closeLeg();
        open.leg = draft;
        open.level = 'flight';
        continue;
      }
      case 'RPI':
        if (open.leg !== undefined) {
          const n = s.component(0);
          open.leg.partySize = smallNumber(n, 4);
          open.leg.status = s.component(1);
        } else unknown(s);
        continue;
      case 'TIF': {
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.level === 'checkin' || (open.level === 'flight' && open.checkIn !== undefined)) {
          const who = readTif(s);
          if (open.checkIn !== undefined) {
            open.checkIn.surname = who.surname;
            open.checkIn.givenNames = who.givenNames;
            // A TIF without a reference leaves the one its TRI gave.
            if (who.reference !== '') open.checkIn.travellerReference = who.reference;
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
        open.openTraveller(s);
        continue;
      }
      case 'TKT': {
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.traveller === undefined) {
          unknown(s);
          continue;
        }
        open.openTicket(s);
        continue;
      }
      case 'MON':
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.ticket !== undefined) open.addAmounts(s);
        else unknown(s);
        continue;
      case 'FOP': {
        if (open.booking === undefined) throw outsidePnr(s);
        open.addPayments(s);
        continue;
      }
      case 'SRC':
        open.openBooking(s);
        continue;
      case 'RCI': {
        if (open.booking === undefined) throw outsidePnr(s);
        const b = open.booking;
        for (let e = 0, n = s.elementCount; e < n; e++) {
          const locator = s.component(e, 1);
          if (locator === '') continue;
          if (open.level === 'split') b.splitLocators = addUnique(b.splitLocators, locator);
          else if (open.level === 'pnr') {
            b.locators = add(b.locators, new Locator(s.component(e, 0), locator));
            if (b.recordLocator === '') b.recordLocator = locator;
            if (b.createdAt === undefined) {
              const created = s.component(e, 3);
              if (created !== '') b.createdAt = dateTime(s, created, s.component(e, 4));
            }
          }
        }
        continue;
      }
      case 'ORG': {
        const org = readOrg(s, orgs);
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
      case 'ADD': {
        const address = readAdd(s);
        if (open.level === 'payment' && open.payment !== undefined) open.payment.payerAddress = address;
        else if (open.traveller !== undefined) open.traveller.addresses = add(open.traveller.addresses, address);
        else if (open.booking !== undefined) {
          open.booking.addresses = add(open.booking.addresses, address);
          for (const phone of address.phones) open.booking.phones = addUnique(open.booking.phones, phoneDigits(phone));
          open.booking.emails = addUnique(
            open.booking.emails,
            address.email === undefined ? undefined : lowerCase(address.email),
          );
        } else unknown(s);
        continue;
      }
      case 'IFT': {
        if (!open.applyIft(s)) unknown(s);
        continue;
      }
      case 'DAT': {
        for (let e = 0, n = s.elementCount; e < n; e++) {
          const qualifier = s.component(e, 0);
          const at = dateTime(s, s.component(e, 1), s.component(e, 2));
          if (open.level === 'history' && open.history !== undefined) open.history.at ??= at;
          else if (open.ticket !== undefined && qualifier === '710') open.ticket.issuedAt = at;
          else if ((open.level === 'flight' || open.level === 'checkin') && qualifier === '2') open.checkInTime = at;
          else if (open.booking !== undefined && qualifier === '700') open.booking.lastTransactionAt = at;
        }
        continue;
      }
      case 'PTK':
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.ticket !== undefined) {
          // Element 3 is the ticketing deadline (when the ticket must be issued by), not when it was issued.
          open.ticket.ticketingDeadline = dateTime(s, s.component(2, 0), s.component(2, 1));
          open.ticket.validatingCarrier = s.component(3) || undefined;
          open.ticket.salesLocation = s.component(5) || undefined;
        } else unknown(s);
        continue;
      case 'TRA':
        if (open.leg !== undefined) {
          open.leg.operating = new FlightNumber(s.component(0), withoutLeadingZeros(s.component(1)));
        } else unknown(s);
        continue;
      case 'APD':
        if (open.leg !== undefined) open.leg.equipment = s.component(0) || undefined;
        else unknown(s);
        continue;
      case 'TRI':
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.leg === undefined) {
          unknown(s);
          continue;
        }
        open.openCheckIn(s);
        continue;
      case 'SSD':
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.checkIn !== undefined) {
          open.checkIn.seat = s.component(0) || undefined;
          open.checkIn.cabin = s.component(4) || undefined;
        } else unknown(s);
        continue;
      case 'TBD':
        if (open.booking === undefined) throw outsidePnr(s);
        if (open.checkIn !== undefined) {
          open.checkIn.bags = readBags(s);
        } else unknown(s);
        continue;
      case 'FTI':
        if (open.traveller !== undefined)
          open.traveller.frequentFlyer = addUnique(
            open.traveller.frequentFlyer,
            `${s.component(0, 0)}${s.component(0, 1)}`,
          );
        else unknown(s);
        continue;
      case 'MSG': {
        const code = s.component(0, 1);
        if (open.booking === undefined) pushType = code === '22' ? 'full' : code === '141' ? 'changes' : 'other';
        else if (s.component(0, 0) === '8' || code === '8') {
          open.closeLeg();
          open.level = 'nonair';
        } else unknown(s);
        continue;
      }
      case 'EQN':
        if (open.booking === undefined) {
          const raw = s.component(0);
          declaredPnrCount = smallNumber(raw, 7);
        } else {
          open.closeTraveller();
          open.closeLeg();
          open.level = 'split';
        }
        continue;
      case 'REF':
      case 'FAR':
      case 'EBD':
      case 'TXD':
        // Known segments whose content no screening rule uses yet: kept in the raw message, not counted as unknown.
        continue;
      case 'ABI':
        if (open.booking === undefined) throw outsidePnr(s);
        open.openHistory(s);
        continue;
      case 'SAC':
        if (open.booking === undefined) throw outsidePnr(s);
        open.historyAction = s.component(2) || s.component(0);
        continue;
      case 'LTS':
        if (open.booking === undefined) throw outsidePnr(s);
        open.booking.historyText = add(open.booking.historyText, s.elements.map((e) => e.join(':')).join('+'));
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
  return {
    kind: 'pnrgov',
    messageReference: message.reference,
    version: `${message.version}.${message.release}`,
    pushType,
    sender,
    flight,
    declaredPnrCount,
    bookings: open.bookings,
    unknownSegments,
    unknownSegmentCounts,
    warnings,
  };
}
