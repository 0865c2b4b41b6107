import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flightAsItStands } from './flight-state.js';
import type { PaxlstList, PaxlstTraveller } from './paxlst.types.js';
import type { PnrgovBooking, PnrgovItineraryLeg } from './pnrgov.types.js';

const traveller = (surname: string, doc: string, extra: Partial<PaxlstTraveller> = {}): PaxlstTraveller =>
  ({
    role: 'passenger',
    surname,
    givenNames: 'A',
    documents: [{ type: 'P', number: doc, issuingState: { code: 'NLD', key: 'NLD' } }],
    ...extra,
  }) as unknown as PaxlstTraveller;
const list = (fn: string, travellers: PaxlstTraveller[]): PaxlstList =>
  ({ messageFunction: fn, travellers }) as unknown as PaxlstList;
const booking = (locator: string, note: string): PnrgovBooking =>
  ({ recordLocator: locator, note }) as unknown as PnrgovBooking;

describe('a flight as it now stands', () => {
  it('keeps each traveller where a list named them last, and nobody a later list cancelled', () => {
    const first = list('', [traveller('ADAMS', 'P1'), traveller('BAKER', 'P2'), traveller('CLARK', 'P3')]);
    const change = list('CP', [traveller('BAKER', 'P2', { seat: '12A' })]);
    const cancel = list('XR', [traveller('CLARK', 'P3')]);
    const flight = flightAsItStands([
      { lists: [first], bookings: [] },
      { lists: [change, cancel], bookings: [] },
    ]);
    const names = flight.lists.map((l) => l.travellers.map((t) => `${t.surname}${t.seat ?? ''}`));
    assert.deepEqual(names, [['ADAMS'], ['BAKER12A'], []]);
    assert.equal(flight.lists[0]!.messageFunction, '', 'the lists keep their own fields');
  });

  it('lists a cancelled traveller again when a later list names them', () => {
    const flight = flightAsItStands([
      { lists: [list('', [traveller('ADAMS', 'P1')])], bookings: [] },
      { lists: [list('XR', [traveller('ADAMS', 'P1')])], bookings: [] },
      { lists: [list('', [traveller('ADAMS', 'P1')])], bookings: [] },
    ]);
    assert.deepEqual(
      flight.lists.map((l) => l.travellers.length),
      [0, 0, 1],
    );
  });

  it('keeps the latest copy of a booking in the place it first appeared; bookings without a locator each count', () => {
    const flight = flightAsItStands([
      { lists: [], bookings: [booking('AAA111', 'old'), booking('BBB222', 'b'), booking('', 'x')] },
      { lists: [], bookings: [booking('AAA111', 'new'), booking('', 'y')] },
    ]);
    assert.deepEqual(
      flight.bookings.map((b) => `${b.recordLocator}:${(b as unknown as { note: string }).note}`),
      ['AAA111:new', 'BBB222:b', ':x', ':y'],
    );
  });

  it('carries the pushed flight of the latest PNR push that gives a departure', () => {
    const leg = (departure: string | undefined) => ({ departure }) as unknown as PnrgovItineraryLeg;
    const [first, second, undated] = [leg('2024-10-01T12:10'), leg('2024-10-01T12:40'), leg(undefined)];
    const flight = flightAsItStands([
      { lists: [], bookings: [], pnrgovFlight: first },
      { lists: [list('', [traveller('ADAMS', 'P1')])], bookings: [] },
      { lists: [], bookings: [], pnrgovFlight: second },
      { lists: [], bookings: [], pnrgovFlight: undated },
    ]);
    assert.equal(flight.pnrgovFlight, second);
    assert.equal(flightAsItStands([{ lists: [], bookings: [] }]).pnrgovFlight, undefined);
  });

  it('returns the lists themselves when nothing in them changed', () => {
    const only = list('', [traveller('ADAMS', 'P1')]);
    assert.equal(flightAsItStands([{ lists: [only], bookings: [] }]).lists[0], only);
  });
});
