import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parsePaxlst, type PaxlstList } from '../travel/paxlst.js';
import { assemblePaxlst } from '../travel/paxlst-assembly.js';
import { parsePnrgov, type PnrgovMessage } from '../travel/pnrgov.js';
import { builtinRules } from '../travel/rules/builtin.js';
import { evaluateRules } from '../travel/rules/evaluate.js';
import { buildFlightFacts } from '../travel/rules/facts.js';
import { flightMessages, synthAirportInfo, type FlightMessages } from './flights.js';
import { personAt } from './persons.js';

const options = { seed: 7, personCount: 1000, hitRate: 0.01 };

interface Parsed {
  readonly generated: FlightMessages;
  readonly parts: readonly PaxlstList[];
  readonly crew: readonly PaxlstList[];
  readonly pnr: PnrgovMessage;
  readonly warnings: readonly string[];
}

function parseFlight(generated: FlightMessages): Parsed {
  const warnings: string[] = [];
  const lists = generated.paxlst.flatMap((file) => {
    const parsed = parsePaxlst(file.text);
    warnings.push(...parsed.warnings.map((w) => w.code), ...parsed.lists.flatMap((l) => l.warnings.map((w) => w.code)));
    return parsed.lists;
  });
  const pnrgov = parsePnrgov(generated.pnrgov[0]!.text);
  warnings.push(
    ...pnrgov.warnings.map((w) => w.code),
    ...pnrgov.messages.flatMap((m) => m.warnings.map((w) => w.code)),
  );
  return {
    generated,
    parts: lists.filter((l) => l.listType === 'passenger'),
    crew: lists.filter((l) => l.listType === 'crew'),
    pnr: pnrgov.messages[0]!,
    warnings,
  };
}

describe('synthetic flights', () => {
  let flights: Parsed[];
  before(() => {
    flights = Array.from({ length: 30 }, (_v, i) => parseFlight(flightMessages(options, i)));
  });

  it('is deterministic: the same seed and index give the same bytes, another seed other bytes', () => {
    const a = flightMessages(options, 4);
    const b = flightMessages(options, 4);
    assert.deepEqual(
      a.paxlst.map((f) => f.text),
      b.paxlst.map((f) => f.text),
    );
    assert.equal(a.pnrgov[0]!.text, b.pnrgov[0]!.text);
    assert.notEqual(flightMessages({ ...options, seed: 8 }, 4).pnrgov[0]!.text, a.pnrgov[0]!.text);
  });

  it('writes 150–400 passengers a flight, unique flight keys and unique file names', () => {
    const keys = new Set(
      flights.map(
        (f) =>
          `${f.generated.flight.carrier.code}${f.generated.flight.number}/${f.generated.flight.departure.slice(0, 10)}`,
      ),
    );
    assert.equal(keys.size, flights.length);
    const names = flights.flatMap((f) => [...f.generated.paxlst, ...f.generated.pnrgov].map((m) => m.name));
    assert.equal(new Set(names).size, names.length);
    for (const f of flights) {
      assert.ok(f.generated.flight.passengerCount >= 150 && f.generated.flight.passengerCount <= 430);
    }
  });

  it('parses back with the real parsers: every traveller, multi-part lists reassembled, crew and bookings', () => {
    let multipart = 0;
    for (const [i, f] of flights.slice(0, 20).entries()) {
      const flight = f.generated.flight;
      const list = f.parts.length > 1 ? assemblePaxlst([...f.parts].reverse()) : f.parts[0]!;
      if (f.parts.length > 1) multipart++;
      assert.equal(list.travellers.length, flight.passengerCount, `flight ${i} passengers`);
      assert.equal(list.partCount, f.parts.length);
      assert.equal(list.flight.carrier, flight.carrier.code);
      assert.equal(list.flight.flightNumber, flight.number);
      assert.equal(list.flight.scheduledDeparture, flight.departure);
      assert.equal(f.crew[0]?.travellers.length, flight.crew.length, `flight ${i} crew`);
      assert.equal(f.pnr.bookings.length, flight.bookings.length, `flight ${i} bookings`);
      const booked = f.pnr.bookings.reduce((n, b) => n + b.travellers.filter((t) => t.type !== 'group').length, 0);
      assert.equal(booked, flight.passengerCount, `flight ${i} booked travellers`);
      const names = new Set(list.travellers.map((t) => `${t.surname}/${t.givenNames}`));
      for (const b of flight.bookings)
        for (const p of b.passengers) assert.ok(names.has(`${p.surname}/${p.givenNames}`));
      // The only warnings are the UNT miscounts some carriers are known for.
      assert.deepEqual(
        f.warnings.filter((w) => w !== 'edifact.unt_count'),
        [],
        `flight ${i}`,
      );
    }
    assert.ok(multipart >= 5, `${multipart} multi-part lists`);
    assert.ok(
      flights.some((f) => f.warnings.includes('edifact.unt_count')),
      'a wrong UNT count is a warning',
    );
  });

  it('plants listed persons among the travellers', () => {
    const planted = flights
      .flatMap((f) => f.generated.flight.bookings.flatMap((b) => b.passengers))
      .filter((p) => p.expectedIds.length > 0);
    assert.ok(planted.length > 20, `${planted.length} planted`);
    assert.ok(planted.every((p) => p.expectedIds[0]!.startsWith('synth-p-')));
  });

  it("gives a planted passenger the listed person's birth date, or a variant of it a record may show", () => {
    const planted = flights
      .flatMap((f) => f.generated.flight.bookings.flatMap((b) => b.passengers))
      .filter((p) => p.expectedIds.length > 0);
    let whole = 0;
    for (const p of planted) {
      const listed = personAt(options.seed, Number(p.expectedIds[0]!.slice(8)) - 1).birthDate;
      if (listed.length !== 10) continue;
      whole++;
      const [y, m, d] = listed.split('-');
      // The date itself, day and month swapped, or a year one off (which keeps the month; on 29 February not the day).
      const yearOff = p.birthDate.slice(5, 7) === m && Math.abs(Number(p.birthDate.slice(0, 4)) - Number(y)) === 1;
      assert.ok(
        [listed, `${y}-${d}-${m}`].includes(p.birthDate) || yearOff,
        `${p.surname}: ${p.birthDate} for ${listed}`,
      );
    }
    assert.ok(whole > 20, `${whole} planted with a whole date`);
  });

  it('shows every built-in indicator somewhere in 30 flights', () => {
    const fired = new Set<string>();
    for (const f of flights) {
      const lists = [f.parts.length > 1 ? assemblePaxlst(f.parts) : f.parts[0]!, ...f.crew];
      const facts = buildFlightFacts(lists, f.pnr.bookings, { airports: synthAirportInfo, pnrgovFlight: f.pnr.flight });
      for (const hit of evaluateRules(builtinRules, facts, { country: 'NLD' })) fired.add(hit.ruleId);
    }
    assert.deepEqual(
      builtinRules.map((r) => r.id).filter((id) => !fired.has(id)),
      [],
    );
  });
});
