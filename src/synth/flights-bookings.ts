/**
 * Bookings of one synthetic flight: ordinary solo travellers, couples and families, and — on some flights — the
 * patterns the trafficking indicators look for (docs/domain.md §6): a minor with adults of another surname, an
 * unaccompanied minor, a group with one contact (sometimes a "study trip" of minors with one leader), unrelated
 * bookings sharing one phone and e-mail, refugee travel documents, cash, third-party payers, last-minute and
 * one-way tickets, documents issued days before travel.
 */
import { addDays, addYears, ageAt, birthDateForAge, passengerAt, reshape, withBirthDate } from './flights-people.js';
import type { PeopleOptions } from './flights-people.js';
import type { SynthPassenger } from './flights-people.js';
import type { Rng } from './prng.js';

/** The indicator pattern a booking was built to show (for summaries and tests). */
export type BookingPattern =
  | 'solo'
  | 'couple'
  | 'family'
  | 'minor-with-other-adults'
  | 'unaccompanied-minor'
  | 'group'
  | 'shared-contact'
  | 'refugee';

/** A traveller of a booking, seated. */
export interface SynthBookedPassenger extends SynthPassenger {
  readonly seat: string;
}

/** Who paid for a booking when it was not a traveller (IFT 4:43). */
export interface SynthPayer {
  readonly name: string;
  readonly address: string;
  readonly phone: string;
}

/** One PNR. */
export interface SynthBooking {
  readonly locator: string;
  readonly pattern: BookingPattern;
  /** PNR creation, UTC `YYYY-MM-DDTHH:MM`. */
  readonly createdAt: string;
  readonly passengers: readonly SynthBookedPassenger[];
  /** The group name (TIF type G) for a group booking. */
  readonly group: string | undefined;
  /** Booking-level contact (ADD). */
  readonly phone: string;
  readonly email: string;
  /** Whether adults also give their own phone and e-mail (SSR CTCM / CTCE). */
  readonly travellerContacts: boolean;
  readonly payment: 'card' | 'cash';
  readonly card: string;
  readonly payer: SynthPayer | undefined;
  /** Date of the return flight; undefined for a one-way ticket. */
  readonly returnDate: string | undefined;
  /** SSR UMNR on the (only) traveller. */
  readonly unaccompaniedMinor: boolean;
}

const groupNames = [
  'SUNRISE TOURS',
  'FUTURE STARS ACADEMY',
  'GLOBAL LANGUAGE CAMP',
  'PILGRIM TRAVEL',
  'BLUE WAVE SPORTS',
];
const refugeeHosts = ['D', 'FRA', 'SWE', 'NLD', 'ITA'];
const locatorAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Draws passengers in order; family and minor slots skip planted persons (kept for solo bookings of their own). */
class PassengerCursor {
  private next = 0;
  readonly planted: SynthPassenger[] = [];
  constructor(
    private readonly people: PeopleOptions,
    private readonly base: number,
    private readonly departure: string,
  ) {}

  any(): SynthPassenger {
    return passengerAt(this.people, this.base + this.next++, this.departure);
  }

  unlisted(): SynthPassenger {
    for (;;) {
      const p = this.any();
      if (p.expectedIds.length === 0) return p;
      this.planted.push(p);
    }
  }
}

/** What a booking builder needs from its flight. */
export interface BookingContext {
  readonly rng: Rng;
  readonly people: PeopleOptions;
  /** First `travellerAt` index of this flight; passengers take base…base+999, payers base+1016…. */
  readonly base: number;
  /** Local departure `YYYY-MM-DDTHH:MM` (creation times are compared with it as the indicator rules do). */
  readonly departure: string;
  readonly passengers: number;
  readonly seatLetters: string;
}

function adult(rng: Rng, p: SynthPassenger, on: string): SynthPassenger {
  return ageAt(p.birthDate, on) >= 18 ? p : withBirthDate(p, birthDateForAge(rng, on, 20, 65), on);
}

function child(rng: Rng, p: SynthPassenger, on: string, min: number, max: number): SynthPassenger {
  return withBirthDate(p, birthDateForAge(rng, on, min, max), on);
}

/** A family member of `lead`: same surname and nationality, a passport of the same state. */
function kin(p: SynthPassenger, lead: SynthPassenger): SynthPassenger {
  const document = { ...p.document, issuer: lead.document.issuer };
  return reshape(p, { surname: lead.surname, nationality: lead.nationality, document });
}

/** The travellers and pattern of one booking, before booking-level details. */
type Party = { pattern: BookingPattern; people: SynthPassenger[]; group?: string; umnr?: boolean };

function specials(c: BookingContext, cursor: PassengerCursor): Party[] {
  const { rng, departure } = c;
  const day = departure.slice(0, 10);
  const parties: Party[] = [];
  let count = 0;
  // A pattern that would take the flight past its size is left out (only with a small configured size).
  const add = (party: Party) => {
    if (count + party.people.length > c.passengers) return;
    parties.push(party);
    count += party.people.length;
  };
  if (rng.chance(0.3)) {
    const study = rng.chance(0.4);
    const size = rng.range(10, 24);
    const people: SynthPassenger[] = [];
    for (let i = 0; i < size; i++) {
      const p = cursor.unlisted();
      people.push(study && i >= 2 ? child(rng, p, day, 13, 17) : adult(rng, p, day));
    }
    add({ pattern: 'group', people, group: rng.pick(groupNames) });
  }
  if (rng.chance(0.5)) {
    const escort = adult(rng, cursor.unlisted(), day);
    const minors = Array.from({ length: rng.range(1, 2) }, () => child(rng, cursor.unlisted(), day, 4, 16));
    add({ pattern: 'minor-with-other-adults', people: [escort, ...minors] });
  }
  if (rng.chance(0.4)) {
    add({ pattern: 'unaccompanied-minor', people: [child(rng, cursor.unlisted(), day, 6, 15)], umnr: true });
  }
  if (rng.chance(0.35)) {
    for (let i = rng.range(3, 4); i > 0; i--)
      add({ pattern: 'shared-contact', people: [adult(rng, cursor.unlisted(), day)] });
  }
  if (rng.chance(0.3)) {
    for (let i = rng.range(1, 2); i > 0; i--) {
      const p = adult(rng, cursor.unlisted(), day);
      const host = rng.pick(refugeeHosts);
      const issued = addDays(day, -(rng.chance(0.4) ? rng.range(2, 25) : rng.range(90, 1500)));
      const expiry = addYears(issued, 5);
      const document = { ...p.document, type: 'P' as const, issuer: host, issued, issuedSent: true, expiry };
      add({
        pattern: 'refugee',
        people: [reshape(p, { nationality: rng.chance(0.7) ? 'XXB' : 'XXA', document })],
      });
    }
  }
  return parties;
}

/** An ordinary booking of at most `room` travellers (room ≥ 1): a solo traveller, a couple or a family. */
function ordinary(c: BookingContext, cursor: PassengerCursor, room: number): Party {
  const { rng } = c;
  const day = c.departure.slice(0, 10);
  const r = rng.next();
  if (r < 0.62) {
    // A planted person keeps the birth date they are listed with: a listed child travels as the child it is.
    const p = cursor.any();
    return { pattern: 'solo', people: [p.expectedIds.length > 0 ? p : adult(rng, p, day)] };
  }
  const lead = adult(rng, cursor.unlisted(), day);
  // The last booking of a flight takes only the seats left: a couple without the partner travels alone, a family
  // with fewer children.
  if (room < 2) return { pattern: 'solo', people: [lead] };
  const partner = () => kin(adult(rng, cursor.unlisted(), day), lead);
  if (r < 0.76) return { pattern: 'couple', people: [lead, partner()] };
  const people = [lead, ...(r < 0.92 && room >= 3 ? [partner()] : [])];
  for (let i = rng.range(1, 3); i > 0 && people.length < room; i--) {
    people.push(kin(child(rng, cursor.unlisted(), day, 1, 17), lead));
  }
  return { pattern: 'family', people };
}

function locator(rng: Rng, used: Set<string>): string {
  for (;;) {
    let l = '';
    for (let i = 0; i < 6; i++) l += locatorAlphabet[rng.int(locatorAlphabet.length)]!;
    if (!used.has(l)) {
      used.add(l);
      return l;
    }
  }
}

function phone(rng: Rng): string {
  return `+${rng.range(20, 98)}${String(rng.range(100_000_000, 999_999_999))}`;
}

/** The bookings of one flight, exactly `c.passengers` travellers in all. */
export function bookingsOf(c: BookingContext): SynthBooking[] {
  const { rng } = c;
  const cursor = new PassengerCursor(c.people, c.base, c.departure.slice(0, 10));
  const parties = specials(c, cursor);
  let count = parties.reduce((n, p) => n + p.people.length, 0);
  while (count < c.passengers) {
    const party =
      cursor.planted.length > 0
        ? { pattern: 'solo' as const, people: [cursor.planted.shift()!] }
        : ordinary(c, cursor, c.passengers - count);
    parties.push(party);
    count += party.people.length;
  }
  const used = new Set<string>();
  const shared = { phone: phone(rng), email: `contact${rng.range(100, 999)}@quickmail.example` };
  let seat = 0;
  let payers = 0;
  return parties.map((party) => {
    const passengers = party.people.map((p) => {
      const s = seat++;
      return { ...p, seat: `${1 + Math.floor(s / c.seatLetters.length)}${c.seatLetters[s % c.seatLetters.length]!}` };
    });
    const lead = passengers[0]!;
    const lastMinute = rng.chance(party.pattern === 'group' ? 0.2 : 0.05);
    const hoursBefore = lastMinute ? rng.range(2, 46) : rng.range(72, 2880);
    const created = new Date(Date.parse(`${c.departure}Z`) - hoursBefore * 3_600_000).toISOString().slice(0, 16);
    const thirdParty = rng.chance(
      party.pattern === 'minor-with-other-adults' || party.pattern === 'group' ? 0.4 : 0.03,
    );
    const payerPerson = thirdParty ? passengerAt(c.people, c.base + 1016 + (payers++ % 8), c.departure) : undefined;
    const isShared = party.pattern === 'shared-contact';
    return {
      locator: locator(rng, used),
      pattern: party.pattern,
      createdAt: created,
      passengers,
      group: party.group,
      phone: isShared ? shared.phone : phone(rng),
      email: isShared
        ? shared.email
        : `${lead.surname.replace(/[^A-Z]/g, '').toLowerCase() || 'pax'}${rng.range(1, 99)}@mail.example`,
      travellerContacts: party.pattern !== 'group' && rng.chance(0.3),
      payment: rng.chance(party.pattern === 'group' ? 0.3 : 0.04) ? 'cash' : 'card',
      card: `${rng.pick(['VI', 'CA', 'AX'])}:XXXXXXXXXXXX${rng.range(1000, 9999)}:${String(rng.range(1, 12)).padStart(2, '0')}${rng.range(26, 30)}`,
      payer:
        payerPerson === undefined
          ? undefined
          : {
              name: `${payerPerson.givenNames} ${payerPerson.surname}`.trim(),
              address: `${rng.range(1, 200)} MARKET STREET`,
              phone: phone(rng),
            },
      returnDate: rng.chance(party.pattern === 'unaccompanied-minor' ? 0.5 : 0.2)
        ? undefined
        : addDays(c.departure, rng.range(3, 30)),
      unaccompaniedMinor: party.umnr === true,
    };
  });
}
