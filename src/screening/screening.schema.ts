/** Schemas and presenters of the screening routes: Lodestar's own and the yente-compatible /match. */
import { Type, type Static } from 'typebox';
import type { PersonEntry } from '../watchlists/entries.js';
import { findCountry } from '../countries/countries.js';
import type { DocumentHitView, PersonHitView, PersonQueryInput } from './screening.service.js';
import type { ExplanationFeature } from './types.js';

const Name = Type.String({ minLength: 1, maxLength: 300 });
const PartialDate = Type.String({ maxLength: 10, description: 'YYYY, YYYY-MM or YYYY-MM-DD' });

export const PersonQueryBody = Type.Object(
  {
    names: Type.Array(Name, {
      minItems: 1,
      maxItems: 10,
      description: 'the name as written, in any script, and other names',
    }),
    birthDate: Type.Optional(PartialDate),
    nationality: Type.Optional(Type.String({ maxLength: 3 })),
    gender: Type.Optional(Type.Enum(['male', 'female', 'other'])),
    documents: Type.Optional(
      Type.Array(
        Type.Object({
          number: Type.String({ minLength: 1, maxLength: 40 }),
          country: Type.Optional(Type.String({ maxLength: 3 })),
        }),
        { maxItems: 5 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ScreeningBody = Type.Object(
  {
    person: Type.Optional(PersonQueryBody),
    document: Type.Optional(
      Type.Object(
        { number: Type.String({ minLength: 1, maxLength: 40 }), country: Type.Optional(Type.String({ maxLength: 3 })) },
        { additionalProperties: false },
      ),
    ),
    lists: Type.Optional(
      Type.Array(Type.String({ maxLength: 63 }), { maxItems: 50, description: 'default: every list' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
    threshold: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "default: each list's threshold" }),
    ),
  },
  { additionalProperties: false },
);

const Feature = Type.Object({
  feature: Type.String(),
  weight: Type.Number(),
  contribution: Type.Number(),
  query: Type.String(),
  candidate: Type.String(),
  how: Type.String(),
});

const Restricted = Type.Object({
  restricted: Type.Literal(true),
  list: Type.String(),
  key: Type.Integer(),
  contactCountry: Type.String(),
  score: Type.Number({
    description:
      "for a restricted entry, the threshold it reached; its own score is withheld (a person: its list's own threshold, whatever threshold the request sets; a document: the score of a hit through OCR folding, exact or not)",
  }),
  match: Type.Optional(
    Type.Boolean({
      description:
        "for a person: always true; a restricted entry is told only when it is a match at its list's own threshold",
    }),
  ),
  message: Type.String(),
});

export const ScreeningResponse = Type.Object({
  matcher: Type.Object({ name: Type.String(), version: Type.String() }),
  persons: Type.Array(
    Type.Union([
      Type.Object({
        restricted: Type.Literal(false),
        list: Type.String(),
        score: Type.Number(),
        match: Type.Boolean(),
        entry: Type.Ref('PersonEntry'),
        explanation: Type.Array(Feature),
      }),
      Restricted,
    ]),
  ),
  documents: Type.Array(
    Type.Union([
      Type.Object({
        restricted: Type.Literal(false),
        list: Type.String(),
        kind: Type.String(),
        number: Type.String(),
        score: Type.Number(),
        how: Type.String(),
        document: Type.Optional(Type.Ref('DocumentEntry')),
        person: Type.Optional(Type.Ref('PersonEntry')),
      }),
      Restricted,
    ]),
  ),
});

export function restrictedMessage(country: string): string {
  return `a record exists; its owner restricts it — contact the national central bureau of ${country}`;
}

// yente's request and response shapes (the OpenSanctions screening API), for drop-in clients.

export const MatchParams = Type.Object({
  list: Type.String({ minLength: 1, maxLength: 63, description: 'a watchlist id, or "default" for all' }),
});
export const MatchQuerystring = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5 })),
  threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  algorithm: Type.Optional(
    Type.String({ maxLength: 50, description: 'accepted for compatibility; Lodestar always uses its own matcher' }),
  ),
});
const Values = Type.Array(Type.String({ maxLength: 300 }), { maxItems: 20 });
export const MatchBody = Type.Object({
  queries: Type.Record(
    Type.String({ maxLength: 100 }),
    Type.Object({
      schema: Type.String({ maxLength: 50 }),
      properties: Type.Object(
        {
          name: Type.Optional(Values),
          firstName: Type.Optional(Values),
          lastName: Type.Optional(Values),
          alias: Type.Optional(Values),
          birthDate: Type.Optional(Values),
          nationality: Type.Optional(Values),
          citizenship: Type.Optional(Values),
          gender: Type.Optional(Values),
          passportNumber: Type.Optional(Values),
          idNumber: Type.Optional(Values),
        },
        { additionalProperties: Type.Array(Type.Unknown()) },
      ),
    }),
    // A record's key schema does not constrain the keys by itself: propertyNames does.
    { maxProperties: 1000, propertyNames: { minLength: 1, maxLength: 100 } },
  ),
});

type MatchQueryBody = Static<typeof MatchBody>['queries'][string];

/** A yente query as a Lodestar person query. */
export function fromYenteQuery(query: MatchQueryBody): PersonQueryInput {
  const p = query.properties;
  const composed = [p.firstName ?? [], p.lastName ?? []].flat().join(' ').trim();
  const names = [...(p.name ?? []), ...(composed === '' ? [] : [composed]), ...(p.alias ?? [])];
  const documents = [...(p.passportNumber ?? []), ...(p.idNumber ?? [])].map((number) => ({ number }));
  // As FollowTheMoney writes them: a date may carry a time (its date is what is compared), and a country may be a code
  // no state has (zz, for none known), which yente passes over, as this does: the first known country is taken.
  const countries = [...(p.nationality ?? []), ...(p.citizenship ?? [])];
  return {
    names,
    birthDate: p.birthDate?.[0]?.replace(/^(\d{4}-\d{2}-\d{2})T.*$/, '$1'),
    nationality: countries.find((c) => findCountry(c) !== undefined),
    gender: p.gender?.[0],
    documents,
  };
}

/** FollowTheMoney properties of an entry (nationalities in FollowTheMoney's lower-case alpha-2 where one exists). */
function ftmProperties(entry: PersonEntry): Record<string, string[]> {
  const alpha2 = (code: string) => findCountry(code)?.alpha2?.toLowerCase() ?? code.toLowerCase();
  return {
    name: [entry.name],
    alias: entry.aliases.filter((a) => a.kind === 'alias').map((a) => a.name),
    weakAlias: entry.aliases.filter((a) => a.kind === 'weakAlias').map((a) => a.name),
    previousName: entry.aliases.filter((a) => a.kind === 'previousName').map((a) => a.name),
    birthDate: [...entry.birthDates],
    nationality: entry.nationalities.map(alpha2),
    gender: entry.gender === null ? [] : [entry.gender],
    passportNumber: entry.documents.filter((d) => d.type === 'P').map((d) => d.number),
    idNumber: entry.documents.filter((d) => d.type !== 'P').map((d) => d.number),
  };
}

/** yente's `features`: the contribution of each feature, summed by feature name. */
function yenteFeatures(explanation: readonly ExplanationFeature[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of explanation) out[f.feature] = Math.round(((out[f.feature] ?? 0) + f.contribution) * 10000) / 10000;
  return out;
}

/**
 * A result of /match in yente's shape. One object schema with the restricted entry's fields optional, not a union: the
 * response serialiser must otherwise try each branch of a union against every result.
 */
export const MatchResult = Type.Object({
  id: Type.String({ description: 'the entity id, or restricted:<list>:<key> for a restricted entry' }),
  caption: Type.String(),
  schema: Type.String(),
  properties: Type.Record(Type.String(), Type.Array(Type.String()), {
    description: 'FollowTheMoney properties (empty for a restricted entry)',
  }),
  datasets: Type.Array(Type.String()),
  referents: Type.Array(Type.String()),
  target: Type.Boolean(),
  last_change: Type.Optional(Type.String()),
  score: Type.Number({
    description:
      "for a restricted entry, the threshold it reached (its list's own, whatever threshold the request sets); its own score is withheld",
  }),
  match: Type.Boolean({
    description: "always true for a restricted entry: it is told only when it is a match at its list's own threshold",
  }),
  features: Type.Record(Type.String(), Type.Number(), { description: 'contribution by feature' }),
  explanation: Type.Optional(Type.Array(Feature)),
  restricted: Type.Boolean(),
  contactCountry: Type.Optional(Type.String({ description: 'for a restricted entry: whom to contact' })),
  message: Type.Optional(Type.String()),
});

/**
 * A hit in yente's result shape; a restricted entry keeps only the owner to contact, and as its score the threshold
 * it reached (ScreeningService withholds its own), a number as yente clients expect.
 */
export function presentYenteResult(hit: PersonHitView) {
  if (hit.restricted) {
    return {
      id: `restricted:${hit.list}:${hit.key}`,
      caption: 'Restricted record',
      schema: 'Person',
      properties: {},
      datasets: [hit.list],
      referents: [],
      target: true,
      score: hit.score,
      match: hit.match,
      features: {},
      restricted: true,
      contactCountry: hit.contactCountry,
      message: restrictedMessage(hit.contactCountry),
    };
  }
  return {
    id: hit.entry.entityId,
    caption: hit.entry.name,
    schema: 'Person',
    properties: ftmProperties(hit.entry),
    datasets: [hit.list],
    referents: [],
    target: true,
    last_change: hit.entry.updatedAt.toISOString(),
    score: hit.score,
    match: hit.match,
    features: yenteFeatures(hit.explanation),
    explanation: hit.explanation,
    restricted: false,
  };
}

export function presentDocumentHit(hit: DocumentHitView) {
  return hit.restricted ? { ...hit, message: restrictedMessage(hit.contactCountry) } : hit;
}
