/**
 * The built-in trafficking indicators, written in the declarative format and passed through `validateRule` at load
 * time, so they obey the same catalogue and limits as any rule an analyst stores. Each one cites the row of
 * docs/domain.md §6 (and the source named there) that motivates it. Every indicator is weak on its own (§6: "combine
 * into scored rules and keep a human in the loop"); severities rank them for the review queue, they are not verdicts.
 *
 * Four run on their own by default, each naming a situation an officer should look at whatever else is true: a minor
 * with adults of another surname, an unaccompanied minor, contacts shared by unrelated bookings, a group with one
 * contact. The other eight describe much ordinary travel — one booking in five is one-way — and run by default only
 * together, as `several-weak-indicators`: three or more of them on one traveller. One by one, on the synthetic flights
 * of `lodestar synth flights` (seed 1, 100 flights, 28,697 travellers), they raised 5,907 hits, 3,072 of them one-way
 * tickets: a review queue that long buries the hits that matter. Together, three or more: 102 travellers; two or more
 * would be 1,145 (mostly a one-way ticket and one other). A country may switch any of the eight on for itself.
 */
import type { Rule } from './rule-format.js';
import { validateRule } from './rule-format.js';

/** Thresholds of the built-ins, named so a country can copy a rule and change one number. */
export const builtinThresholds = {
  lastMinuteHours: 48,
  recentDocumentDays: 30,
  sharedContactBookings: 3,
  /** How many of the weak indicators make `several-weak-indicators` fire. */
  weakIndicators: 3,
} as const;

const common = { version: 1, countries: 'all', enabled: true } as const;

/** The indicators that run on their own only where a country switches them on (see the module comment). */
export const weakIndicatorIds = [
  'cash-payment',
  'paid-by-non-traveller',
  'last-minute-booking',
  'one-way-ticket',
  'no-bags-long-haul',
  'document-issued-recently',
  'document-issuer-not-nationality',
  'stateless-or-refugee',
] as const;

const definitions: readonly Record<string, unknown>[] = [
  // §6 row 1 — Frontex VEGA Handbook "Children at airports"; IATA Guidance on Human Trafficking: a minor with
  // adults who are not the parents, surnames differ. Same-surname adults on the booking are taken for family.
  {
    id: 'minor-with-adults-of-another-surname',
    source: 'Frontex VEGA Handbook: Children at airports; IATA Guidance on Human Trafficking (domain.md §6)',
    title: 'Minor travelling with adults of another surname',
    subject: 'traveller',
    severity: 'high',
    when: {
      all: [
        { fact: 'traveller.minor', op: 'eq', value: true },
        { fact: 'traveller.companions.adultsOtherSurname', op: 'gte', value: 1 },
        { fact: 'traveller.companions.adultsSameSurname', op: 'eq', value: 0 },
      ],
    },
  },
  // §6 row 2 — VEGA Handbook; EU PNR Directive Annex I (unaccompanied-minor information): SSR UMNR, or a minor
  // with no adult on the booking.
  {
    id: 'unaccompanied-minor',
    source: 'Frontex VEGA Handbook; EU PNR Directive Annex I, unaccompanied-minor information (domain.md §6)',
    title: 'Unaccompanied minor',
    subject: 'traveller',
    severity: 'medium',
    when: {
      any: [
        { fact: 'traveller.unaccompaniedMinor', op: 'eq', value: true },
        {
          all: [
            { fact: 'traveller.minor', op: 'eq', value: true },
            { fact: 'traveller.companions.adultCount', op: 'eq', value: 0 },
          ],
        },
      ],
    },
  },
  // §6 row 4 — IATA Guidance on Human Trafficking; airline training material: ticket paid in cash (FOP+CA).
  {
    id: 'cash-payment',
    source: 'IATA Guidance on Human Trafficking; airline training material (domain.md §6)',
    title: 'Ticket paid in cash',
    subject: 'booking',
    severity: 'medium',
    when: { fact: 'booking.payment.kinds', op: 'contains', value: 'cash' },
  },
  // §6 row 3 — IATA Guidance; ICAO Doc 10171: ticket bought by a third party (IFT 4:43 sponsor) who does not fly.
  {
    id: 'paid-by-non-traveller',
    source: 'IATA Guidance on Human Trafficking; ICAO Doc 10171 (domain.md §6)',
    title: 'Ticket paid by someone who does not travel',
    subject: 'booking',
    severity: 'medium',
    when: { fact: 'booking.payer.onFlight', op: 'eq', value: false },
  },
  // §6 row 4 — IATA Guidance: last-minute booking (RCI creation vs TVL departure).
  {
    id: 'last-minute-booking',
    source: 'IATA Guidance on Human Trafficking (domain.md §6)',
    title: `Booked less than ${builtinThresholds.lastMinuteHours} hours before departure`,
    subject: 'booking',
    severity: 'low',
    when: {
      all: [
        { fact: 'booking.hoursBeforeDeparture', op: 'gte', value: 0 },
        { fact: 'booking.hoursBeforeDeparture', op: 'lt', value: builtinThresholds.lastMinuteHours },
      ],
    },
  },
  // §6 row 5 — EU PNR Directive Annex I ("one-way tickets"); IATA Guidance: one-way ticket.
  {
    id: 'one-way-ticket',
    source: 'EU PNR Directive Annex I, one-way tickets; IATA Guidance (domain.md §6)',
    title: 'One-way ticket',
    subject: 'booking',
    severity: 'low',
    when: { fact: 'booking.oneWay', op: 'eq', value: true },
  },
  // §6 row 6 — OSCE / Tech Against Trafficking tools report; GTAS practice: many PNRs sharing one phone, e-mail or
  // card (unrelated bookings only; see shared-contacts.ts).
  {
    id: 'shared-contact',
    source: 'OSCE / Tech Against Trafficking tools report (2020); GTAS (domain.md §6)',
    title: 'Phone, e-mail or card shared by several unrelated bookings',
    subject: 'booking',
    severity: 'high',
    when: {
      any: [
        { fact: 'booking.shared.phoneBookings', op: 'gte', value: builtinThresholds.sharedContactBookings },
        { fact: 'booking.shared.emailBookings', op: 'gte', value: builtinThresholds.sharedContactBookings },
        { fact: 'booking.shared.cardBookings', op: 'gte', value: builtinThresholds.sharedContactBookings },
      ],
    },
  },
  // §6 row 6 — ICAO Doc 10171; IATA Guidance: a group booking (TIF …:G) with one contact for everyone.
  {
    id: 'group-single-contact',
    source: 'ICAO Doc 10171; IATA Guidance on Human Trafficking (domain.md §6)',
    title: 'Group booking with one contact',
    subject: 'booking',
    severity: 'medium',
    when: {
      all: [
        { fact: 'booking.group', op: 'eq', value: true },
        { fact: 'booking.contacts.parties', op: 'lte', value: 1 },
      ],
    },
  },
  // §6 row 9 — airline training material; ICAO/OHCHR cabin-crew guidelines: little or no luggage for a long trip
  // (TBD bag count 0).
  {
    id: 'no-bags-long-haul',
    source: 'Airline training material; ICAO/OHCHR cabin-crew guidelines (domain.md §6)',
    title: 'No checked bags on a long-haul flight',
    subject: 'traveller',
    severity: 'low',
    when: {
      all: [
        { fact: 'flight.longHaul', op: 'eq', value: true },
        { fact: 'traveller.role', op: 'eq', value: 'passenger' },
        { fact: 'traveller.bags', op: 'eq', value: 0 },
      ],
    },
  },
  // §6 row 10 — ICAO Doc 10171; INTERPOL SLTD practice: a document issued shortly before travel (DTM+182).
  {
    id: 'document-issued-recently',
    source: 'ICAO Doc 10171; INTERPOL SLTD practice (domain.md §6)',
    title: `Document issued less than ${builtinThresholds.recentDocumentDays} days before travel`,
    subject: 'traveller',
    severity: 'medium',
    when: {
      fact: 'traveller.document.daysIssuedBeforeDeparture',
      op: 'between',
      value: [0, builtinThresholds.recentDocumentDays],
    },
  },
  // §6 last row — ICAO Doc 9303 / API NAT vs LOC+91: document issuer different from the nationality.
  {
    id: 'document-issuer-not-nationality',
    source: 'ICAO Doc 9303; API NAT vs LOC+91 (domain.md §6)',
    title: 'Document issuer different from the nationality',
    subject: 'traveller',
    severity: 'low',
    when: { fact: 'traveller.document.issuerDiffersFromNationality', op: 'eq', value: true },
  },
  // §6 last row — ICAO Doc 9303 Part 3: XXA stateless, XXB and XXC refugees; vulnerable to exploitation.
  {
    id: 'stateless-or-refugee',
    source: 'ICAO Doc 9303 Part 3 codes XXA/XXB/XXC (domain.md §6)',
    title: 'Stateless or refugee nationality code',
    subject: 'traveller',
    severity: 'low',
    when: { fact: 'traveller.nationality', op: 'in', value: ['XXA', 'XXB', 'XXC'] },
  },
];

const weak = (id: string): boolean => (weakIndicatorIds as readonly string[]).includes(id);

/**
 * §6 rule-engine note — indicators are weak individually; combine them. A traveller is counted for the booking they
 * travel on (payment, payer, lead time, itinerary) and for themselves (bags, document, nationality); the hit lists the
 * indicators that held.
 */
const several = {
  id: 'several-weak-indicators',
  source: 'docs/domain.md §6 rule-engine note: indicators are weak individually, combine them; the sources of each',
  title: `${builtinThresholds.weakIndicators} or more weak indicators together`,
  description: `At least ${builtinThresholds.weakIndicators} of: ${weakIndicatorIds.join(', ')}.`,
  subject: 'traveller',
  severity: 'medium',
  when: {
    atLeast: builtinThresholds.weakIndicators,
    of: weakIndicatorIds.map((id) => definitions.find((d) => d.id === id)!.when),
  },
};

/** The thirteen built-ins, validated: twelve indicators and their combination. */
export const builtinRules: readonly Rule[] = Object.freeze(
  [...definitions, several].map((d) => validateRule({ ...common, ...d, enabled: !weak(d.id as string) })),
);

/** A built-in rule by id (throws for an unknown id: a typo in code, not user input). */
export function builtinRule(id: string): Rule {
  const rule = builtinRules.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no built-in rule ${id}`);
  return rule;
}
