/**
 * Parse-only speed on the synthetic flights of `bench:ingest` (`src/synth/flights.ts`: a PNRGOV push, the passenger
 * list parts and the crew list of each flight): every message parsed from its bytes with `parsePaxlst` or
 * `parsePnrgov`, no database. Shared by `bench:ingest` (its parse-only rows) and `bench:parse`.
 *
 * Bytes, because that is what a server parses: a message arrives and is stored as bytes, and processing decodes
 * them (the decoding is timed with the parse). The generator's texts are joined from many pieces, which V8 keeps
 * as a tree of strings that each read walks: parsing those measured a few per cent slower than parsing the same
 * message from its bytes, a cost no server pays.
 */
import { flightMessages } from '../src/synth/flights.js';
import type { FlightOptions } from '../src/synth/flights-plan.js';
import { parsePaxlst } from '../src/travel/paxlst.js';
import { parsePnrgov } from '../src/travel/pnrgov.js';

export interface ParseOnly {
  readonly messages: number;
  /** People on the passenger and crew lists (PNR travellers are the same people again and are not counted). */
  readonly travellers: number;
  readonly paxlstTravellersPerSecond: number;
  /** The list travellers of the flights whose PNRGOV pushes are parsed per second. */
  readonly pnrgovTravellersPerSecond: number;
  /** Travellers / (seconds parsing all PAXLST + seconds parsing all PNRGOV messages of the same flights). */
  readonly allTravellersPerSecond: number;
  readonly allMessagesPerSecond: number;
}

/**
 * Parses every message of flights [0, count) with the parsers, no database: best of `rounds` rounds after two
 * warm-up rounds. The steady state is what a server runs in, parsing all day; with one warm-up and three rounds the
 * optimising compiler had sometimes not yet compiled the parsers (PAXLST read at half its speed in the best round).
 */
export function runParseOnly(options: FlightOptions, count: number, rounds = 5): ParseOnly {
  const pax: Buffer[] = [];
  const pnr: Buffer[] = [];
  let travellers = 0;
  for (let i = 0; i < count; i++) {
    const m = flightMessages(options, i);
    for (const f of m.paxlst) {
      pax.push(Buffer.from(f.text, 'utf8'));
      travellers += f.travellers;
    }
    for (const f of m.pnrgov) pnr.push(Buffer.from(f.text, 'utf8'));
  }
  const time = (run: () => void) => {
    run(); // warm-up: let the JIT settle
    run();
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      run();
      best = Math.min(best, performance.now() - t0);
    }
    return best / 1000;
  };
  const paxSeconds = time(() => pax.forEach((t) => parsePaxlst(t)));
  const pnrSeconds = time(() => pnr.forEach((t) => parsePnrgov(t)));
  return {
    messages: pax.length + pnr.length,
    travellers,
    paxlstTravellersPerSecond: travellers / paxSeconds,
    pnrgovTravellersPerSecond: travellers / pnrSeconds,
    allTravellersPerSecond: travellers / (paxSeconds + pnrSeconds),
    allMessagesPerSecond: (pax.length + pnr.length) / (paxSeconds + pnrSeconds),
  };
}
