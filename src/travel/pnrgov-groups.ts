/**
 * The groups of a PNRGOV message open while its segments are read — the current PNR (SRC), traveller (TIF), ticket
 * (TKT), payment (FOP), itinerary leg (TVL), check-in (TRI) and history item (ABI) — the level the reader is at, and
 * how each group closes into its parent when a segment opens another.
 */
import type { IsoDate } from './dates.js';
import type { EdifactSegment } from './edifact.js';
import type { LegDraft } from './pnrgov-flight.js';
import { readSsr, segmentText, type PaymentDraft } from './pnrgov-ssr.js';
import {
  add,
  addUnique,
  applyTravellerSsr,
  freezeBooking,
  freezeHistory,
  freezeLeg,
  freezeTicket,
  freezeTraveller,
  Seat,
  type BookingDraft,
  type CheckInDraft,
  type HistoryDraft,
  type TicketDraft,
  type TravellerDraft,
} from './pnrgov-drafts.js';
import type { PnrgovBooking, PnrgovCheckIn } from './pnrgov.types.js';

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

  closeTicket(): void {
    if (this.ticket === undefined || this.traveller === undefined) return;
    this.traveller.tickets = add(this.traveller.tickets, freezeTicket(this.ticket));
    this.ticket = undefined;
  }

  closePayment(): void {
    if (this.payment === undefined) return;
    const done = Object.freeze(this.payment);
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
    for (const phone of t.phones) booking.phones = addUnique(booking.phones, phone);
    for (const email of t.emails) booking.emails = addUnique(booking.emails, email);
    booking.travellers = add(booking.travellers, freezeTraveller(t));
    this.traveller = undefined;
  }

  closeCheckIn(): void {
    if (this.checkIn !== undefined && this.leg !== undefined)
      this.leg.checkIns = add(this.leg.checkIns, Object.freeze(this.checkIn));
    this.checkIn = undefined;
  }

  closeLeg(): void {
    this.closeCheckIn();
    if (this.leg !== undefined && this.booking !== undefined)
      this.booking.itinerary = add(this.booking.itinerary, freezeLeg(this.leg));
    this.leg = undefined;
    this.checkInTime = undefined;
    this.checkInAgent = undefined;
  }

  closeHistory(): void {
    if (this.history !== undefined && this.booking !== undefined)
      this.booking.history = add(this.booking.history, freezeHistory(this.history));
    this.history = undefined;
  }

  closeBooking(): void {
    this.closeTraveller();
    this.closeLeg();
    this.closeHistory();
    if (this.booking === undefined) return;
    this.bookings.push(freezeBooking(this.booking));
    this.booking = undefined;
  }

  /** An SSR, to the history item, leg, traveller or PNR it belongs to (`reference` places two-digit birth years). */
  applySsr(s: EdifactSegment, reference: IsoDate): void {
    const ssr = readSsr(s);
    if (this.level === 'history') {
      this.history?.changes.push({ action: this.historyAction, tag: s.tag, text: segmentText(s) });
      return;
    }
    const leg = this.leg;
    if (leg !== undefined && (this.level === 'flight' || this.level === 'checkin')) {
      leg.ssrs = add(leg.ssrs, ssr);
      if (ssr.seat !== '' || ssr.code === 'SEAT')
        leg.seats = add(leg.seats, Object.freeze(new Seat(ssr.seat, ssr.travellerReference)));
      return;
    }
    const t = this.traveller;
    if (t === undefined) {
      if (this.booking !== undefined) this.booking.ssrs = add(this.booking.ssrs, ssr);
      return;
    }
    applyTravellerSsr(t, ssr, reference);
  }
}
