/**
 * The groups of a PNRGOV message open while its segments are read — the current PNR (SRC), traveller (TIF), ticket
 * (TKT), payment (FOP), itinerary leg (TVL), check-in (TRI) and history item (ABI) — the level the reader is at, and
 * how each group closes into its parent when a segment opens another.
 */
import type { IsoDate } from './dates.js';
import type { SegmentView } from './edifact.js';
import type { LegDraft } from './pnrgov-flight.js';
import { phoneDigits } from './edifact-values.js';
import {
  Payment,
  readOsiContact,
  readSponsor,
  readSsr,
  readTif,
  segmentText,
  type PaymentDraft,
} from './pnrgov-ssr.js';
import { add, addUnique, none } from './plain-objects.js';
import {
  Amount,
  applyTravellerSsr,
  Booking,
  closedHistory,
  closedLeg,
  Ticket,
  Traveller,
  type BookingDraft,
  type CheckInDraft,
  type HistoryDraft,
  type TicketDraft,
  type TravellerDraft,
} from './pnrgov-drafts.js';
import type { EdifactWarningCode } from './edifact-errors.js';
import type { PnrgovBooking, PnrgovCheckIn, PnrgovSsr } from './pnrgov.types.js';

/** Where a warning points: the segment it is about. */
export interface SegmentAt {
  readonly index: number;
  readonly offset: number;
}

/** Records a warning against a segment of the message. */
export type Warn = (code: EdifactWarningCode, at: SegmentAt, text: string) => void;

/**
 * SSRs that describe a passenger rather than a flight: sent in the itinerary (Gr5) with a traveller reference, they
 * still belong to that traveller. (A SEAT there is the seat on that leg, and stays with the leg.)
 */
const passengerSsrs = new Set(['DOCS', 'DOCO', 'DOCA', 'CTCE', 'CTCM', 'INFT', 'UMNR', 'FQTV']);

/** An SSR sent at PNR or leg level that names a traveller by reference, applied to them when the PNR closes. */
interface NamedSsr {
  readonly ssr: PnrgovSsr;
  readonly at: SegmentAt;
  /** The traveller reference it names, and the date two-digit birth years are placed against. */
  readonly traveller: string;
  readonly referenceDate: IsoDate;
}

/** Where the reader is: the message header, or the group of a PNR the last segment opened. */
export type Level =
  'header' | 'pnr' | 'traveller' | 'ticket' | 'payment' | 'flight' | 'checkin' | 'split' | 'nonair' | 'history';

export class OpenGroups {
  level: Level = 'header';
  booking: BookingDraft | undefined;
  traveller: TravellerDraft | undefined;
  ticket: TicketDraft | undefined;
  payment: PaymentDraft | undefined;
  leg: LegDraft | undefined;
  checkIn: CheckInDraft | undefined;
  /** DAT+2 and ORG of a leg: when and by whom its travellers were checked in. */
  checkInTime: PnrgovCheckIn['checkedInAt'];
  checkInAgent: string | undefined;
  history: HistoryDraft | undefined;
  /** SAC of the history item being read: what was done to the segments that follow. */
  historyAction = '';
  /** Every PNR closed so far. */
  readonly bookings: PnrgovBooking[] = [];
  /** The travellers of the open PNR as drafts, and its SSRs that name travellers from outside their TIF group. */
  #travellers: TravellerDraft[] = [];
  #namedSsrs: NamedSsr[] = [];
  /** What the last DOCS or DOCO applied could not read (one list, emptied as it is warned about). */
  readonly #problems: string[] = [];
  readonly #warn: Warn;

  constructor(warn: Warn) {
    this.#warn = warn;
  }

  /** SRC: a PNR begins (the one before ends). */
  openBooking(s: SegmentView): void {
    this.closeBooking();
    this.level = 'pnr';
    this.booking = new Booking(s.index, s.offset);
  }

  /** TIF at PNR level: a traveller begins. */
  openTraveller(s: SegmentView): void {
    this.closeTraveller();
    this.level = 'traveller';
    this.traveller = new Traveller(readTif(s), s.index);
  }

  /** TKT: a ticket of the open traveller begins. */
  openTicket(s: SegmentView): void {
    this.closePayment();
    this.closeTicket();
    this.level = 'ticket';
    this.ticket = new Ticket(s);
  }

  /** MON: the fares of the open ticket, one per element. */
  addAmounts(s: SegmentView): void {
    const ticket = this.ticket!;
    for (let e = 0, n = s.elementCount; e < n; e++) ticket.amounts = add(ticket.amounts, new Amount(s, e));
  }

  /** FOP: one payment per element; each stays open until the next, for a following IFT 4:43 or ADD. */
  addPayments(s: SegmentView): void {
    for (let e = 0, n = s.elementCount; e < n; e++) {
      const code = s.component(e, 0);
      if (code === '') continue;
      this.closePayment();
      this.payment = new Payment(s, e, code);
    }
    this.level = 'payment';
  }

  /** TRI: a check-in on the open leg begins, at the time and by the agent its DAT and ORG named. */
  openCheckIn(s: SegmentView): void {
    this.closeCheckIn();
    this.level = 'checkin';
    this.checkIn = {
      kind: 'check-in',
      // The traveller reference is component 4 of TRI element 2 (`TRI++1:::1`); some senders put it in component 2.
      travellerReference: s.component(1, 3) || s.component(1, 1),
      surname: '',
      givenNames: '',
      sequence: s.component(1, 0),
      checkedInAt: this.checkInTime,
      agent: this.checkInAgent,
      seat: undefined,
      cabin: undefined,
      bags: undefined,
    };
  }

  /** ABI: a history item begins (the traveller and leg being read end). */
  openHistory(s: SegmentView): void {
    this.closeTraveller();
    this.closeLeg();
    this.closeHistory();
    this.level = 'history';
    this.historyAction = '';
    this.history = {
      actor: s.elements
        .map((e) => e.filter((x) => x !== '').join(' '))
        .filter((x) => x !== '')
        .join(' '),
      at: undefined,
      changes: [],
    };
  }

  /** IFT: a sponsor (4:43) or a remark, to the payment, traveller or PNR it belongs to; false when none is open. */
  applyIft(s: SegmentView): boolean {
    if (s.component(0, 0) === '4' && s.component(0, 1) === '43') {
      const sponsor = readSponsor(s);
      if (this.payment !== undefined) this.payment.sponsor = sponsor;
      else if (this.booking !== undefined) this.booking.sponsors = add(this.booking.sponsors, sponsor);
      if (this.booking !== undefined) this.booking.phones = addUnique(this.booking.phones, phoneDigits(sponsor.phone));
      return true;
    }
    const text = s.elements
      .slice(1)
      .map((e) => e.join(' ').trim())
      .filter((x) => x !== '')
      .join(' ');
    // OSI contact remarks (CTCE…, CTCM 0044…, CTCH LON…) carry e-mails and phones that link bookings.
    const contact = text.startsWith('CTC') ? readOsiContact(text) : undefined;
    const t = this.traveller;
    if (t !== undefined) {
      t.remarks = add(t.remarks, text);
      // The traveller's contacts join the booking's when the traveller closes.
      if (contact?.kind === 'email') t.emails = addUnique(t.emails, contact.value);
      else if (contact?.kind === 'phone') t.phones = addUnique(t.phones, contact.value);
    } else if (this.booking !== undefined) {
      this.booking.remarks = add(this.booking.remarks, text);
      if (contact?.kind === 'email') this.booking.emails = addUnique(this.booking.emails, contact.value);
      else if (contact?.kind === 'phone') this.booking.phones = addUnique(this.booking.phones, contact.value);
    } else return false;
    return true;
  }

  closeTicket(): void {
    if (this.ticket === undefined || this.traveller === undefined) return;
    this.traveller.tickets = add(this.traveller.tickets, this.ticket);
    this.ticket = undefined;
  }

  closePayment(): void {
    if (this.payment === undefined) return;
    const done = this.payment;
    if (this.ticket !== undefined) this.ticket.payments = add(this.ticket.payments, done);
    if (this.booking !== undefined) this.booking.payments = add(this.booking.payments, done);
    this.payment = undefined;
  }

  closeTraveller(): void {
    this.closePayment();
    this.closeTicket();
    const t = this.traveller;
    const booking = this.booking;
    if (t === undefined || booking === undefined) return;
    addContacts(booking, t);
    booking.travellers = add(booking.travellers, t);
    this.#travellers.push(t);
    this.traveller = undefined;
  }

  closeCheckIn(): void {
    if (this.checkIn !== undefined && this.leg !== undefined) this.leg.checkIns = add(this.leg.checkIns, this.checkIn);
    this.checkIn = undefined;
  }

  closeLeg(): void {
    this.closeCheckIn();
    if (this.leg !== undefined && this.booking !== undefined)
      this.booking.itinerary = add(this.booking.itinerary, closedLeg(this.leg));
    this.leg = undefined;
    this.checkInTime = undefined;
    this.checkInAgent = undefined;
  }

  closeHistory(): void {
    if (this.history !== undefined && this.booking !== undefined)
      this.booking.history = add(this.booking.history, closedHistory(this.history));
    this.history = undefined;
  }

  closeBooking(): void {
    this.closeTraveller();
    this.closeLeg();
    this.closeHistory();
    if (this.booking === undefined) return;
    this.applyNamedSsrs(this.booking);
    this.bookings.push(this.booking);
    this.booking = undefined;
    this.#travellers = [];
  }

  /** An SSR, to the history item, leg, traveller or PNR it belongs to (`reference` places two-digit birth years). */
  applySsr(s: SegmentView, reference: IsoDate): void {
    const ssr = readSsr(s);
    if (this.level === 'history') {
      this.history?.changes.push({ action: this.historyAction, tag: s.tag, text: segmentText(s) });
      return;
    }
    const leg = this.leg;
    if (leg !== undefined && (this.level === 'flight' || this.level === 'checkin')) {
      leg.ssrs = add(leg.ssrs, ssr);
      const seats = ssr.seats;
      if (seats !== none) for (let k = 0; k < seats.length; k++) leg.seats = add(leg.seats, seats[k]!);
      if (passengerSsrs.has(ssr.code)) this.nameTravellers(ssr, s, reference);
      return;
    }
    const t = this.traveller;
    if (t === undefined) {
      if (this.booking !== undefined) {
        this.booking.ssrs = add(this.booking.ssrs, ssr);
        this.nameTravellers(ssr, s, reference);
      }
      return;
    }
    const problems = ssr.code === 'DOCS' || ssr.code === 'DOCO' ? this.#problems : undefined;
    applyTravellerSsr(t, ssr, reference, problems);
    this.warnProblems(s);
  }

  /** Warns of what the last DOCS or DOCO applied could not read, against its SSR. */
  private warnProblems(at: SegmentAt): void {
    const problems = this.#problems;
    for (const problem of problems) this.#warn('pnrgov.invalid_value', at, problem);
    problems.length = 0;
  }

  /**
   * Keeps an SSR sent outside a TIF group for the travellers it names by reference (SSR element 2 on), each applied
   * when the PNR closes and all its travellers are known: an SSR of the PNR (Gr1) may come before their TIFs.
   */
  private nameTravellers(ssr: PnrgovSsr, at: SegmentView, reference: IsoDate): void {
    const seats = ssr.seats;
    if (seats === none) return;
    const where = { index: at.index, offset: at.offset };
    for (let k = 0; k < seats.length; k++) {
      const traveller = seats[k]!.travellerReference;
      if (traveller === '' || this.#namedSsrs.some((n) => n.ssr === ssr && n.traveller === traveller)) continue;
      this.#namedSsrs.push({ ssr, at: where, traveller, referenceDate: reference });
    }
  }

  /** Applies the SSRs kept by `nameTravellers` to the travellers they name; warns of a reference no traveller has. */
  private applyNamedSsrs(booking: BookingDraft): void {
    const named = this.#namedSsrs;
    if (named.length === 0) return;
    this.#namedSsrs = [];
    for (const { ssr, at, traveller, referenceDate } of named) {
      const t = this.#travellers.find((x) => x.reference === traveller);
      if (t === undefined) {
        this.#warn(
          'pnrgov.unmatched_reference',
          at,
          `SSR ${ssr.code} names traveller ${JSON.stringify(traveller)}, and the PNR has no TIF with that reference`,
        );
        continue;
      }
      // Sent again under the traveller's own TIF: once is enough.
      if (t.ssrs.some((x) => x.code === ssr.code && x.text === ssr.text && x.seat === ssr.seat)) continue;
      const problems = ssr.code === 'DOCS' || ssr.code === 'DOCO' ? this.#problems : undefined;
      applyTravellerSsr(t, ssr, referenceDate, problems);
      this.warnProblems(at);
      addContacts(booking, t);
    }
  }
}

/** Adds a traveller's phones and e-mails to their booking's. */
function addContacts(booking: BookingDraft, t: TravellerDraft): void {
  // Indexed, and skipped for the shared empty list: a `for…of` over lists of two kinds (the frozen `none` and
  // real arrays) stayed a call to the iterator per step, and made an iterator and a result object each time.
  const { phones, emails } = t;
  if (phones !== none) for (let k = 0; k < phones.length; k++) booking.phones = addUnique(booking.phones, phones[k]);
  if (emails !== none) for (let k = 0; k < emails.length; k++) booking.emails = addUnique(booking.emails, emails[k]);
}
