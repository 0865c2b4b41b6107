import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePaxlst } from '../paxlst.js';
import { parsePnrgov } from '../pnrgov.js';
import { builtinRules } from './builtin.js';
import { evaluateRules } from './evaluate.js';
import { buildFlightFacts } from './facts.js';
import { linkTravellers } from './link.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/travel/${name}`, import.meta.url));
const lists = parsePaxlst(fixture('paxlst-d05b-passengers.edi')).lists;
const push = parsePnrgov(fixture('pnrgov-three-pnrs.edi')).messages[0]!;
const facts = buildFlightFacts(lists, push.bookings, { pnrgovFlight: push.flight });
const byKey = (key: string) => facts.travellers.find((t) => t.key === key)!;
const booking = (locator: string) => facts.bookings.find((b) => b.locator === locator)!;

describe('buildFlightFacts on the API and PNR fixtures of flight LA417 CDG–AMS', () => {
  it('builds the flight facts, medium-haul from the scheduled duration', () => {
    const f = facts.flight;
    assert.deepEqual(
      [f.carrier, f.number, f.departureAirport, f.arrivalAirport, f.scheduledDeparture, f.durationMinutes, f.longHaul],
      ['LA', '417', 'CDG', 'AMS', '2024-10-01T12:10', 85, false],
    );
    assert.deepEqual([f.travellerCount, f.passengerCount, f.bookingCount], [6, 6, 3]);
  });

  it("links O'NEILL/SIOBHAN MARIE (API) to ONEILL/SIOBHAN MRS (PNR) by name and birth date", () => {
    const mother = byKey('api:1');
    assert.equal(mother.source, 'api+pnr');
    assert.deepEqual(
      [mother.age, mother.adult, mother.bags, mother.seat, mother.nationality],
      [39, true, 2, '14C', 'IRL'],
    );
    assert.deepEqual(mother.document, {
      type: 'P',
      number: 'PE1234567',
      issuer: 'IRL',
      issuedOn: '2020-02-12',
      expiresOn: '2030-02-11',
      daysIssuedBeforeDeparture: 1693,
      issuerDiffersFromNationality: false,
    });
    // Travellers the API list does not carry stay as PNR travellers (the group name is not a person).
    assert.deepEqual(
      facts.travellers.map((t) => `${t.key} ${t.source}`),
      ['api:1 api+pnr', 'api:2 api', 'api:3 api', 'pnr:QX7P2L:2 pnr', 'pnr:QX7P2L:3 pnr', 'pnr:RT9K4Z:1 pnr'],
    );
  });

  it('derives ages, minors and companions on a booking (RFF+AVF or the PNR)', () => {
    const jonas = byKey('api:2');
    assert.deepEqual([jonas.age, jonas.minor, jonas.nationality], [9, true, 'DEU']);
    assert.deepEqual(jonas.companions, {
      count: 3,
      adultCount: 1,
      adultsSameSurname: 0,
      adultsOtherSurname: 1,
      otherSurnames: ['ONEILL'],
    });
    const ciaran = byKey('pnr:QX7P2L:2');
    assert.equal(ciaran.bags, 0, 'checked in without a TBD');
    assert.equal(ciaran.companions?.adultsSameSurname, 1);
    assert.equal(byKey('pnr:QX7P2L:3').dateOfBirth, '2024-03-03', "the infant's birth date from the adult's SSR INFT");
    assert.equal(byKey('api:3').companions, undefined, 'no booking: companions unknown');
  });

  it('derives booking facts: timing, payment, payer, contacts, group', () => {
    const minor = booking('RT9K4Z');
    assert.deepEqual(
      [minor.hoursBeforeDeparture, minor.oneWay, minor.paymentKinds, minor.payerName, minor.payerOnFlight],
      [12.5, true, ['cash'], 'MARCO VIDAL', false],
    );
    assert.deepEqual([minor.unaccompaniedMinor, minor.minorCount, minor.adultCount], [true, 1, 0]);
    const family = booking('QX7P2L');
    assert.deepEqual(family.cards, ['VI:XXXXXXXXXXXX1186:0227']);
    assert.deepEqual(family.emails, ['siobhan.oneill@mail.example']);
    assert.equal(family.contactParties, 2, 'the booking ADD and the mother herself');
    const group = booking('GRP555');
    assert.deepEqual([group.group, group.groupSize, group.travellerCount, group.contactParties], [true, 12, 0, 1]);
  });

  it('fires the expected built-ins (the weak indicators too, when switched on), each on the right subject', () => {
    const hits = evaluateRules(builtinRules, facts).map((h) =>
      h.subject.kind === 'booking'
        ? `${h.ruleId} ${h.subject.locator}`
        : `${h.ruleId} ${h.subject.kind === 'traveller' ? h.subject.key : ''}`,
    );
    assert.deepEqual(hits.sort(), [
      'cash-payment RT9K4Z',
      'document-issuer-not-nationality api:3',
      'group-single-contact GRP555',
      'last-minute-booking RT9K4Z',
      'minor-with-adults-of-another-surname api:2',
      'one-way-ticket GRP555',
      'one-way-ticket QX7P2L',
      'one-way-ticket RT9K4Z',
      'paid-by-non-traveller RT9K4Z',
      // The minor's booking is one-way, paid in cash by someone not on the flight, made 12.5 hours before departure.
      'several-weak-indicators pnr:RT9K4Z:1',
      'stateless-or-refugee api:3',
      'unaccompanied-minor pnr:RT9K4Z:1',
    ]);
  });
});

describe('linkTravellers', () => {
  const siobhanApi = lists[0]!.travellers[0]!;
  const family = push.bookings[0]!;
  const links = (api: (typeof siobhanApi)[]) => [...linkTravellers(api, [family]).entries()];

  it('links by name + birth date before name alone', () => {
    const namesake = { ...siobhanApi, dateOfBirth: '1990-01-01', recordLocator: undefined };
    assert.deepEqual(links([namesake, siobhanApi]), [['0:0', 1]]);
  });

  it('does not link a contradicting birth date, nor an RFF+AVF naming another booking', () => {
    assert.deepEqual(links([{ ...siobhanApi, dateOfBirth: '1990-01-01' }]), []);
    assert.deepEqual(links([{ ...siobhanApi, recordLocator: 'ZZZ999' }]), []);
  });

  it('links by name alone only when unambiguous, preferring the API traveller whose RFF+AVF names the booking', () => {
    const noDob = { ...siobhanApi, dateOfBirth: undefined };
    assert.deepEqual(links([noDob]), [['0:0', 0]]);
    const twin = { ...noDob, recordLocator: undefined };
    assert.deepEqual(links([twin, noDob]), [['0:0', 1]]);
    assert.deepEqual(links([twin, { ...twin }]), [], 'two equal candidates: no link');
  });
});
