/**
 * The fixed tables synthetic flights are drawn from: real IATA airports (country, coordinates, summer UTC offset) so
 * distances, block times and long-haul facts come out right, and invented carriers, each with the EDIFACT habits
 * of a real-world sender (separators, line breaks, directory, list splitting, miscounted UNT) — see docs/domain.md
 * §1.3 "Parsing pitfalls seen in fixtures".
 */
import { defaultSyntax, type EdifactSyntax } from './edifact-writer.js';

/** An airport: IATA code, ISO alpha-3 country, position and UTC offset (minutes, northern summer). */
export interface SynthAirport {
  readonly code: string;
  readonly country: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly utcOffsetMinutes: number;
}

const rows: readonly (readonly [string, string, number, number, number])[] = [
  ['CDG', 'FRA', 49.01, 2.55, 120],
  ['AMS', 'NLD', 52.31, 4.76, 120],
  ['LHR', 'GBR', 51.47, -0.45, 60],
  ['FRA', 'DEU', 50.03, 8.56, 120],
  ['MAD', 'ESP', 40.47, -3.56, 120],
  ['BCN', 'ESP', 41.3, 2.08, 120],
  ['FCO', 'ITA', 41.8, 12.25, 120],
  ['ATH', 'GRC', 37.94, 23.94, 180],
  ['WAW', 'POL', 52.17, 20.97, 120],
  ['BEG', 'SRB', 44.82, 20.29, 120],
  ['IST', 'TUR', 41.26, 28.74, 180],
  ['DXB', 'ARE', 25.25, 55.36, 240],
  ['DOH', 'QAT', 25.27, 51.61, 180],
  ['CAI', 'EGY', 30.12, 31.41, 180],
  ['TUN', 'TUN', 36.85, 10.23, 60],
  ['CMN', 'MAR', 33.37, -7.59, 60],
  ['LOS', 'NGA', 6.58, 3.32, 60],
  ['ACC', 'GHA', 5.61, -0.17, 0],
  ['ADD', 'ETH', 8.98, 38.8, 180],
  ['NBO', 'KEN', -1.32, 36.93, 180],
  ['JNB', 'ZAF', -26.14, 28.25, 120],
  ['GRU', 'BRA', -23.43, -46.47, -180],
  ['BOG', 'COL', 4.7, -74.15, -300],
  ['MEX', 'MEX', 19.44, -99.07, -360],
  ['JFK', 'USA', 40.64, -73.78, -240],
  ['MIA', 'USA', 25.79, -80.29, -240],
  ['DEL', 'IND', 28.56, 77.1, 330],
  ['BKK', 'THA', 13.69, 100.75, 420],
  ['KUL', 'MYS', 2.75, 101.71, 480],
  ['MNL', 'PHL', 14.51, 121.02, 480],
];

/** The airports flights are drawn between. */
export const synthAirports: readonly SynthAirport[] = Object.freeze(
  rows.map(([code, country, latitude, longitude, utcOffsetMinutes]) =>
    Object.freeze({ code, country, latitude, longitude, utcOffsetMinutes }),
  ),
);

/** The airports by IATA code, in the shape `buildFlightFacts` takes (`airports` option). */
export const synthAirportInfo: ReadonlyMap<string, SynthAirport> = new Map(synthAirports.map((a) => [a.code, a]));

/** A carrier and the way its systems write EDIFACT. */
export interface SynthCarrier {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly hub: string;
  readonly syntax: EdifactSyntax;
  /** Whether the interchange starts with UNA (required when the separators are not the defaults). */
  readonly writeUna: boolean;
  /** PAXLST directory: `02B` (US/legacy) or `05B` (WCO/IATA MIG). */
  readonly paxlstRelease: '02B' | '05B';
  /** PNRGOV version and release, e.g. `['13', '1']`. */
  readonly pnrgovVersion: readonly [string, string];
  /** Travellers per PAXLST message before the list is split into parts; Infinity for never. */
  readonly partSize: number;
  /** Share of messages whose UNT miscounts the segments. */
  readonly wrongUntRate: number;
  /** Whether messages are wrapped in a UNG/UNE functional group. */
  readonly functionalGroup: boolean;
}

const crlf = { ...defaultSyntax, lineBreak: '\r\n' };

/** Invented carriers (no real airline's name), each with a different sender's quirks. */
export const synthCarriers: readonly SynthCarrier[] = Object.freeze([
  {
    code: 'LA',
    name: 'LODESTAR AIR',
    country: 'NLD',
    hub: 'AMS',
    syntax: defaultSyntax,
    writeUna: true,
    paxlstRelease: '05B',
    pnrgovVersion: ['13', '1'],
    partSize: 200,
    wrongUntRate: 0,
    functionalGroup: true,
  },
  {
    code: 'QY',
    name: 'QUILLON AIRWAYS',
    country: 'FRA',
    hub: 'CDG',
    // `UNA:*.? $` as seen in real traffic: `*` between elements, `$` ends a segment, everything on one line.
    syntax: { ...defaultSyntax, element: '*', terminator: '$', lineBreak: '' },
    writeUna: true,
    paxlstRelease: '05B',
    pnrgovVersion: ['11', '1'],
    partSize: 150,
    wrongUntRate: 0.02,
    functionalGroup: false,
  },
  {
    code: 'ZT',
    name: 'ZANTARA',
    country: 'TUR',
    hub: 'IST',
    syntax: { ...defaultSyntax, lineBreak: '' },
    writeUna: true,
    paxlstRelease: '02B',
    pnrgovVersion: ['11', '1'],
    partSize: Infinity,
    wrongUntRate: 0.05,
    functionalGroup: false,
  },
  {
    code: 'KV',
    name: 'KAVERI LINK',
    country: 'ARE',
    hub: 'DXB',
    syntax: { ...crlf, decimal: ',' },
    writeUna: true,
    paxlstRelease: '05B',
    pnrgovVersion: ['13', '1'],
    partSize: 250,
    wrongUntRate: 0.03,
    functionalGroup: true,
  },
  {
    code: 'NR',
    name: 'NORTH RIFT AIR',
    country: 'KEN',
    hub: 'NBO',
    // No UNA at all: the defaults apply.
    syntax: defaultSyntax,
    writeUna: false,
    paxlstRelease: '02B',
    pnrgovVersion: ['10', '1'],
    partSize: 120,
    wrongUntRate: 0,
    functionalGroup: false,
  },
  {
    code: 'OE',
    name: 'ORIENTE EXPRESS',
    country: 'ESP',
    hub: 'MAD',
    syntax: { ...defaultSyntax, component: '|', element: '*', lineBreak: '\n' },
    writeUna: true,
    paxlstRelease: '05B',
    pnrgovVersion: ['13', '1'],
    partSize: 180,
    wrongUntRate: 0.02,
    functionalGroup: false,
  },
]);

/** Great-circle distance in whole km between two airports. */
export function airportDistanceKm(a: SynthAirport, b: SynthAirport): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h))));
}
