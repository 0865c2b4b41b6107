/**
 * Synthetic PAXLST interchanges for benchmarks, load tests and the demo: realistic shape (D05B, one flight, a
 * reporting party, 10–20 segments per traveller with documents, references and bags), invented names, and a seeded
 * generator so the same seed always gives the same bytes.
 */

const surnames = [
  'OKAFOR',
  'HADDAD',
  'NOWAK',
  'FERREIRA',
  'NGUYEN',
  'MUELLER',
  'ROSSI',
  'IVANOVA',
  'SANTOS',
  'KOWALSKA',
  'MENSAH',
  'ALVAREZ',
  'DUBOIS',
  'PETROV',
  'YILMAZ',
  'SATO',
  'BANDA',
  'OYELARAN',
  'LINDQVIST',
  'ESPOSITO',
];
const givenNames = [
  'AMARA',
  'JONAS',
  'LUCIA',
  'KWAME',
  'MEI',
  'TARIQ',
  'SOFIA',
  'ILYA',
  'NADIA',
  'PEDRO',
  'ZAINAB',
  'TOMAS',
  'AIKO',
  'FATOU',
  'EMIL',
  'INES',
  'DAVIT',
  'LEILA',
  'OSKAR',
  'RUTH',
];
const countries = [
  'NGA',
  'LBN',
  'POL',
  'BRA',
  'VNM',
  'D',
  'ITA',
  'UKR',
  'PRT',
  'GHA',
  'ESP',
  'FRA',
  'TUR',
  'JPN',
  'XXB',
];
const airports = ['CDG', 'AMS', 'LHR', 'FRA', 'MAD', 'IST', 'DXB', 'LOS', 'ACC', 'GRU'];

/** A small deterministic PRNG (mulberry32): the same seed always yields the same messages. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Options for one synthetic interchange. */
export interface SyntheticPaxlstOptions {
  readonly seed: number;
  readonly travellers: number;
  /** Message reference suffix, so many interchanges can be told apart. */
  readonly reference?: string;
  /** Segment separator written after each terminator: '' (one long line) or '\n'. */
  readonly lineBreak?: string;
}

/** One PAXLST interchange holding one passenger list of `travellers` invented people. */
export function syntheticPaxlst(options: SyntheticPaxlstOptions): string {
  const random = seededRandom(options.seed);
  const nl = options.lineBreak ?? '\n';
  const ref = options.reference ?? String(options.seed);
  const from = pick(random, airports);
  let to = pick(random, airports);
  if (to === from) to = from === 'AMS' ? 'CDG' : 'AMS';
  const flight = `LA${100 + Math.floor(random() * 9000)}`;
  const body: string[] = [
    `UNH+${ref}+PAXLST:D:05B:UN:IATA+${flight}/241001/1210+01:F`,
    'BGM+745',
    'NAD+MS+++LODESTAR SYNTHETIC',
    'COM+31205550100:TE',
    `TDT+20+${flight}+++LA`,
    `LOC+125+${from}`,
    'DTM+189:2410011210:201',
    `LOC+87+${to}`,
    'DTM+232:2410011535:201',
  ];
  for (let i = 0; i < options.travellers; i++) {
    const surname = pick(random, surnames);
    const given = pick(random, givenNames);
    const nationality = pick(random, countries);
    const dob = `${two(Math.floor(random() * 100))}${two(1 + Math.floor(random() * 12))}${two(1 + Math.floor(random() * 28))}`;
    const locator = Math.floor(random() * 36 ** 6)
      .toString(36)
      .toUpperCase()
      .padStart(6, 'X');
    body.push(
      `NAD+FL+++${surname}:${given}`,
      `ATT+2++${random() < 0.5 ? 'F' : 'M'}`,
      `DTM+329:${dob}`,
      `LOC+178+${from}`,
      `LOC+179+${to}`,
      `NAT+2+${nationality}`,
      `RFF+AVF:${locator}`,
      `RFF+SEA:${1 + Math.floor(random() * 40)}${pick(random, ['A', 'B', 'C', 'D', 'E', 'F'])}`,
      `DOC+P:110:111+${locator}${String(i).padStart(4, '0')}`,
      `DTM+36:${two(25 + Math.floor(random() * 10))}${two(1 + Math.floor(random() * 12))}15`,
      `LOC+91+${nationality}`,
    );
    if (random() < 0.3) body.push(`MEA+CT++:${1 + Math.floor(random() * 3)}`);
  }
  body.push(`CNT+42:${options.travellers}`);
  body.push(`UNT+${body.length + 1}+${ref}`);
  const header = [`UNA:+.? '`, `UNB+UNOA:4+LODAIR:ZZ+NLDAPI:ZZ+241001:0930+${ref}++APIS'`];
  return `${header.join(nl)}${nl}${body.join(`'${nl}`)}'${nl}UNZ+1+${ref}'${nl}`;
}
