/**
 * The PAXLST parser's open traveller, its documents, references and bags, as they are built from the segments of the
 * traveller's group. They are made by constructors, not literals (see plain-objects.ts), and handed out where they
 * stand when the group closes, under their readonly types (see paxlst.ts).
 */
import type { EdifactSegment, SegmentView } from './edifact.js';
import { none, plainObject, type Mutable } from './plain-objects.js';
import type { CountryRef } from './travel.types.js';
import type { PaxlstBags, PaxlstDocument, PaxlstReference, PaxlstRole, PaxlstTraveller } from './paxlst.types.js';

export type TravellerDraft = Mutable<PaxlstTraveller> & { documents: PaxlstDocument[]; references: PaxlstReference[] };
export type DocumentDraft = Mutable<PaxlstDocument>;
export type BagsDraft = Mutable<PaxlstBags> & { tags: string[] };

/** The non-empty components of element `e` from component `from` on, each after a space (` A B` for `A::B`). */
function spacedComponents(segment: SegmentView, e: number, from: number): string {
  let out = '';
  for (let c = from, n = segment.componentCount(e); c < n; c++) {
    const value = segment.component(e, c);
    if (value !== '') out += ` ${value}`;
  }
  return out;
}

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
});
