/**
 * The PAXLST parser's reporting party and open traveller, with the traveller's documents, references, contacts and
 * bags, as they are built from the segments of their groups. They are made by constructors, not literals (see
 * plain-objects.ts), and handed out where they stand when the group closes, under their readonly types (see paxlst.ts).
 */
import type { EdifactSegment, SegmentView } from './edifact.js';
import { add, none, plainObject, type Mutable } from './plain-objects.js';
import type { CountryRef } from './travel.types.js';
import type {
  PaxlstBags,
  PaxlstBagTags,
  PaxlstContact,
  PaxlstDocument,
  PaxlstReference,
  PaxlstReportingParty,
  PaxlstRole,
  PaxlstTraveller,
} from './paxlst.types.js';

export type TravellerDraft = Mutable<PaxlstTraveller> & {
  documents: PaxlstDocument[];
  references: PaxlstReference[];
  contacts: PaxlstContact[];
};
export type DocumentDraft = Mutable<PaxlstDocument>;
export type PartyDraft = Mutable<PaxlstReportingParty>;
export type BagsDraft = Mutable<PaxlstBags> & { tags: string[]; tagRuns: PaxlstBagTags[] };

/** The non-empty components of element `e` from component `from` on, each after a space (` A B` for `A::B`). */
function spacedComponents(segment: SegmentView, e: number, from: number): string {
  let out = '';
  for (let c = from, n = segment.componentCount(e); c < n; c++) {
    const value = segment.component(e, c);
    if (value !== '') out += ` ${value}`;
  }
  return out;
}

/** The reporting party opened by its NAD+MS, its COM and CTA to come. */
export const Party = plainObject(function Party(this: PartyDraft, name: string) {
  this.name = name;
  this.phone = undefined;
  this.fax = undefined;
  this.email = undefined;
  this.contactName = undefined;
});

/**
 * A traveller opened by its NAD (`NAD+FL+++SURNAME:GIVEN:MIDDLE+STREET+CITY+STATE+POSTCODE+COUNTRY`), with nothing
 * else known yet; `country` reads (and checks) the address's country code.
 */
export const Traveller = plainObject(function Traveller(
  this: TravellerDraft,
  s: SegmentView,
  role: PaxlstRole,
  country: (segment: EdifactSegment, raw: string) => CountryRef | undefined,
) {
  const qualifier = s.component(0);
  this.kind = 'traveller';
  this.role = role;
  this.qualifier = qualifier;
  this.inTransit = qualifier === 'DDU' || qualifier === 'DDT';
  this.surname = s.component(3, 0);
  // The given name, then the middle names that are not empty.
  this.givenNames = s.component(3, 1) + spacedComponents(s, 3, 2);
  this.gender = undefined;
  this.dateOfBirth = undefined;
  this.nationality = undefined;
  this.placeOfBirth = undefined;
  this.countryOfBirth = undefined;
  this.residence = undefined;
  this.address =
    s.elementCount > 4
      ? {
          street: spacedComponents(s, 4, 0).slice(1),
          city: s.component(5),
          subentity: s.component(6),
          postcode: s.component(7),
          country: country(s, s.component(8)),
        }
      : undefined;
  this.embarkation = undefined;
  this.debarkation = undefined;
  this.clearance = undefined;
  this.documents = none;
  this.references = none;
  this.recordLocator = undefined;
  this.seat = undefined;
  this.ticketNumber = undefined;
  this.bags = undefined;
  this.crewFunction = undefined;
  this.verified = undefined;
  this.contact = undefined;
  this.contacts = none;
  this.segment = s.index;
  this.offset = s.offset;
});

/** A reference of a traveller (RFF: qualifier and value). */
export const Reference = plainObject(function Reference(
  this: Mutable<PaxlstReference>,
  qualifier: string,
  value: string,
) {
  this.qualifier = qualifier;
  this.value = value;
});

/** A contact of a traveller (a COM element: value and type). */
export const Contact = plainObject(function Contact(this: Mutable<PaxlstContact>, value: string, type: string) {
  this.value = value;
  this.type = type;
});

/**
 * Reads a COM, each element a number or address and its type (TE phone, FX fax, EM e-mail…): the reporting party's
 * (`party`, while its group is open) keeps its phone, fax and e-mail; a traveller's keeps every contact. False when it
 * gives nothing, or something neither takes: the caller keeps it as a segment not interpreted.
 */
export function readCom(s: SegmentView, party: PartyDraft | undefined, traveller: TravellerDraft | undefined): boolean {
  let read = false;
  let other = false;
  for (let e = 0; e < s.elementCount; e++) {
    const value = s.component(e, 0);
    if (value === '') continue;
    const kind = s.component(e, 1);
    if (party !== undefined) {
      if (kind === 'TE') party.phone = value;
      else if (kind === 'FX') party.fax = value;
      else if (kind === 'EM') party.email = value;
      else other = true;
    } else if (traveller !== undefined) {
      traveller.contacts = add(traveller.contacts, new Contact(value, kind));
      traveller.contact ??= value;
    } else other = true;
    read = true;
  }
  return read && !other;
}

/** A document opened by its DOC (type and number), its dates and issuer to come. */
export const Document = plainObject(function Document(this: DocumentDraft, s: SegmentView) {
  this.kind = 'document';
  this.type = s.component(0);
  this.number = s.component(1);
  this.expiry = undefined;
  this.issued = undefined;
  this.issuingState = undefined;
  this.issuingPlace = undefined;
});

/** The bags of a traveller, opened by the first MEA or FTX+BAG. */
export const Bags = plainObject(function Bags(this: BagsDraft) {
  this.count = undefined;
  this.weight = undefined;
  this.weightUnit = undefined;
  this.tags = none;
  this.tagRuns = none;
});

/** The tags of one FTX+BAG: the first tag number and the count of consecutive ones. */
export const BagTags = plainObject(function BagTags(
  this: Mutable<PaxlstBagTags>,
  first: string,
  count: number | undefined,
) {
  this.first = first;
  this.count = count;
});
