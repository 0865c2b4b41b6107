/**
 * Rules benchmark: every built-in rule (the twelve indicators, the weak ones as a country switching them on runs them,
 * and their combination) over synthetic flights of hand-built facts (a mix of adults, minors with and without
 * companions, cash and card bookings), then fact building from synthetic PAXLST lists.
 * Prints traveller-rule evaluations per second and writes `bench/results/rules.json`.
 * Run: `node --import tsx bench/rules.ts [flights] [travellersPerFlight] [rounds]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePaxlst } from '../src/travel/paxlst.js';
import { seededRandom, syntheticPaxlst } from '../src/travel/paxlst-synthetic.js';
import { builtinRules } from '../src/travel/rules/builtin.js';
import { compileRule, evaluateRules } from '../src/travel/rules/evaluate.js';
import { buildFlightFacts } from '../src/travel/rules/facts.js';
import type { FlightFactSet } from '../src/travel/rules/facts.types.js';
import {
  buildBooking,
  buildCompanions,
  buildDocument,
  buildFactSet,
  buildTraveller,
} from '../src/travel/rules/rules.factories.js';

const flightCount = Number(process.argv[2] ?? 200);
const perFlight = Number(process.argv[3] ?? 250);
const rounds = Number(process.argv[4] ?? 5);
const random = seededRandom(20241001);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function syntheticFlight(): FlightFactSet {
  const bookings = Array.from({ length: Math.ceil(perFlight / 2) }, (_, i) =>
    buildBooking({
      locator: `B${i}`,
      paymentKinds: random() < 0.05 ? ['cash'] : ['card'],
      hoursBeforeDeparture: random() * 1000,
      oneWay: random() < 0.3,
      payerOnFlight: random() < 0.1 ? false : undefined,
      shared: { phoneBookings: 1 + Math.floor(random() * 3), emailBookings: 1, cardBookings: 1, values: [] },
    }),
  );
  const travellers = Array.from({ length: perFlight }, (_, i) => {
    const age = Math.floor(random() * 80);
    const adults = Math.floor(random() * 3);
    return buildTraveller({
      age,
      minor: age < 18,
      adult: age >= 18,
      nationality: pick(['IRL', 'DEU', 'BRA', 'XXB', 'SYR']),
      bags: Math.floor(random() * 3),
      bookingLocators: [`B${i >> 1}`],
      document: buildDocument({
        daysIssuedBeforeDeparture: Math.floor(random() * 3000),
        issuerDiffersFromNationality: random() < 0.05,
      }),
      companions: buildCompanions({
        count: adults,
        adultCount: adults,
        adultsOtherSurname: adults > 0 && random() < 0.2 ? 1 : 0,
      }),
    });
  });
  return buildFactSet({ flight: { longHaul: random() < 0.4 }, travellers, bookings });
}

const flights = Array.from({ length: flightCount }, syntheticFlight);
const compiled = builtinRules.map(compileRule);
const travellerRules = builtinRules.filter((r) => r.subject === 'traveller').length;
const bookingRules = builtinRules.filter((r) => r.subject === 'booking').length;
const travellers = flights.reduce((n, f) => n + f.travellers.length, 0);
const bookings = flights.reduce((n, f) => n + f.bookings.length, 0);
const evaluations = travellers * travellerRules + bookings * bookingRules;

function best(run: () => number): { seconds: number; check: number } {
  let check = run(); // warm-up: let the JIT settle
  let seconds = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    check += run();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds, check };
}

const evaluation = best(() => flights.reduce((n, f) => n + evaluateRules(compiled, f).length, 0));
const hitsPerRound = evaluation.check / (rounds + 1);

// Fact building from parsed API lists (parsing is bench/parse.ts's business and is done before timing).
const lists = Array.from(
  { length: 100 },
  (_, i) => parsePaxlst(syntheticPaxlst({ seed: i + 1, travellers: 250 })).lists,
);
const listTravellers = lists.reduce((n, l) => n + l[0]!.travellers.length, 0);
const building = best(() => lists.reduce((n, l) => n + buildFlightFacts(l, []).travellers.length, 0));

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows = [
  {
    stage: `evaluate ${builtinRules.length} built-ins (${travellerRules} traveller, ${bookingRules} booking rules)`,
    seconds: evaluation.seconds,
    evaluationsPerSecond: evaluations / evaluation.seconds,
    travellersPerSecond: travellers / evaluation.seconds,
  },
  {
    stage: 'build facts from PAXLST lists (buildFlightFacts)',
    seconds: building.seconds,
    evaluationsPerSecond: undefined,
    travellersPerSecond: listTravellers / building.seconds,
  },
];
console.log(
  `${flightCount} flights, ${fmt(travellers)} travellers, ${fmt(bookings)} bookings, ${fmt(hitsPerRound)} hits per round; best of ${rounds}, one core`,
);
console.log('| stage | seconds | rule evaluations/s | travellers/s |');
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.stage} | ${r.seconds.toFixed(3)} | ${r.evaluationsPerSecond === undefined ? '' : fmt(r.evaluationsPerSecond)} | ${fmt(r.travellersPerSecond)} |`,
  );
}
console.log(
  `5 million travellers through all ${builtinRules.length} built-ins: ~${(5e6 / rows[0]!.travellersPerSecond).toFixed(1)} s of evaluation`,
);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, 'rules.json'),
  `${JSON.stringify(
    {
      benchmark: 'rules',
      date: new Date().toISOString(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      flights: flightCount,
      travellers,
      bookings,
      rounds,
      results: rows,
    },
    null,
    2,
  )}\n`,
);
