/**
 * Linking PNR travellers to API travellers of the same flight, so a person's booking facts (payment, contacts,
 * companions) and document facts meet on one traveller. docs/domain.md §8: the join is the flight, the record
 * locator (RFF+AVF) and the name and birth date.
 *
 * Names are compared by surname + first given name after `personKey` (upper case, no accents, no punctuation:
 * `O'NEILL/SIOBHAN MARIE` = `ONEILL/SIOBHAN`), because PNRs drop middle names and apostrophes. Then:
 *
 * 1. name + birth date: a PNR traveller whose birth date is known links to the one unlinked API traveller with
 *    the same name key and birth date (when two qualify, the one whose RFF+AVF names this booking);
 * 2. name alone: a PNR traveller still unlinked links to an API traveller with the same name key whose birth date
 *    does not contradict it, when the pairing is unambiguous — first among candidates whose RFF+AVF names the
 *    booking, then among all: exactly one such PNR traveller and exactly one such API traveller.
 *
 * In both passes an API traveller whose RFF+AVF names another booking is never a candidate. Group names (TIF type
 * G) stand for several people and are never linked. Nothing fuzzy: a wrong link would put one person's booking on
 * another, which is worse than two unlinked records that screening still covers separately.
 */
import type { PaxlstTraveller } from '../paxlst.types.js';
import type { PnrgovBooking, PnrgovTraveller } from '../pnrgov.types.js';
import { personKey } from './normalise.js';

/** A PNR traveller by position: booking index and traveller index in that booking. */
export interface PnrRef {
  readonly booking: number;
  readonly traveller: number;
}

interface PnrSide {
  readonly ref: PnrRef;
  readonly key: string;
  readonly dob: string | undefined;
  readonly locators: readonly string[];
}

/** The birth date of a PNR traveller: its own, else (an infant TIF) the one its adult's SSR INFT gives. */
export function pnrBirthDate(booking: PnrgovBooking, t: PnrgovTraveller): string | undefined {
  if (t.dateOfBirth !== undefined || t.type !== 'infant') return t.dateOfBirth;
  const key = personKey(t.surname, t.givenNames);
  for (const other of booking.travellers) {
    if (other.infant !== undefined && personKey(other.infant.surname, other.infant.givenNames) === key) {
      return other.infant.dateOfBirth;
    }
  }
  return undefined;
}

/**
 * Links PNR travellers to API travellers; returns the API index of each linked PNR traveller (`b:t` → index, `t` its
 * place in `travellersOf` the booking: by default its travellers; `buildFlightFacts` adds its lap infants after them).
 */
export function linkTravellers(
  api: readonly PaxlstTraveller[],
  bookings: readonly PnrgovBooking[],
  travellersOf: (booking: PnrgovBooking, index: number) => readonly PnrgovTraveller[] = (b) => b.travellers,
): ReadonlyMap<string, number> {
  const apiKeys = api.map((t) => personKey(t.surname, t.givenNames));
  const byKey = new Map<string, number[]>();
  apiKeys.forEach((key, i) => {
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [i]);
    else list.push(i);
  });
  const pnr: PnrSide[] = [];
  bookings.forEach((b, bi) => {
    const locators = [b.recordLocator, ...b.locators.map((l) => l.locator)];
    travellersOf(b, bi).forEach((t, ti) => {
      if (t.type === 'group') return;
      const dob = pnrBirthDate(b, t);
      pnr.push({ ref: { booking: bi, traveller: ti }, key: personKey(t.surname, t.givenNames), dob, locators });
    });
  });

  const links = new Map<string, number>();
  const taken = new Set<number>();
  const link = (p: PnrSide, a: number) => {
    links.set(`${p.ref.booking}:${p.ref.traveller}`, a);
    taken.add(a);
  };
  const sameBooking = (p: PnrSide, a: number) => {
    const avf = api[a]!.recordLocator;
    return avf !== undefined && p.locators.includes(avf);
  };
  const compatible = (p: PnrSide, a: number) => {
    const t = api[a]!;
    if (taken.has(a)) return false;
    if (t.recordLocator !== undefined && !p.locators.includes(t.recordLocator)) return false;
    return p.dob === undefined || t.dateOfBirth === undefined || p.dob === t.dateOfBirth;
  };
  const candidates = (p: PnrSide) => (byKey.get(p.key) ?? []).filter((a) => compatible(p, a));

  // Pass 1: name + birth date.
  for (const p of pnr) {
    if (p.dob === undefined) continue;
    const exact = candidates(p).filter((a) => api[a]!.dateOfBirth === p.dob);
    const pick = exact.length === 1 ? exact : exact.filter((a) => sameBooking(p, a));
    if (pick.length === 1) link(p, pick[0]!);
  }
  // Pass 2: name alone, unambiguous both ways; first within the booking the API list names, then anywhere.
  for (const narrow of [true, false]) {
    const open = pnr.filter((p) => !links.has(`${p.ref.booking}:${p.ref.traveller}`));
    const options = new Map<PnrSide, number[]>();
    const claims = new Map<number, number>();
    for (const p of open) {
      const cands = candidates(p).filter((a) => !narrow || sameBooking(p, a));
      options.set(p, cands);
      for (const a of cands) claims.set(a, (claims.get(a) ?? 0) + 1);
    }
    for (const p of open) {
      const cands = options.get(p)!;
      if (cands.length === 1 && claims.get(cands[0]!) === 1 && !taken.has(cands[0]!)) link(p, cands[0]!);
    }
  }
  return links;
}
