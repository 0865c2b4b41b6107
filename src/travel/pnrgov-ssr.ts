/**
 * PNRGOV segment readers: SSRs, TIF names, ADD addresses, IFT sponsors, FOP payments and TBD bags. Each takes one
 * segment and returns plain data. The SSR free texts (DOCS, DOCO, DOCA, CTCE…) are read in pnrgov-airimp.ts.
 */
import type { SegmentView } from './edifact.js';
import { countryOf, smallNumber } from './edifact-values.js';
import { add, none, plainObject, type Mutable } from './plain-objects.js';
import type {
  PnrgovAddress,
  PnrgovBags,
  PnrgovPayment,
  PnrgovPaymentType,
  PnrgovSeat,
  PnrgovSponsor,
  PnrgovSsr,
  PnrgovTravellerType,
} from './pnrgov.types.js';

export {
  readCtce,
  readCtcm,
  readDoca,
  readDoco,
  readDocs,
  readInft,
  readOsiContact,
  readUmnr,
  slashFields,
} from './pnrgov-airimp.js';

/** A seat of an SSR (SEAT) and the traveller it is for (made by a constructor: see plain-objects.ts). */
export const Seat = plainObject(function Seat(this: Mutable<PnrgovSeat>, seat: string, travellerReference: string) {
  this.seat = seat;
  this.travellerReference = travellerReference;
});

/** An SSR as read from its segment (made by a constructor: see plain-objects.ts). */
const Ssr = plainObject(function Ssr(this: Mutable<PnrgovSsr>, s: SegmentView) {
  const n = s.componentCount(0);
  let text = n > 8 ? s.component(0, 8) : '';
  if (text === '') {
    let joined = '';
    for (let c = 4; c < n; c++) {
      const value = s.component(0, c);
      if (value.startsWith('/')) {
        joined = value;
        break;
      }
      if (value !== '') joined = joined === '' ? value : `${joined} ${value}`;
    }
    text = joined;
  }
  // Element 2 on: a seat and the traveller it is for, each (`SSR+SEAT:…+14C::1+14D::2`); most SSRs have one or none.
  let seats: PnrgovSeat[] = none;
  let seat = '';
  let travellerReference = '';
  for (let e = 1, n = s.elementCount; e < n; e++) {
    const value = s.component(e, 0);
    const reference = s.component(e, 2);
    if (value === '' && reference === '') continue;
    seats = add(seats, new Seat(value, reference));
    if (seat === '') seat = value;
    if (travellerReference === '') travellerReference = reference;
  }
  this.kind = 'ssr';
  this.code = s.component(0, 0);
  this.status = s.component(0, 1);
  this.quantity = s.component(0, 2);
  this.carrier = s.component(0, 3);
  this.text = text;
  this.seat = seat;
  this.travellerReference = travellerReference;
  this.seats = seats;
  this.segment = s.index;
});

/**
 * Reads an SSR segment: code, status, carrier, free text (component 9, or the first `/…` component), and from element
 * 2 on each seat and traveller reference.
 */
export function readSsr(s: SegmentView): PnrgovSsr {
  return new Ssr(s);
}

const titleList = ['MR', 'MRS', 'MS', 'MISS', 'MSTR', 'DR', 'PROF', 'REV', 'CHD', 'INF'];
const titles = new Set(titleList);

/**
 * Where the last space of `name` is when the name is single-spaced (no space first, last or twice in a row), else
 * -1: `name.lastIndexOf(' ')` and a test for double spaces, in one pass over the characters.
 */
function singleSpacedLastSpace(name: string): number {
  const n = name.length;
  if (n === 0 || name.charCodeAt(0) === 32 || name.charCodeAt(n - 1) === 32) return -1;
  let last = -1;
  for (let i = 1; i < n - 1; i++) {
    if (name.charCodeAt(i) !== 32) continue;
    if (i === last + 1) return -1;
    last = i;
  }
  return last;
}

/**
 * Titles a name may end with when no space sets them off (`JOHNMR`), longest first: only these, which a given name
 * seldom ends with (never CHD, INF, REV or PROF).
 */
const joinedTitles = ['MSTR', 'MISS', 'MRS', 'MR', 'MS', 'DR'];

/** The title a one-word `name` ends with (`JOHNMR` → MR), '' when none or when nothing would be left of the name. */
function joinedTitle(name: string): string {
  for (let k = 0; k < joinedTitles.length; k++) {
    const title = joinedTitles[k]!;
    if (name.length > title.length && name.endsWith(title)) return title;
  }
  return '';
}

/** The title `name` ends with from `from` on (`titles.has(name.slice(from))`), '' when that is none. */
function titleAt(name: string, from: number): string {
  const n = name.length - from;
  if (n < 2 || n > 4) return '';
  for (let k = 0; k < titleList.length; k++) {
    const title = titleList[k]!;
    if (title.length === n && name.startsWith(title, from)) return title;
  }
  return '';
}

/** What a TIF says about a traveller. */
export interface TifFields {
  surname: string;
  givenNames: string;
  title: string;
  type: PnrgovTravellerType;
  typeCode: string;
  reference: string;
  accompaniedByInfant: boolean;
  groupSize: number | undefined;
}

/** The one `readTif` fills: what it read is copied out before the next TIF is read. */
const tif: TifFields = {
  surname: '',
  givenNames: '',
  title: '',
  type: 'adult',
  typeCode: '',
  reference: '',
  accompaniedByInfant: false,
  groupSize: undefined,
};

/**
 * TIF → surname, given names with the title split off, type, reference, infant indicator, group size. The answer is
 * valid until the next call (one object for every TIF: a traveller copies what it keeps).
 */
export function readTif(s: SegmentView): Readonly<TifFields> {
  const surnameQualifier = s.component(0, 1);
  const quantity = s.component(0, 2);
  const typeCode = s.component(1, 1) || (surnameQualifier === 'G' ? 'G' : '');
  const name = s.component(1, 0);
  let givenNames: string;
  let title = '';
  // Single-spaced, as airlines send it (no leading, trailing or double space): the title is the last word.
  const space = singleSpacedLastSpace(name);
  if (space > 0) {
    title = titleAt(name, space + 1);
    givenNames = title === '' ? name : name.slice(0, space);
  } else {
    const words = name.split(' ').filter((w) => w !== '');
    if (words.length > 1 && titles.has(words.at(-1)!)) title = words.pop()!;
    else if (words.length === 1) {
      // One word: the title may be written onto the name (`JOHNMR`, as the implementation guide's own example).
      title = joinedTitle(words[0]!);
      if (title !== '') words[0] = words[0]!.slice(0, -title.length);
    }
    givenNames = words.join(' ');
  }
  tif.type =
    typeCode === 'A' || typeCode === 'ADT'
      ? 'adult'
      : typeCode === 'C' || typeCode === 'CHD'
        ? 'child'
        : typeCode === 'IN' || typeCode === 'INF' || typeCode === 'I'
          ? 'infant'
          : typeCode === 'G' || surnameQualifier === 'G'
            ? 'group'
            : typeCode === ''
              ? 'adult'
              : 'other';
  tif.surname = s.component(0, 0);
  tif.givenNames = givenNames;
  tif.title = title;
  tif.typeCode = typeCode;
  tif.reference = s.component(1, 2);
  tif.accompaniedByInfant = s.component(1, 3) === '1';
  tif.groupSize = smallNumber(quantity, 4);
  return tif;
}

/** An address read from its ADD (made by a constructor: see plain-objects.ts). */
const Address = plainObject(function Address(this: Mutable<PnrgovAddress>, s: SegmentView) {
  const e = s.elementCount > 1 ? 1 : 0;
  const n = s.componentCount(e);
  // Each component is cut once: an ADD often holds a released `?+`, which makes every cut an unescape.
  const type = s.component(e, 0);
  const street = s.component(e, 1);
  const city = s.component(e, 2);
  const state = s.component(e, 3);
  const skipped = s.component(e, 4);
  const country = s.component(e, 5);
  const postcode = s.component(e, 6);
  const phone = s.component(e, 7);
  this.kind = 'address';
  this.type = type;
  this.street = street;
  this.city = city;
  this.state = state;
  this.country = countryOf(country);
  const phones = phoneNumbers(phone);
  this.postcode = postcode;
  this.phone = phones[0];
  this.phones = phones;
  // The first component (of those there are: those past the end read as '') that holds an `@`.
  this.email =
    withAt(type) ??
    withAt(street) ??
    withAt(city) ??
    withAt(state) ??
    withAt(skipped) ??
    withAt(country) ??
    withAt(postcode) ??
    withAt(phone) ??
    laterWithAt(s, e, n);
});

/** A run of letters (a label: H home, W work, M mobile, B business, or a word) that separates phone numbers. */
const phoneLabels = /[A-Za-z]+/;

/**
 * The phone numbers of an ADD phone component, each trimmed and without its label: `H5555555555 W 1 555 555 5555`
 * → ['5555555555', '1 555 555 5555']. A piece with fewer than six digits (an extension, a stray letter) is none.
 */
function phoneNumbers(raw: string): readonly string[] {
  if (raw === '') return none;
  let numbers: string[] = none;
  const pieces = phoneLabels.test(raw) ? raw.split(phoneLabels) : [raw];
  for (const piece of pieces) {
    const number = piece.trim();
    let digits = 0;
    for (let i = 0; i < number.length; i++) if (number.charCodeAt(i) >= 48 && number.charCodeAt(i) <= 57) digits++;
    if (digits >= 6) numbers = add(numbers, number);
  }
  return numbers;
}

function withAt(value: string): string | undefined {
  return value.includes('@') ? value : undefined;
}

/** The first component of element `e` from the ninth on that holds an `@`. */
function laterWithAt(s: SegmentView, e: number, n: number): string | undefined {
  for (let c = 8; c < n; c++) {
    const value = s.component(e, c);
    if (value.includes('@')) return value;
  }
  return undefined;
}

/** ADD `ADD++700:street:city:state::country:postcode:phone` → an address (any `@` component is the e-mail). */
export function readAdd(s: SegmentView): PnrgovAddress {
  return new Address(s);
}

/** IFT+4:43 → the sponsor (payer): name, address, phone. */
export function readSponsor(s: SegmentView): PnrgovSponsor {
  return { name: s.component(1), address: s.component(2), phone: s.component(3) };
}

const paymentTypes: Readonly<Record<string, PnrgovPaymentType>> = {
  CC: 'card',
  CA: 'cash',
  MS: 'miscellaneous',
  GR: 'government',
  CK: 'cheque',
};

/**
 * `paymentTypes[code] ?? 'other'`, the codes of the table compared first: looking a property up by a string just cut
 * from the text hashes the string every time.
 */
function paymentType(code: string): PnrgovPaymentType {
  switch (code) {
    case 'CC':
      return 'card';
    case 'CA':
      return 'cash';
    case 'MS':
      return 'miscellaneous';
    case 'GR':
      return 'government';
    case 'CK':
      return 'cheque';
    default:
      return paymentTypes[code] ?? 'other';
  }
}

/** A payment read from element `e` of its FOP, open until the next FOP (made by a constructor: see plain-objects.ts). */
export const Payment = plainObject(function Payment(this: PaymentDraft, s: SegmentView, e: number, code: string) {
  this.kind = 'payment';
  this.code = code;
  this.type = paymentType(code);
  this.amount = s.component(e, 2) || undefined;
  this.cardVendor = s.component(e, 3) || undefined;
  this.cardNumber = s.component(e, 4) || undefined;
  this.cardExpiry = s.component(e, 5) || undefined;
  this.sponsor = undefined;
  this.payerAddress = undefined;
});

/** A draft payment, open until the next FOP so a following IFT 4:43 or ADD can be attached. */
export type PaymentDraft = { -readonly [K in keyof PnrgovPayment]: PnrgovPayment[K] };

/** TBD → the bags checked: count, weight and unit, and each bag tag (element 5 on). */
export function readBags(s: SegmentView): PnrgovBags {
  const countRaw = s.component(1, 0);
  const weightRaw = s.component(1, 1);
  const tags = [];
  for (let e = 4, n = s.elementCount; e < n; e++) {
    const count = s.component(e, 2);
    tags.push({
      carrier: s.component(e, 0),
      number: s.component(e, 1),
      count: smallNumber(count, 3) ?? 1,
      destination: s.component(e, 3),
    });
  }
  return {
    count: smallNumber(countRaw, 3),
    weight: weightRaw === '' || !Number.isFinite(Number(weightRaw)) ? undefined : Number(weightRaw),
    weightUnit: s.component(1, 2),
    tags,
  };
}

/** The raw text of a segment (for history entries and non-air services): elements joined as sent. */
export function segmentText(s: SegmentView): string {
  return [s.tag, ...s.elements.map((e) => e.join(':'))].join('+');
}
