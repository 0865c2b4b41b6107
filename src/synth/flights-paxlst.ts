/**
 * PAXLST interchanges for a synthetic flight (docs/domain.md §1.2): the passenger list (BGM 745), split into parts
 * `01:C` … `nn:F` sharing one common access reference when the carrier splits big lists, and the crew list (BGM 250).
 * One interchange per message, as carriers send them; each carrier's separators, directory and habits apply.
 */
import { seg, writeInterchange, type EdifactSegmentDraft } from './edifact-writer.js';
import type { SynthBooking } from './flights-bookings.js';
import type { SynthPassenger } from './flights-people.js';
import type { SynthFlight } from './flights-plan.js';
import { deriveSeed, Rng } from './prng.js';

/** One generated message file. */
export interface SynthMessageFile {
  /** File name (no directory), unique in the run. */
  readonly name: string;
  readonly text: string;
  /** Travellers the message names (PAXLST: passengers or crew; PNRGOV: booked passengers). */
  readonly travellers: number;
}

// Its own random stream: which messages carry a wrong UNT must not shift any traveller or booking.
const quirkStream = 105;

/** `YYYY-MM-DD` → `YYMMDD`. */
export function yymmdd(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/** `YYYY-MM-DDTHH:MM` → `YYMMDDHHMM`. */
function stamp(local: string): string {
  return yymmdd(local) + local.slice(11, 13) + local.slice(14, 16);
}

/** The journey identifier as carriers write it: carrier + number padded to four digits (`LA0417`). */
export function journeyId(f: SynthFlight): string {
  return `${f.carrier.code}${f.number.padStart(4, '0')}`;
}

/** The common access reference of a flight's lists: `LA0417/250701/1210`. */
export function accessReference(f: SynthFlight): string {
  return `${journeyId(f)}/${yymmdd(f.departure)}/${f.departure.slice(11, 13)}${f.departure.slice(14, 16)}`;
}

function header(f: SynthFlight, withParty: boolean): EdifactSegmentDraft[] {
  const out: EdifactSegmentDraft[] = [];
  if (withParty) {
    out.push(seg('NAD', 'MS', '', '', `${f.carrier.name} API CONTROL`));
    out.push(seg('COM', ['+31 20 555 0100', 'TE'], [`api@${f.carrier.code.toLowerCase()}.example`, 'EM']));
  }
  out.push(
    seg('TDT', '20', journeyId(f), '', '', f.carrier.code),
    seg('LOC', '125', f.origin.code),
    seg('DTM', ['189', stamp(f.departure), '201']),
    seg('LOC', '87', f.destination.code),
    seg('DTM', ['232', stamp(f.arrival), '201']),
  );
  return out;
}

function person(
  f: SynthFlight,
  p: SynthPassenger,
  qualifier: 'FL' | 'FM',
  extra: { locator?: string; seat?: string; crewFunction?: string },
): EdifactSegmentDraft[] {
  // US-style (D02B) senders write birth dates as CCYYMMDD with format 102.
  const dob =
    f.carrier.paxlstRelease === '02B' ? ['329', p.birthDate.replaceAll('-', ''), '102'] : ['329', yymmdd(p.birthDate)];
  const out = [
    seg('NAD', qualifier, '', '', p.givenNames === '' ? [p.surname] : [p.surname, p.givenNames]),
    seg('ATT', '2', '', p.gender),
    seg('DTM', dob),
  ];
  if (p.bags !== undefined && qualifier === 'FL') out.push(seg('MEA', 'CT', '', ['', String(p.bags)]));
  if (extra.crewFunction !== undefined) out.push(seg('EMP', '1', [extra.crewFunction, '110', '111']));
  out.push(seg('LOC', '178', f.origin.code), seg('LOC', '179', f.destination.code), seg('NAT', '2', p.nationality));
  if (extra.locator !== undefined) out.push(seg('RFF', ['AVF', extra.locator]));
  if (extra.seat !== undefined) out.push(seg('RFF', ['SEA', extra.seat]));
  const d = p.document;
  out.push(seg('DOC', [d.type, '110', '111'], d.number), seg('DTM', ['36', yymmdd(d.expiry)]));
  if (d.issuedSent) out.push(seg('DTM', ['182', yymmdd(d.issued)]));
  out.push(seg('LOC', '91', d.issuer));
  return out;
}

interface ListMessage {
  readonly body: EdifactSegmentDraft[];
  readonly sequence: { number: number; final: boolean } | undefined;
  readonly travellers: number;
}

function interchange(f: SynthFlight, rng: Rng, reference: string, m: ListMessage, crew: boolean): string {
  const c = f.carrier;
  const when = f.departure;
  return writeInterchange({
    syntax: c.syntax,
    writeUna: c.writeUna,
    syntaxId: 'UNOA',
    sender: `${c.code}APIS`,
    recipient: `${f.destination.country}API`,
    preparedDate: yymmdd(when),
    preparedTime: `${when.slice(11, 13)}${when.slice(14, 16)}`,
    controlReference: reference,
    applicationReference: 'APIS',
    group: c.functionalGroup
      ? { type: 'PAXLST', reference: '1', agency: 'UN', version: ['D', c.paxlstRelease] }
      : undefined,
    messages: [
      {
        reference: crew ? 'CRW1' : `PAX${m.sequence?.number ?? 1}`,
        type: ['PAXLST', 'D', c.paxlstRelease, 'UN', 'IATA'],
        commonAccessReference: accessReference(f),
        sequence: m.sequence ?? { number: 1, final: true },
        body: m.body,
        untError: rng.chance(c.wrongUntRate) ? (rng.chance(0.5) ? 1 : -1) : 0,
      },
    ],
  });
}

/** The flight's PAXLST files: passenger list part(s), then the crew list. */
export function paxlstFiles(f: SynthFlight, seed: number): SynthMessageFile[] {
  const rng = new Rng(deriveSeed(seed, quirkStream, f.index));
  const passengers: { p: SynthPassenger; b: SynthBooking; seat: string }[] = f.bookings.flatMap((b) =>
    b.passengers.map((p) => ({ p, b, seat: p.seat })),
  );
  const size = f.carrier.partSize;
  const partCount = Math.max(1, Math.ceil(passengers.length / Math.min(size, passengers.length || 1)));
  const perPart = Math.ceil(passengers.length / partCount);
  const stem = `${journeyId(f)}-${f.departure.slice(0, 10)}`;
  const files: SynthMessageFile[] = [];
  for (let k = 0; k < partCount; k++) {
    const slice = passengers.slice(k * perPart, (k + 1) * perPart);
    const body = [seg('BGM', '745'), ...header(f, k === 0)];
    for (const { p, b, seat } of slice) body.push(...person(f, p, 'FL', { locator: b.locator, seat }));
    body.push(seg('CNT', ['42', String(slice.length)]));
    const sequence = partCount === 1 ? undefined : { number: k + 1, final: k === partCount - 1 };
    const reference = String(f.index * 100 + k + 1).padStart(10, '0');
    const suffix = partCount === 1 ? '' : `-part${String(k + 1).padStart(2, '0')}`;
    const text = interchange(f, rng, reference, { body, sequence, travellers: slice.length }, false);
    files.push({ name: `${stem}-paxlst${suffix}.edi`, text, travellers: slice.length });
  }
  const crewBody = [seg('BGM', '250', 'C'), ...header(f, true)];
  for (const m of f.crew) crewBody.push(...person(f, m, 'FM', { crewFunction: m.crewFunction }));
  crewBody.push(seg('CNT', ['41', String(f.crew.length)]));
  const crewRef = String(f.index * 100 + 99).padStart(10, '0');
  const crewText = interchange(
    f,
    rng,
    crewRef,
    { body: crewBody, sequence: undefined, travellers: f.crew.length },
    true,
  );
  files.push({ name: `${stem}-crew.edi`, text: crewText, travellers: f.crew.length });
  return files;
}
