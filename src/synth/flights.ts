/**
 * The `synth flights` use case: synthetic flights as the raw messages airlines send — PAXLST passenger lists (split
 * into parts for big flights) and crew lists, and a PNRGOV push per flight — with planted watchlist persons (drawn
 * from the list `synth watchlist` writes with the same seed and person count) and the indicator patterns of
 * docs/domain.md §6. Flights are generated one at a time, so memory stays flat however many are asked for.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { BookingPattern } from './flights-bookings.js';
import { paxlstFiles, type SynthMessageFile } from './flights-paxlst.js';
import { flightAt, type FlightOptions, type SynthFlight } from './flights-plan.js';
import { pnrgovFile } from './flights-pnrgov.js';

export type { SynthMessageFile } from './flights-paxlst.js';
export type { SynthFlight } from './flights-plan.js';
export { flightAt } from './flights-plan.js';
export { synthAirportInfo } from './flights-tables.js';

/** Default share of travellers planted from listed persons: a few per thousand, as in real traffic. */
export const DEFAULT_HIT_RATE = 0.002;

/** A flight and the files that describe it. */
export interface FlightMessages {
  readonly flight: SynthFlight;
  readonly paxlst: readonly SynthMessageFile[];
  readonly pnrgov: readonly SynthMessageFile[];
}

/** Flight `index` of a run with its PAXLST and PNRGOV messages, in memory. */
export function flightMessages(options: FlightOptions, index: number): FlightMessages {
  const flight = flightAt(options, index);
  return { flight, paxlst: paxlstFiles(flight, options.seed), pnrgov: [pnrgovFile(flight)] };
}

/** Flights 0 … count-1 with their messages, one at a time. */
export function* flightsWithMessages(options: FlightOptions, count: number): Generator<FlightMessages> {
  for (let i = 0; i < count; i++) yield flightMessages(options, i);
}

export interface GenerateFlightsOptions extends FlightOptions {
  readonly dir: string;
  readonly flights: number;
  /**
   * Delete the message files (`*.edi`) an earlier run left in `dir/paxlst/` and `dir/pnrgov/` first. Without it a
   * run refuses directories that already hold files, rather than mixing two runs' flights.
   */
  readonly overwrite?: boolean;
  /** Called after each flight is written. */
  readonly onProgress?: (written: number, total: number) => void;
}

export interface FlightsSummary {
  readonly flights: number;
  readonly passengers: number;
  readonly crew: number;
  readonly bookings: number;
  /** Travellers planted from listed persons (they should raise person alerts). */
  readonly planted: number;
  readonly files: { readonly paxlst: number; readonly pnrgov: number };
  readonly multipartLists: number;
  readonly bytes: number;
  readonly patterns: Readonly<Record<BookingPattern, number>>;
  readonly millis: number;
}

/**
 * Makes `dir` ready for a run's files: created if missing; if it holds files, their `.edi` files deleted when
 * `overwrite` is set, a `resource.conflict` error otherwise (another run's flights would be ingested with these).
 */
async function prepareDirectory(dir: string, overwrite: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  const present = await readdir(dir);
  if (present.length === 0) return;
  if (!overwrite) {
    const files = present.length === 1 ? 'a file' : `${present.length} files`;
    throw new AppError(
      'resource.conflict',
      `${dir} already holds ${files} (${present[0]!}…): write into a new or empty directory, or pass --overwrite ` +
        'to delete the earlier messages first',
      { location: { field: '--out' } },
    );
  }
  for (const name of present) if (name.endsWith('.edi')) await rm(path.join(dir, name), { force: true });
}

/** Writes one file, failing rather than replacing a file already there (two flights never share a name). */
async function writeNew(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new AppError('internal.error', `${file} was already written by this run: two messages share a file name`, {
      cause: error,
    });
  }
}

/** Writes every flight's messages under `dir/paxlst/` and `dir/pnrgov/` (created if missing). */
export async function generateFlights(options: GenerateFlightsOptions): Promise<FlightsSummary> {
  const started = performance.now();
  const paxDir = path.join(options.dir, 'paxlst');
  const pnrDir = path.join(options.dir, 'pnrgov');
  await prepareDirectory(paxDir, options.overwrite === true);
  await prepareDirectory(pnrDir, options.overwrite === true);
  const totals = { passengers: 0, crew: 0, bookings: 0, planted: 0, paxlst: 0, pnrgov: 0, multipart: 0, bytes: 0 };
  const patterns: Record<BookingPattern, number> = {
    solo: 0,
    couple: 0,
    family: 0,
    'minor-with-other-adults': 0,
    'unaccompanied-minor': 0,
    group: 0,
    'shared-contact': 0,
    refugee: 0,
  };
  let written = 0;
  for (const { flight, paxlst, pnrgov } of flightsWithMessages(options, options.flights)) {
    for (const [dir, files] of [
      [paxDir, paxlst],
      [pnrDir, pnrgov],
    ] as const) {
      for (const file of files) {
        await writeNew(path.join(dir, file.name), file.text);
        totals.bytes += Buffer.byteLength(file.text);
      }
    }
    totals.paxlst += paxlst.length;
    totals.pnrgov += pnrgov.length;
    if (paxlst.length > 2) totals.multipart += 1;
    totals.passengers += flight.passengerCount;
    totals.crew += flight.crew.length;
    totals.bookings += flight.bookings.length;
    for (const b of flight.bookings) {
      patterns[b.pattern] += 1;
      totals.planted += b.passengers.filter((p) => p.expectedIds.length > 0).length;
    }
    totals.planted += flight.crew.filter((p) => p.expectedIds.length > 0).length;
    options.onProgress?.(++written, options.flights);
  }
  return {
    flights: written,
    passengers: totals.passengers,
    crew: totals.crew,
    bookings: totals.bookings,
    planted: totals.planted,
    files: { paxlst: totals.paxlst, pnrgov: totals.pnrgov },
    multipartLists: totals.multipart,
    bytes: totals.bytes,
    patterns,
    millis: Math.round(performance.now() - started),
  };
}
