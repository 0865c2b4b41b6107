/**
 * PNRGOV element readers: SSR free texts in AIRIMP form (DOCS, DOCO, DOCA, CTCE, CTCM, UMNR, INFT…), TIF names,
 * ADD addresses, IFT sponsors and FOP payments. Each takes one segment and returns plain frozen data.
 */
import { component, componentCount, elementCount, type EdifactSegment } from './edifact.js';
import { fromDdmmmyy, type IsoDate } from './dates.js';
import { countryRef, genderOf } from './travel.types.js';
import type {
  PnrgovAddress,
  PnrgovBags,
  PnrgovDocument,
  PnrgovPayment,
  PnrgovPaymentType,
  PnrgovSponsor,
  PnrgovSsr,
  PnrgovTravellerType,
} from './pnrgov.types.js';

/** Reads an SSR segment: code, status, carrier, free text (component 9, or the first `/…` component), seat. */
export function readSsr(s: EdifactSegment): PnrgovSsr {
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
  return Object.freeze({
    kind: 'ssr',
    code: component(s, 0, 0),
    status: component(s, 0, 1),
    quantity: component(s, 0, 2),
    carrier: component(s, 0, 3),
    text,
    seat: component(s, 1, 0),
    travellerReference: component(s, 1, 2),
    segment: s.index,
  });
}

/** The slash-separated fields of an AIRIMP free text (`/P/GBR/123…` → ['P','GBR','123…']). */
export function slashFields(text: string): string[] {
  return (text.startsWith('/') ? text.slice(1) : text).split('/');
}

/** SSR DOCS `/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SURNAME/GIVEN/MIDDLE` → the primary document. */
export function readDocs(text: string, reference: IsoDate): PnrgovDocument {
  const f = slashFields(text);
  const genderCode = (f[5] ?? '').toUpperCase();
  const first = f[8] ?? '';
  const middle = f[9] ?? '';
  const given = first === '' ? middle : middle === '' ? first : `${first} ${middle}`;
  return Object.freeze({
    kind: 'document',
    source: 'DOCS',
    type: f[0] ?? '',
    number: f[2] ?? '',
    issuingState: countryRef(f[1] ?? ''),
    nationality: countryRef(f[3] ?? ''),
    dateOfBirth: fromDdmmmyy(f[4] ?? '', 'birth', reference),
    gender: genderOf(genderCode),
    expiry: fromDdmmmyy(f[6] ?? '', 'expiry', reference),
    issued: undefined,
    surname: f[7] ?? '',
    givenNames: given,
    placeOfBirth: undefined,
    applicableCountry: undefined,
    infant: genderCode === 'MI' || genderCode === 'FI',
  });
}

/** SSR DOCO `/PLACE OF BIRTH/V/NUMBER/PLACE OF ISSUE/ISSUE DATE/APPLICABLE COUNTRY/I` → the other document. */
export function readDoco(text: string, reference: IsoDate): PnrgovDocument {
  const f = slashFields(text);
  return Object.freeze({
    kind: 'document',
    source: 'DOCO',
    type: f[1] ?? '',
    number: f[2] ?? '',
    issuingState: countryRef(f[3] ?? ''),
    nationality: undefined,
    dateOfBirth: undefined,
    gender: undefined,
    expiry: undefined,
    issued: fromDdmmmyy(f[4] ?? '', 'birth', reference),
    surname: '',
    givenNames: '',
    placeOfBirth: (f[0] ?? '') || undefined,
    applicableCountry: countryRef(f[5] ?? ''),
    infant: f[6] === 'I',
  });
}

/** SSR DOCA `/R/GBR/STREET/CITY/STATE/POSTCODE/I` → an address. */
export function readDoca(text: string): PnrgovAddress {
  const f = slashFields(text);
  return Object.freeze({
    kind: 'address',
    type: f[0] ?? '',
    country: countryRef(f[1] ?? ''),
    street: f[2] ?? '',
    city: f[3] ?? '',
    state: f[4] ?? '',
    postcode: f[5] ?? '',
    phone: undefined,
    email: undefined,
  });
}

/** SSR CTCE free text → e-mail; AIRIMP writes `@` as `//`, `_` as `..` and `-` as `./`. */
export function readCtce(text: string): string {
  let value = text.startsWith('/') ? text.slice(1) : text;
  const language = /\/[A-Z]{2}$/.exec(value);
  if (language !== null && value.includes('//', 0) && value.lastIndexOf('//') < language.index) {
    value = value.slice(0, language.index);
  }
  return value.replaceAll('//', '@').replaceAll('..', '_').replaceAll('./', '-').toLowerCase();
}

/** SSR CTCM free text → the phone number (first field, digits and a leading + kept). */
export function readCtcm(text: string): string {
  return (slashFields(text)[0] ?? '').replace(/[^\d+]/g, '');
}

/** SSR UMNR free text (`/UM10`, `UM 10 YEARS`) → the minor's age when stated. */
export function readUmnr(text: string): { readonly age: number | undefined; readonly text: string } {
  const match = /UM\s*(\d{1,2})/.exec(text);
  return Object.freeze({ age: match === null ? undefined : Number(match[1]), text });
}

/** SSR INFT `/SURNAME/GIVEN/12JAN23` → the infant's name and birth date. */
export function readInft(
  text: string,
  reference: IsoDate,
): { readonly surname: string; readonly givenNames: string; readonly dateOfBirth: IsoDate | undefined } {
  const f = slashFields(text);
  const dob = f.map((x) => fromDdmmmyy(x, 'birth', reference)).find((x) => x !== undefined);
  return Object.freeze({
    surname: f[0] ?? '',
    givenNames: /\d/.test(f[1] ?? '') ? '' : (f[1] ?? ''),
    dateOfBirth: dob,
  });
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
    groupSize: /^\d{1,4}$/.test(quantity) ? Number(quantity) : undefined,
  };
}

/** ADD `ADD++700:street:city:state::country:postcode:phone` → an address (any `@` component is the e-mail). */
export function readAdd(s: EdifactSegment): PnrgovAddress {
  const e = elementCount(s) > 1 ? 1 : 0;
  let email: string | undefined;
  for (let c = 0, n = componentCount(s, e); c < n && email === undefined; c++) {
    const value = component(s, e, c);
    if (value.includes('@')) email = value;
  }
  return Object.freeze({
    kind: 'address',
    type: component(s, e, 0),
    street: component(s, e, 1),
    city: component(s, e, 2),
    state: component(s, e, 3),
    country: countryRef(component(s, e, 5)),
    postcode: component(s, e, 6),
    phone: component(s, e, 7) || undefined,
    email,
  });
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

/** FOP → one payment per element (`CC:::VI:XXXX1186:0211`, `CA::731.00`); the card number is kept as sent. */
export function readFop(s: EdifactSegment): PaymentDraft[] {
  const payments: PaymentDraft[] = [];
  for (let e = 0, n = elementCount(s); e < n; e++) {
    const code = component(s, e, 0);
    if (code === '') continue;
    payments.push({
      kind: 'payment',
      code,
      type: paymentTypes[code] ?? 'other',
      amount: component(s, e, 2) || undefined,
      cardVendor: component(s, e, 3) || undefined,
      cardNumber: component(s, e, 4) || undefined,
      cardExpiry: component(s, e, 5) || undefined,
      sponsor: undefined,
      payerAddress: undefined,
    });
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
        count: /^\d{1,3}$/.test(count) ? Number(count) : 1,
        destination: component(s, e, 3),
      }),
    );
  }
  return Object.freeze({
    count: /^\d{1,3}$/.test(countRaw) ? Number(countRaw) : undefined,
    weight: weightRaw === '' || !Number.isFinite(Number(weightRaw)) ? undefined : Number(weightRaw),
    weightUnit: component(s, 1, 2),
    tags: Object.freeze(tags),
  });
}

/** The raw text of a segment (for history entries and non-air services): elements joined as sent. */
export function segmentText(s: EdifactSegment): string {
  return [s.tag, ...s.elements.map((e) => e.join(':'))].join('+');
}
