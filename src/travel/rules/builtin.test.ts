import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRule, builtinRules, weakIndicatorIds } from './builtin.js';
import { evaluateRules } from './evaluate.js';
import type { BookingFacts, FlightFactSet, FlightFacts, TravellerFacts } from './facts.types.js';
import { buildBooking, buildCompanions, buildDocument, buildFactSet, buildTraveller } from './rules.factories.js';

/** Hits of one built-in over one traveller or booking (with a default flight). */
function run(
  id: string,
  parts: { traveller?: TravellerFacts; booking?: BookingFacts; flight?: Partial<FlightFacts> },
): ReturnType<typeof evaluateRules> {
  const set: FlightFactSet = buildFactSet({
    flight: parts.flight ?? {},
    travellers: parts.traveller === undefined ? [] : [parts.traveller],
    bookings: parts.booking === undefined ? [] : [parts.booking],
  });
  return evaluateRules([builtinRule(id)], set);
}

/** The matched facts of the single hit, as `fact op → actual`. */
function explanation(hits: ReturnType<typeof evaluateRules>): Record<string, unknown> {
  assert.equal(hits.length, 1, 'expected exactly one hit');
  return Object.fromEntries(hits[0]!.matched.map((m) => [`${m.fact} ${m.op}`, m.actual]));
}

const child = { age: 9, minor: true, adult: false, dateOfBirth: '2015-07-04' } as const;

describe('built-in indicators', () => {
  it('are thirteen valid rules with distinct ids for all countries: the eight weak indicators off by default', () => {
    assert.equal(builtinRules.length, 13);
    assert.equal(new Set(builtinRules.map((r) => r.id)).size, 13);
    for (const r of builtinRules) {
      const weak = (weakIndicatorIds as readonly string[]).includes(r.id);
      assert.deepEqual([r.enabled, r.countries, r.version], [!weak, 'all', 1], r.id);
    }
    assert.deepEqual(
      builtinRules.filter((r) => r.enabled).map((r) => r.id),
      [
        'minor-with-adults-of-another-surname',
        'unaccompanied-minor',
        'shared-contact',
        'group-single-contact',
        'several-weak-indicators',
      ],
    );
  });

  it('several weak indicators: three of the eight on one traveller fire, naming them; two do not', () => {
    const booking = buildBooking({ oneWay: true, paymentKinds: ['cash'], hoursBeforeDeparture: 200 });
    const traveller = buildTraveller({ bags: 0 });
    const hits = run('several-weak-indicators', { traveller, booking, flight: { longHaul: true } });
    assert.deepEqual(explanation(hits), {
      'booking.payment.kinds contains': ['cash'],
      'booking.oneWay eq': true,
      'flight.longHaul eq': true,
      'traveller.role eq': 'passenger',
      'traveller.bags eq': 0,
    });
    assert.equal(hits[0]!.severity, 'medium');
    assert.deepEqual(hits[0]!.subject.kind, 'traveller');
    // Two of them: a one-way ticket paid in cash, bags on a short flight.
    assert.deepEqual(run('several-weak-indicators', { traveller, booking, flight: { longHaul: false } }), []);
    // Each counts once, whatever part of it holds: the last-minute window needs both its bounds.
    const notLastMinute = buildBooking({ oneWay: true, paymentKinds: ['cash'], hoursBeforeDeparture: -3 });
    assert.deepEqual(run('several-weak-indicators', { traveller: buildTraveller(), booking: notLastMinute }), []);
    const lastMinute = buildBooking({ oneWay: true, paymentKinds: ['cash'], hoursBeforeDeparture: 3 });
    assert.equal(run('several-weak-indicators', { traveller: buildTraveller(), booking: lastMinute }).length, 1);
  });

  it('several weak indicators counts exactly the eight, each as its own rule states it', () => {
    const several = builtinRule('several-weak-indicators').when;
    assert.ok('atLeast' in several);
    assert.equal(several.atLeast, 3);
    assert.deepEqual(
      several.of,
      weakIndicatorIds.map((id) => builtinRule(id).when),
    );
  });

  it('minor with adults of another surname: fires without a same-surname adult, not with one', () => {
    const companions = buildCompanions({ count: 1, adultCount: 1, adultsOtherSurname: 1, otherSurnames: ['VIDAL'] });
    const hits = run('minor-with-adults-of-another-surname', { traveller: buildTraveller({ ...child, companions }) });
    assert.deepEqual(explanation(hits), {
      'traveller.minor eq': true,
      'traveller.companions.adultsOtherSurname gte': 1,
      'traveller.companions.adultsSameSurname eq': 0,
    });
    assert.equal(hits[0]!.severity, 'high');
    const withMother = buildCompanions({ count: 2, adultCount: 2, adultsOtherSurname: 1, adultsSameSurname: 1 });
    assert.deepEqual(
      run('minor-with-adults-of-another-surname', { traveller: buildTraveller({ ...child, companions: withMother }) }),
      [],
    );
  });

  it('unaccompanied minor: SSR UMNR, or a minor with no adult on the booking; not with an adult', () => {
    const alone = buildTraveller({ ...child, unaccompaniedMinor: true, companions: buildCompanions() });
    assert.deepEqual(explanation(run('unaccompanied-minor', { traveller: alone })), {
      'traveller.unaccompaniedMinor eq': true,
      'traveller.minor eq': true,
      'traveller.companions.adultCount eq': 0,
    });
    const umnrWithEscort = buildTraveller({
      ...child,
      unaccompaniedMinor: true,
      companions: buildCompanions({ adultCount: 1, count: 1 }),
    });
    assert.deepEqual(explanation(run('unaccompanied-minor', { traveller: umnrWithEscort })), {
      'traveller.unaccompaniedMinor eq': true,
    });
    const withAdult = buildTraveller({ ...child, companions: buildCompanions({ count: 1, adultCount: 1 }) });
    assert.deepEqual(run('unaccompanied-minor', { traveller: withAdult }), []);
    // No booking: who travels with the child is unknown, not "nobody".
    assert.deepEqual(
      run('unaccompanied-minor', { traveller: buildTraveller({ ...child, companions: undefined }) }),
      [],
    );
  });

  it('cash payment: fires on FOP cash among others, not on card alone', () => {
    const hits = run('cash-payment', { booking: buildBooking({ paymentKinds: ['card', 'cash'] }) });
    assert.deepEqual(explanation(hits), { 'booking.payment.kinds contains': ['card', 'cash'] });
    assert.deepEqual(hits[0]!.subject, { kind: 'booking', locator: 'ABC123' });
    assert.deepEqual(run('cash-payment', { booking: buildBooking({ paymentKinds: ['card'] }) }), []);
  });

  it('paid by someone who does not travel: fires when the named payer is not on the flight', () => {
    const paid = { payerName: 'MARCO VIDAL', payerIsTraveller: false, payerOnFlight: false };
    assert.deepEqual(explanation(run('paid-by-non-traveller', { booking: buildBooking(paid) })), {
      'booking.payer.onFlight eq': false,
    });
    const onFlight = buildBooking({ ...paid, payerOnFlight: true });
    assert.deepEqual(run('paid-by-non-traveller', { booking: onFlight }), []);
    assert.deepEqual(run('paid-by-non-traveller', { booking: buildBooking() }), [], 'no payer named');
  });

  it('booked less than 48 hours before departure: 47.5 h fires, 48 h does not', () => {
    assert.deepEqual(
      explanation(run('last-minute-booking', { booking: buildBooking({ hoursBeforeDeparture: 47.5 }) })),
      {
        'booking.hoursBeforeDeparture gte': 47.5,
        'booking.hoursBeforeDeparture lt': 47.5,
      },
    );
    assert.deepEqual(run('last-minute-booking', { booking: buildBooking({ hoursBeforeDeparture: 48 }) }), []);
  });

  it('one-way: fires on an itinerary that never returns, not on a return', () => {
    const oneWay = buildBooking({ oneWay: true, segmentCount: 1 });
    assert.deepEqual(explanation(run('one-way-ticket', { booking: oneWay })), { 'booking.oneWay eq': true });
    assert.deepEqual(run('one-way-ticket', { booking: buildBooking() }), []);
  });

  it('shared contact: three unrelated bookings behind one phone fire, two do not', () => {
    const shared = { phoneBookings: 3, emailBookings: 1, cardBookings: 1, values: ['34600111222'] };
    assert.deepEqual(explanation(run('shared-contact', { booking: buildBooking({ shared }) })), {
      'booking.shared.phoneBookings gte': 3,
    });
    const two = { ...shared, phoneBookings: 2 };
    assert.deepEqual(run('shared-contact', { booking: buildBooking({ shared: two }) }), []);
  });

  it('group booking with one contact: fires for one party, not when travellers give their own', () => {
    const group = { group: true, groupSize: 12, travellerCount: 0 };
    assert.deepEqual(
      explanation(run('group-single-contact', { booking: buildBooking({ ...group, contactParties: 1 }) })),
      {
        'booking.group eq': true,
        'booking.contacts.parties lte': 1,
      },
    );
    assert.deepEqual(run('group-single-contact', { booking: buildBooking({ ...group, contactParties: 2 }) }), []);
  });

  it('no checked bags on a long-haul flight: fires long-haul, not medium-haul, not for crew', () => {
    const traveller = buildTraveller({ bags: 0 });
    assert.deepEqual(explanation(run('no-bags-long-haul', { traveller, flight: { longHaul: true } })), {
      'flight.longHaul eq': true,
      'traveller.role eq': 'passenger',
      'traveller.bags eq': 0,
    });
    assert.deepEqual(run('no-bags-long-haul', { traveller, flight: { longHaul: false } }), []);
    const crew = buildTraveller({ bags: 0, role: 'crew' });
    assert.deepEqual(run('no-bags-long-haul', { traveller: crew, flight: { longHaul: true } }), []);
  });

  it('document issued shortly before travel: 12 days fires, 31 does not', () => {
    const recent = buildTraveller({
      document: buildDocument({ issuedOn: '2024-09-19', daysIssuedBeforeDeparture: 12 }),
    });
    assert.deepEqual(explanation(run('document-issued-recently', { traveller: recent })), {
      'traveller.document.daysIssuedBeforeDeparture between': 12,
    });
    const older = buildTraveller({ document: buildDocument({ daysIssuedBeforeDeparture: 31 }) });
    assert.deepEqual(run('document-issued-recently', { traveller: older }), []);
  });

  it('document issuer different from the nationality: fires when both known and differ, not otherwise', () => {
    const foreign = buildTraveller({ document: buildDocument({ issuer: 'FRA', issuerDiffersFromNationality: true }) });
    assert.deepEqual(explanation(run('document-issuer-not-nationality', { traveller: foreign })), {
      'traveller.document.issuerDiffersFromNationality eq': true,
    });
    assert.deepEqual(run('document-issuer-not-nationality', { traveller: buildTraveller() }), []);
    const unknown = buildTraveller({ document: buildDocument({ issuerDiffersFromNationality: undefined }) });
    assert.deepEqual(run('document-issuer-not-nationality', { traveller: unknown }), []);
  });

  it('stateless or refugee codes: XXA fires, an ordinary nationality does not', () => {
    const hits = run('stateless-or-refugee', { traveller: buildTraveller({ nationality: 'XXA' }) });
    assert.deepEqual(explanation(hits), { 'traveller.nationality in': 'XXA' });
    assert.equal(hits[0]!.subject.kind, 'traveller');
    assert.deepEqual(run('stateless-or-refugee', { traveller: buildTraveller({ nationality: 'SYR' }) }), []);
  });
});
