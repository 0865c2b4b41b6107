import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parsePaxlst, type PaxlstList } from '../travel/paxlst.js';
import { assemblePaxlst } from '../travel/paxlst-assembly.js';
import { parsePnrgov, type PnrgovMessage } from '../travel/pnrgov.js';
import { builtinRules } from '../travel/rules/builtin.js';
import { evaluateRules } from '../travel/rules/evaluate.js';
import { buildFlightFacts } from '../travel/rules/facts.js';
import { flightMessages, synthAirportInfo, type FlightMessages } from './flights.js';
import { ageAt } from './flights-people.js';
import { FIRST_FLIGHT_DATE, flightAt, flightKeyAt, FLIGHTS_PER_WEEK } from './flights-plan.js';
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
      assert.ok(f.generated.flight.passengerCount >= 150 && f.generated.flight.passengerCount <= 400);
    }
  });

  it('never takes a flight past its size: 150–400 travellers, a last family cut to the seats left', () => {
    for (let i = 0; i < 150; i++) {
      const n = flightAt(options, i).passengerCount;
      assert.ok(n >= 150 && n <= 400, `flight ${i}: ${n} travellers`);
    }
    // Sizes near the top: a family drawn last once took the flight to 403.
    for (let i = 0; i < 50; i++) {
      const n = flightAt({ ...options, seed: 3, minPassengers: 396, maxPassengers: 400 }, i).passengerCount;
      assert.ok(n >= 396 && n <= 400, `flight ${i}: ${n} travellers`);
    }
    // A size smaller than the indicator patterns: only the patterns that fit.
    for (let i = 0; i < 20; i++) {
      assert.equal(flightAt({ ...options, minPassengers: 12, maxPassengers: 12 }, i).passengerCount, 12);
    }
  });

  it('dates every document after its holder was born, before the flight, and valid on the day', () => {
    let children = 0;
    for (const f of flights) {
      const flight = f.generated.flight;
      const day = flight.departure.slice(0, 10);
      for (const p of [...flight.bookings.flatMap((b) => b.passengers), ...flight.crew]) {
        const d = p.document;
        const what = `${p.id}: born ${p.birthDate}, issued ${d.issued}, expires ${d.expiry}, flies ${day}`;
        assert.ok(d.issued >= p.birthDate, what);
        assert.ok(d.issued <= day, what);
        assert.ok(d.expiry > day, what);
        const years = Number(d.expiry.slice(0, 4)) - Number(d.issued.slice(0, 4));
        if (ageAt(p.birthDate, d.issued) < 16) {
          children++;
          assert.ok(years <= 5, `${what}: a child's document lasts 5 years`);
        } else assert.ok(years === 5 || years === 10, what);
      }
    }
    assert.ok(children > 100, `${children} documents issued to children`);
  });

  it('writes every given name into SSR DOCS, as the PAXLST has them', () => {
    let long = 0;
    for (const f of flights) {
      const list = f.parts.length > 1 ? assemblePaxlst(f.parts) : f.parts[0]!;
      const paxlst = new Map(list.travellers.map((t) => [t.documents[0]!.number, t.givenNames ?? '']));
      for (const b of f.pnr.bookings) {
        for (const t of b.travellers.filter((x) => x.type !== 'group')) {
          const docs = t.documents.find((d) => d.source === 'DOCS')!;
          assert.equal(docs.givenNames, paxlst.get(docs.number), `${b.recordLocator} ${docs.surname}`);
          if (docs.givenNames.split(' ').length >= 3) long++;
        }
      }
    }
    assert.ok(long > 20, `${long} travellers with three given names or more`);
  });

  it('gives every flight index its own flight key and file names, past 9,999 flights of a carrier a day', () => {
    const keys = new Set<string>();
    const sample = [0, 1, 41_999, 42_000, FLIGHTS_PER_WEEK - 1, FLIGHTS_PER_WEEK, FLIGHTS_PER_WEEK + 1, 999_999];
    for (let i = 0; i < 3000; i++) sample.push(Math.floor((i * 1_000_000) / 3000) + (i % 7));
    for (const i of new Set(sample)) {
      const k = flightKeyAt(i);
      const key = `${k.carrier.code}${k.number}/${k.day}`;
      assert.ok(!keys.has(key), `flight ${i} repeats ${key}`);
      keys.add(key);
    }
    // Flight 419,958 once had flight 0's key and file names (and overwrote its files).
    const [a, b] = [flightMessages(options, 0), flightMessages(options, FLIGHTS_PER_WEEK)];
    assert.equal(a.flight.departure.slice(0, 10), FIRST_FLIGHT_DATE);
    const names = (m: FlightMessages) => [...m.paxlst, ...m.pnrgov].map((x) => x.name);
    assert.deepEqual(
      names(a).filter((n) => names(b).includes(n)),
      [],
    );
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
      for (const hit of evaluateRules(builtinRules, facts)) fired.add(hit.ruleId);
    }
    assert.deepEqual(
      builtinRules.map((r) => r.id).filter((id) => !fired.has(id)),
      [],
    );
  });
});
