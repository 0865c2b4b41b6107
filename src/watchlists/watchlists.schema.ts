/** Schemas and presenters of the watchlist routes. Presenters pick the fields a client sees. */
import { Type, type Static } from 'typebox';
import type { RestrictedNotice } from '../access/policy.js';
import type { DocumentEntry, PersonEntry } from './entries.js';
import { documentStatuses, noticeTypes } from './entries.js';
import type { ImportSummary } from './import.service.js';
import type { Visible } from './watchlists.service.js';
import type { Watchlist, WatchlistWithCounts } from './watchlists.repository.js';

export const ListParams = Type.Object({ list: Type.String({ minLength: 1, maxLength: 63 }) });
export const EntryParams = Type.Object({
  list: Type.String({ minLength: 1, maxLength: 63 }),
  entityId: Type.String({ minLength: 1, maxLength: 200 }),
});
export const PageQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'the last key of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

export const NewWatchlistBody = Type.Object(
  {
    id: Type.String({
      minLength: 2,
      maxLength: 63,
      pattern: '^[a-z0-9][a-z0-9_-]+$',
      description: 'not "default", which /match reserves for every list',
    }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(['persons', 'documents', 'mixed']),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    matchThreshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);

export const WatchlistView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    ownerCountry: Type.String(),
    description: Type.String(),
    matchThreshold: Type.Number(),
    persons: Type.Optional(Type.Integer()),
    documents: Type.Optional(Type.Integer()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Watchlist' },
);

export function presentWatchlist(list: Watchlist | WatchlistWithCounts): Static<typeof WatchlistView> {
  return {
    id: list.id,
    name: list.name,
    kind: list.kind,
    ownerCountry: list.ownerCountry,
    description: list.description,
    matchThreshold: list.matchThreshold,
    ...('persons' in list ? { persons: list.persons, documents: list.documents } : {}),
    createdAt: list.createdAt.toISOString(),
  };
}

export const RestrictedView = Type.Object(
  {
    restricted: Type.Literal(true),
    key: Type.Integer(),
    contactCountry: Type.String(),
    message: Type.String(),
  },
  { $id: 'RestrictedEntry', description: 'a record exists; its owner restricts it: contact the owner country' },
);

export function presentRestricted(entry: {
  key: number;
  ownerCountry: string;
}): Static<typeof RestrictedView> & RestrictedNotice {
  return {
    restricted: true,
    key: entry.key,
    contactCountry: entry.ownerCountry,
    message: `a record exists; its owner restricts it — contact the national central bureau of ${entry.ownerCountry}`,
  };
}

export const PersonView = Type.Object(
  {
    restricted: Type.Literal(false),
    key: Type.Integer(),
    list: Type.String(),
    entityId: Type.String(),
    name: Type.String(),
    aliases: Type.Array(Type.Object({ name: Type.String(), kind: Type.String() })),
    birthDates: Type.Array(Type.String()),
    nationalities: Type.Array(Type.String()),
    gender: Type.Union([Type.Enum(['male', 'female', 'other']), Type.Null()]),
    documents: Type.Array(
      Type.Object({
        number: Type.String(),
        type: Type.Union([Type.String(), Type.Null()]),
        country: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    noticeType: Type.Union([Type.Enum(noticeTypes), Type.Null()]),
    ownerCountry: Type.String(),
    restrictedTo: Type.Array(Type.String()),
    reference: Type.Union([Type.String(), Type.Null()]),
    remarks: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PersonEntry' },
);

export function presentPerson(entry: PersonEntry): Static<typeof PersonView> {
  return {
    restricted: false,
    key: entry.key,
    list: entry.listId,
    entityId: entry.entityId,
    name: entry.name,
    aliases: entry.aliases.map((a) => ({ name: a.name, kind: a.kind })),
    birthDates: [...entry.birthDates],
    nationalities: [...entry.nationalities],
    gender: entry.gender,
    documents: entry.documents.map((d) => ({ number: d.number, type: d.type, country: d.country })),
    noticeType: entry.noticeType,
    ownerCountry: entry.ownerCountry,
    restrictedTo: [...entry.restrictedTo],
    reference: entry.reference,
    remarks: entry.remarks,
    updatedAt: entry.updatedAt.toISOString(),
  };
}

export const DocumentView = Type.Object(
  {
    restricted: Type.Literal(false),
    key: Type.Integer(),
    list: Type.String(),
    entityId: Type.String(),
    number: Type.String(),
    type: Type.Union([Type.String(), Type.Null()]),
    issuingState: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(documentStatuses),
    reportedAt: Type.Union([Type.String(), Type.Null()]),
    ownerCountry: Type.String(),
    reference: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'DocumentEntry' },
);

export function presentDocument(entry: DocumentEntry): Static<typeof DocumentView> {
  return {
    restricted: false,
    key: entry.key,
    list: entry.listId,
    entityId: entry.entityId,
    number: entry.number,
    type: entry.type,
    issuingState: entry.issuingState,
    status: entry.status,
    reportedAt: entry.reportedAt,
    ownerCountry: entry.ownerCountry,
    reference: entry.reference,
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/** Presents an entry whole or restricted, as the service decided. */
export function presentVisible<T extends { key: number; ownerCountry: string }, P>(
  item: Visible<T>,
  present: (entry: T) => P,
) {
  return item.visible ? present(item.entry) : presentRestricted(item.entry);
}

export const ImportQuery = Type.Object(
  {
    format: Type.Enum(['ftm', 'csv', 'sltd'], {
      description: 'ftm: FollowTheMoney JSON lines; csv: persons; sltd: stolen/lost documents',
    }),
    replace: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'remove the entries absent from the file, of the kind its format fills (persons for ftm and csv, documents for sltd)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ImportSummaryView = Type.Object({
  listId: Type.String(),
  format: Type.String(),
  read: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer({ description: 'rows whose entry was already as the row gives it: not written again' }),
  removed: Type.Integer(),
  rejected: Type.Integer(),
  warnings: Type.Integer(),
  skipped: Type.Record(Type.String(), Type.Integer()),
  replaceSkipped: Type.Union([Type.String(), Type.Null()], {
    description:
      'why replace removed nothing: no row loaded, or rows may be missing from what was read (a quote left open); null otherwise',
  }),
  seconds: Type.Number(),
  problems: Type.Array(
    Type.Object({
      line: Type.Integer(),
      entityId: Type.Union([Type.String(), Type.Null()]),
      severity: Type.String(),
      reason: Type.String(),
    }),
    {
      description: 'the first 1,000 rejected rows and warnings',
    },
  ),
});

export function presentSummary(summary: ImportSummary) {
  return { ...summary, skipped: { ...summary.skipped } };
}
