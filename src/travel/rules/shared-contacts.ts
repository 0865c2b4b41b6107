/**
 * Cross-booking aggregates: how many unrelated bookings share one phone, e-mail or card (docs/domain.md §6, "many
 * PNRs sharing the same phone/e-mail/agency/card"). The bookings compared are the flight's own plus any the caller
 * passes from a time window (other flights of the same days), so a network spreading its travellers over several
 * flights is still seen.
 *
 * Two bookings are *related* — and do not count for each other — when they are the same PNR, one was split from
 * the other (Gr8), or they share a traveller surname: a family booked as two PNRs with one mother's phone is not
 * an indicator; twelve strangers behind one phone are.
 */
import type { PnrgovBooking } from '../pnrgov.types.js';
import type { SharedContactFacts } from './facts.types.js';
import { cardKey, emailKey, nameKey, phoneKey, pushUnique } from './normalise.js';

/** A booking's normalised contacts and what relates it to others. */
export interface ContactCard {
  readonly locator: string;
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  readonly cards: readonly string[];
  readonly surnames: ReadonlySet<string>;
  readonly splitLocators: readonly string[];
}

/** The normalised contacts of a booking: every phone and e-mail, its addresses', sponsors' and payers', its cards. */
export function contactCardOf(b: PnrgovBooking): ContactCard {
  const phones: string[] = [];
  const emails: string[] = [];
  const cards: string[] = [];
  for (const p of b.phones) pushUnique(phones, phoneKey(p));
  for (const e of b.emails) pushUnique(emails, emailKey(e));
  for (const s of b.sponsors) pushUnique(phones, phoneKey(s.phone));
  // A traveller's ADD (emergency contact, UMNR escort) and the payer's billing address count too: one "emergency
  // contact" behind unrelated travellers is the pattern this looks for.
  const addresses = [...b.addresses, ...b.travellers.flatMap((t) => t.addresses)];
  for (const pay of b.payments) {
    if (pay.sponsor !== undefined) pushUnique(phones, phoneKey(pay.sponsor.phone));
    if (pay.payerAddress !== undefined) addresses.push(pay.payerAddress);
    if (pay.type === 'card') pushUnique(cards, cardKey(pay.cardVendor, pay.cardNumber, pay.cardExpiry));
  }
  for (const a of addresses) {
    // An ADD may give several numbers (`H5555555555 W 1 555 555 5555`): `phone` is only the first.
    for (const p of a.phones) pushUnique(phones, phoneKey(p));
    if (a.email !== undefined) pushUnique(emails, emailKey(a.email));
  }
  const surnames = new Set(b.travellers.filter((t) => t.type !== 'group').map((t) => nameKey(t.surname)));
  return {
    locator: b.recordLocator,
    phones: Object.freeze(phones),
    emails: Object.freeze(emails),
    cards: Object.freeze(cards),
    surnames,
    splitLocators: b.splitLocators,
  };
}

function related(a: ContactCard, b: ContactCard): boolean {
  if (a.locator === b.locator || a.splitLocators.includes(b.locator) || b.splitLocators.includes(a.locator)) {
    return true;
  }
  for (const s of a.surnames) if (b.surnames.has(s)) return true;
  return false;
}

type Kind = 'phones' | 'emails' | 'cards';

function index(cards: readonly ContactCard[], kind: Kind): Map<string, number[]> {
  const byValue = new Map<string, number[]>();
  cards.forEach((card, i) => {
    for (const v of card[kind]) {
      const list = byValue.get(v);
      if (list === undefined) byValue.set(v, [i]);
      else list.push(i);
    }
  });
  return byValue;
}

/** For each of the flight's bookings, the shared-contact facts against the flight's and the window's bookings. */
export function sharedContacts(
  flight: readonly ContactCard[],
  window: readonly ContactCard[],
): readonly SharedContactFacts[] {
  const own = new Set(flight.map((c) => c.locator));
  // A window booking that is one of this flight's PNRs is the same booking seen again, not another one.
  const all = [...flight, ...window.filter((c) => !own.has(c.locator))];
  const indexes = { phones: index(all, 'phones'), emails: index(all, 'emails'), cards: index(all, 'cards') };
  return flight.map((card, i) => {
    const values: string[] = [];
    const most = (kind: Kind): number => {
      let best = card[kind].length > 0 ? 1 : 0;
      for (const v of card[kind]) {
        let n = 1;
        for (const j of indexes[kind].get(v) ?? []) if (j !== i && !related(card, all[j]!)) n++;
        if (n > 1) pushUnique(values, v);
        if (n > best) best = n;
      }
      return best;
    };
    return Object.freeze({
      phoneBookings: most('phones'),
      emailBookings: most('emails'),
      cardBookings: most('cards'),
      values: Object.freeze(values),
    });
  });
}
