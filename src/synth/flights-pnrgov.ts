/**
 * The PNRGOV push for a synthetic flight (docs/domain.md §2.2): one message holding every booking of the flight —
 * record locator and creation time, booking originator, contact, travellers with SSR DOCS (and UMNR, CTCM/CTCE),
 * ticket, amount and form of payment with the payer (IFT 4:43) when a third party paid, then the itinerary with
 * seats, and a return leg unless the ticket is one-way.
 */
import { seg, writeInterchange, type EdifactSegmentDraft } from './edifact-writer.js';
import type { SynthBooking } from './flights-bookings.js';
import { ageAt } from './flights-people.js';
import type { SynthFlight } from './flights-plan.js';
import { accessReference, journeyId, yymmdd, type SynthMessageFile } from './flights-paxlst.js';

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `YYYY-MM-DD` → PADIS `DDMMYY`. */
function ddmmyy(date: string): string {
  return date.slice(8, 10) + date.slice(5, 7) + date.slice(2, 4);
}

/** `YYYY-MM-DD` → AIRIMP `DDMMMYY` (12JUL64). */
function ddmmmyy(date: string): string {
  return date.slice(8, 10) + months[Number(date.slice(5, 7)) - 1]! + date.slice(2, 4);
}

const hhmm = (local: string) => local.slice(11, 13) + local.slice(14, 16);

function leg(f: SynthFlight, from: string, to: string, departure: string, arrival: string): EdifactSegmentDraft {
  const arrivalDate = arrival.slice(0, 10) === departure.slice(0, 10) ? '' : ddmmyy(arrival);
  const when = [ddmmyy(departure), hhmm(departure), arrivalDate, hhmm(arrival)];
  return seg('TVL', when, from, to, f.carrier.code, [f.number, 'Y']);
}

function amount(value: number, decimal: string): string {
  return value.toFixed(2).replace('.', decimal);
}

function booking(f: SynthFlight, b: SynthBooking, ticketBase: number): EdifactSegmentDraft[] {
  const c = f.carrier.code;
  const day = f.departure.slice(0, 10);
  const ssr = (code: string, text: string) => seg('SSR', [code, 'HK', '1', c, '', '', '', '', text]);
  const out = [
    seg('SRC'),
    seg('RCI', [c, b.locator, '', ddmmyy(b.createdAt), hhmm(b.createdAt)]),
    seg('ORG', ['1A', f.origin.code], ['12345675', 'AG42'], f.origin.code, c, 'T', [f.origin.country, 'EUR']),
    seg('ADD', '', ['700', '1 MAIN STREET', f.origin.code, '', '', f.origin.country, '', b.phone, b.email]),
  ];
  if (b.group !== undefined)
    out.push(seg('TIF', [b.group.replace(/\W/g, ''), 'G', String(b.passengers.length)], ['', 'G']));
  const fare = 120 + (b.locator.charCodeAt(0) % 40) * 17;
  b.passengers.forEach((p, i) => {
    const age = ageAt(p.birthDate, day);
    const type = age < 2 ? 'IN' : age < 12 ? 'C' : 'A';
    const title = age < 12 ? (p.gender === 'M' ? 'MSTR' : 'MISS') : p.gender === 'M' ? 'MR' : 'MS';
    const first = p.givenNames.split(' ')[0] ?? '';
    // A mononym (no given name) gets no title either: the parser would take a lone title for the given name.
    const given = first === '' ? '' : `${first} ${title}`;
    out.push(seg('TIF', p.surname.replace(/[^A-Z]/g, ''), [given, type, String(i + 1)]));
    const d = p.document;
    // DOCS has two given-name fields (GIVEN/MIDDLE): the first given name, then the others in one field — a third
    // field would be read as the holder indicator.
    const rest = p.givenNames.split(' ').slice(1).join(' ');
    const names = rest !== '' ? [p.surname, first, rest] : first !== '' ? [p.surname, first] : [p.surname];
    out.push(
      ssr(
        'DOCS',
        `/${d.type}/${d.issuer}/${d.number}/${p.nationality}/${ddmmmyy(p.birthDate)}/${p.gender}/${ddmmmyy(d.expiry)}/${names.join('/')}`,
      ),
    );
    if (b.unaccompaniedMinor) out.push(ssr('UMNR', `/UM${age}`));
    if (b.travellerContacts && age >= 18) {
      out.push(ssr('CTCM', `/${b.phone.replace(/\D/g, '')}${i + 1}`));
      out.push(ssr('CTCE', `/${first.toLowerCase() || 'pax'}.${b.locator.toLowerCase()}//mail.example`));
    }
    out.push(seg('TKT', [String(ticketBase + i).padStart(13, '0'), 'T', '1']));
    out.push(seg('MON', ['T', amount(fare, f.carrier.syntax.decimal), 'EUR']));
    out.push(
      b.payment === 'cash'
        ? seg('FOP', ['CA', '', amount(fare, f.carrier.syntax.decimal)])
        : seg('FOP', ['CC', '', '', ...b.card.split(':')]),
    );
    if (i === 0 && b.payer !== undefined)
      out.push(seg('IFT', ['4', '43'], b.payer.name, b.payer.address, b.payer.phone));
  });
  out.push(
    leg(f, f.origin.code, f.destination.code, f.departure, f.arrival),
    seg('RPI', String(b.passengers.length), 'HK'),
  );
  b.passengers.forEach((p, i) =>
    out.push(
      seg('SSR', ['SEAT', 'HK', '1', c, '', '', f.origin.code, f.destination.code], [p.seat, '', String(i + 1)]),
    ),
  );
  if (b.returnDate !== undefined) {
    const back = `${b.returnDate}T${hhmm(f.arrival).slice(0, 2)}:${hhmm(f.arrival).slice(2)}`;
    out.push(leg(f, f.destination.code, f.origin.code, back, back), seg('RPI', String(b.passengers.length), 'HK'));
  }
  return out;
}

/** The flight's PNRGOV push as one file. */
export function pnrgovFile(f: SynthFlight): SynthMessageFile {
  const c = f.carrier;
  const [version, release] = c.pnrgovVersion;
  const body: EdifactSegmentDraft[] = [
    seg('MSG', ['', '22']),
    seg('ORG', [c.code, c.hub]),
    leg(f, f.origin.code, f.destination.code, f.departure, f.arrival),
    seg('EQN', String(f.bookings.length)),
  ];
  const ticketBase = 7_400_000_000_000 + f.index * 1000;
  let offset = 0;
  for (const b of f.bookings) {
    body.push(...booking(f, b, ticketBase + offset));
    offset += b.passengers.length;
  }
  const pushed = f.departure;
  const text = writeInterchange({
    syntax: c.syntax,
    writeUna: c.writeUna,
    syntaxId: 'UNOA',
    sender: `${c.code}PNR`,
    recipient: `${f.destination.country}PIU`,
    preparedDate: yymmdd(pushed),
    preparedTime: hhmm(pushed),
    controlReference: String(f.index * 100 + 50).padStart(10, '0'),
    applicationReference: 'PNRGOV',
    group: c.functionalGroup
      ? { type: 'PNRGOV', reference: '1', agency: 'IA', version: [version, release] }
      : undefined,
    messages: [
      {
        reference: '1',
        type: ['PNRGOV', version, release, 'IA'],
        commonAccessReference: accessReference(f),
        sequence: { number: 1, final: true },
        body,
      },
    ],
  });
  return { name: `${journeyId(f)}-${f.departure.slice(0, 10)}-pnrgov.edi`, text, travellers: f.passengerCount };
}
