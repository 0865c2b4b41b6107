/**
 * PNRGOV segment readers: SSRs, TIF names, ADD addresses, IFT sponsors, FOP payments and TBD bags. Each takes one
 * segment and returns plain frozen data. The SSR free texts (DOCS, DOCO, DOCA, CTCE…) are read in pnrgov-airimp.ts.
 */
import { component, componentCount, elementCount, type EdifactSegment } from './edifact.js';
import { smallNumber } from './edifact-values.js';
import { plainObject, type Mutable } from './plain-objects.js';
import { countryRef } from './travel.types.js';
import type {
  PnrgovAddress,
  PnrgovBags,
  PnrgovPayment,
  PnrgovPaymentType,
  PnrgovSponsor,
  PnrgovSsr,
  PnrgovTravellerType,
} from './pnrgov.types.js';

export { readCtce, readCtcm, readDoca, readDoco, readDocs, readInft, readUmnr, slashFields } from './pnrgov-airimp.js';

/** An SSR as read from its segment (made by a constructor: see plain-objects.ts). */
const Ssr = plainObject(function Ssr(this: Mutable<PnrgovSsr>, s: EdifactSegment) {
  const n = componentCount(s, 0);
  let text = n > 8 ? component(s, 0, 8) : '';
  if (text === '') {
    let joined = '';
    for (let c = 4; c < n; c++) {
      const value = component(s, 0, c);
      if (value.startsWith('/')) {
        joined = value;
        break;
      }
      if (value !== '') joined = joined === '' ? value : `${joined} ${value}`;
    }
    text = joined;
  }
  this.kind = 'ssr';
  this.code = component(s, 0, 0);
  this.status = component(s, 0, 1);
  this.quantity = component(s, 0, 2);
  this.carrier = component(s, 0, 3);
  this.text = text;
  this.seat = component(s, 1, 0);
  this.travellerReference = component(s, 1, 2);
  this.segment = s.index;
});

/** Reads an SSR segment: code, status, carrier, free text (component 9, or the first `/…` component), seat. */
export function readSsr(s: EdifactSegment): PnrgovSsr {
  return Object.freeze(new Ssr(s));
}

const titles = new Set(['MR', 'MRS', 'MS', 'MISS', 'MSTR', 'DR', 'PROF', 'REV', 'CHD', 'INF']);

/** TIF → surname, given names with the title split off, type, reference, infant indicator, group size. */
export function readTif(s: EdifactSegment): {
  surname: string;
  givenNames: string;
  title: string;
  type: PnrgovTravellerType;
  typeCode: string;
  reference: string;
  accompaniedByInfant: boolean;
  groupSize: number | undefined;
} {
  const surnameQualifier = component(s, 0, 1);
  const quantity = component(s, 0, 2);
  const typeCode = component(s, 1, 1) || (surnameQualifier === 'G' ? 'G' : '');
  const name = component(s, 1, 0);
  let givenNames: string;
  let title = '';
  const space = name.lastIndexOf(' ');
  if (space > 0 && space < name.length - 1 && name.charCodeAt(0) !== 32 && !name.includes('  ')) {
    // Single-spaced, as airlines send it: the title is the last word, no need to split every name into words.
    const last = name.slice(space + 1);
    if (titles.has(last)) {
      title = last;
      givenNames = name.slice(0, space);
    } else givenNames = name;
  } else {
    const words = name.split(' ').filter((w) => w !== '');
    if (words.length > 1 && titles.has(words.at(-1)!)) title = words.pop()!;
    givenNames = words.join(' ');
  }
  const type: PnrgovTravellerType =
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
  return {
    surname: component(s, 0, 0),
    givenNames,
    title,
    type,
    typeCode,
    reference: component(s, 1, 2),
    accompaniedByInfant: component(s, 1, 3) === '1',
    groupSize: smallNumber(quantity, 4),
  };
}

/** An address read from its ADD (made by a constructor: see plain-objects.ts). */
const Address = plainObject(function Address(this: Mutable<PnrgovAddress>, s: EdifactSegment) {
  const e = elementCount(s) > 1 ? 1 : 0;
  // Each component is cut once: an ADD often holds a released `?+`, which makes every cut an unescape.
  const parts: string[] = [];
  for (let c = 0, n = componentCount(s, e); c < n; c++) parts.push(component(s, e, c));
  this.kind = 'address';
  this.type = parts[0] ?? '';
  this.street = parts[1] ?? '';
  this.city = parts[2] ?? '';
  this.state = parts[3] ?? '';
  this.country = countryRef(parts[5] ?? '');
  this.postcode = parts[6] ?? '';
  this.phone = parts[7] || undefined;
  this.email = parts.find((value) => value.includes('@'));
});

/** ADD `ADD++700:street:city:state::country:postcode:phone` → an address (any `@` component is the e-mail). */
export function readAdd(s: EdifactSegment): PnrgovAddress {
  return Object.freeze(new Address(s));
}

/** IFT+4:43 → the sponsor (payer): name, address, phone. */
export function readSponsor(s: EdifactSegment): PnrgovSponsor {
  return Object.freeze({ name: component(s, 1), address: component(s, 2), phone: component(s, 3) });
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
const Payment = plainObject(function Payment(this: PaymentDraft, s: EdifactSegment, e: number, code: string) {
  this.kind = 'payment';
  this.code = code;
  this.type = paymentType(code);
  this.amount = component(s, e, 2) || undefined;
  this.cardVendor = component(s, e, 3) || undefined;
  this.cardNumber = component(s, e, 4) || undefined;
  this.cardExpiry = component(s, e, 5) || undefined;
  this.sponsor = undefined;
  this.payerAddress = undefined;
});

/** FOP → one payment per element (`CC:::VI:XXXX1186:0211`, `CA::731.00`); the card number is kept as sent. */
export function readFop(s: EdifactSegment): PaymentDraft[] {
  const payments: PaymentDraft[] = [];
  for (let e = 0, n = elementCount(s); e < n; e++) {
    const code = component(s, e, 0);
    if (code !== '') payments.push(new Payment(s, e, code));
  }
  return payments;
}

/** A draft payment, open until the next FOP so a following IFT 4:43 or ADD can be attached. */
export type PaymentDraft = { -readonly [K in keyof PnrgovPayment]: PnrgovPayment[K] };

/** TBD → the bags checked: count, weight and unit, and each bag tag (element 5 on). */
export function readBags(s: EdifactSegment): PnrgovBags {
  const countRaw = component(s, 1, 0);
  const weightRaw = component(s, 1, 1);
  const tags = [];
  for (let e = 4, n = elementCount(s); e < n; e++) {
    const count = component(s, e, 2);
    tags.push(
      Object.freeze({
        carrier: component(s, e, 0),
        number: component(s, e, 1),
        count: smallNumber(count, 3) ?? 1,
        destination: component(s, e, 3),
      }),
    );
  }
  return Object.freeze({
    count: smallNumber(countRaw, 3),
    weight: weightRaw === '' || !Number.isFinite(Number(weightRaw)) ? undefined : Number(weightRaw),
    weightUnit: component(s, 1, 2),
    tags: Object.freeze(tags),
  });
}

/** The raw text of a segment (for history entries and non-air services): elements joined as sent. */
export function segmentText(s: EdifactSegment): string {
  return [s.tag, ...s.elements.map((e) => e.join(':'))].join('+');
}
