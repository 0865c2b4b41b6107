/** Screening routes: Lodestar's own `POST /api/screenings`, and `POST /match/{list}` in yente's format. */
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import { presentDocument, presentPerson } from '../watchlists/watchlists.schema.js';
import { MATCHER_NAME, MATCHER_VERSION } from './engine.js';
import { ALIAS_SHARE, DOCUMENT_EXACT, GENDER_MATCH, NATIONALITY_MATCH_WITH_DATE, dateEffect } from './score.js';
import {
  MatchBody,
  MatchParams,
  MatchQuerystring,
  MatchResult,
  ScreeningBody,
  ScreeningResponse,
  fromYenteQuery,
  presentYenteResult,
  restrictedMessage,
} from './screening.schema.js';
import type { DocumentHitView, PersonHitView } from './screening.service.js';

// 503: the screening index is still loading (a server starting).
const errors = errorResponses(400, 401, 403, 404, 429, 503);

const featureUrl = '/docs';
/**
 * yente answers `matcher` with a document of its features, each with its coefficient; typed yente clients read it.
 * Lodestar's features are those of the explanation, and each coefficient the most that feature adds to a score.
 */
const matcherFeatures = {
  name: {
    description: 'similarity of the best pair of names, word by word, across scripts and romanisations',
    coefficient: 1,
    url: featureUrl,
  },
  'name.token': {
    description: "each query word's part of the name similarity: its weight times how well it matched, and how",
    coefficient: 1,
    url: featureUrl,
  },
  'name.alias': {
    description: "a query word the best pair leaves unmatched found in another of the person's names",
    coefficient: ALIAS_SHARE,
    url: featureUrl,
  },
  birthDate: {
    description: 'birth dates: exact, partial, day and month swapped, a year off (for), or other (against)',
    coefficient: dateEffect[1],
    url: featureUrl,
  },
  nationality: {
    description: 'a nationality in common (for) or none in common (against)',
    coefficient: NATIONALITY_MATCH_WITH_DATE,
    url: featureUrl,
  },
  gender: { description: 'the same gender (for) or another (against)', coefficient: GENDER_MATCH, url: featureUrl },
  document: {
    description: 'a travel document number in common, exactly or up to OCR confusions',
    coefficient: DOCUMENT_EXACT,
    url: featureUrl,
  },
} as const;

function presentPersonHit(hit: PersonHitView) {
  if (hit.restricted) return { ...hit, message: restrictedMessage(hit.contactCountry) };
  return {
    restricted: false as const,
    list: hit.list,
    score: hit.score,
    match: hit.match,
    entry: presentPerson(hit.entry),
    explanation: [...hit.explanation],
  };
}

function presentDocHit(hit: DocumentHitView) {
  if (hit.restricted) return { ...hit, message: restrictedMessage(hit.contactCountry) };
  return {
    restricted: false as const,
    list: hit.list,
    kind: hit.kind,
    number: hit.number,
    score: hit.score,
    how: hit.how,
    ...(hit.document === undefined ? {} : { document: presentDocument(hit.document) }),
    ...(hit.person === undefined ? {} : { person: presentPerson(hit.person) }),
  };
}

export function screeningRoutes(app: App, services: Services, config: Config): void {
  const rateLimit = { max: config.access.screeningRatePerMinute, timeWindow: 60_000 };

  app.post(
    '/api/screenings',
    {
      config: { access: { permission: 'screening.run' }, rateLimit },
      schema: {
        tags: ['screening'],
        summary: 'Screen a person and/or a travel document against the watchlists, with explained scores',
        body: ScreeningBody,
        response: { 200: ScreeningResponse, ...errors },
      },
    },
    async (request) => {
      const { person, document, lists, limit, threshold } = request.body;
      const answer = await services.screening.screen(
        principalOf(request),
        { person, document },
        { lists, limit, threshold },
        requestContext(request),
      );
      return {
        matcher: answer.matcher,
        persons: answer.persons.map(presentPersonHit),
        documents: answer.documents.map(presentDocHit),
      };
    },
  );

  app.post(
    '/match/:list',
    {
      config: { access: { permission: 'screening.run' }, rateLimit },
      schema: {
        tags: ['screening'],
        summary:
          'Screen a batch of persons, in the request and response format of yente (the OpenSanctions screening API)',
        params: MatchParams,
        querystring: MatchQuerystring,
        body: MatchBody,
        response: {
          200: Type.Object({
            responses: Type.Record(
              Type.String(),
              Type.Object({
                status: Type.Integer(),
                results: Type.Array(MatchResult),
                total: Type.Object({ value: Type.Integer(), relation: Type.String() }),
                query: Type.Unknown(),
              }),
            ),
            matcher: Type.Record(
              Type.String(),
              Type.Object({ description: Type.String(), coefficient: Type.Number(), url: Type.String() }),
              { description: "yente's feature documentation: what each explanation feature means, and its weight" },
            ),
            lodestarMatcher: Type.String({ description: 'the matcher that scored, name@version' }),
            limit: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const list = request.params.list;
      const limit = request.query.limit ?? 5;
      const queries = Object.fromEntries(
        Object.entries(request.body.queries).map(([id, q]) => [id, fromYenteQuery(q)]),
      );
      const hits = await services.screening
        .screenBatch(
          principalOf(request),
          queries,
          { lists: list === 'default' ? [] : [list], limit, threshold: request.query.threshold },
          requestContext(request),
        )
        .catch((error: unknown) => {
          // The service names its `lists` option; here the list came from the path.
          if (error instanceof AppError && error.location?.field === 'lists')
            throw new AppError(error.code, error.message, { location: { field: 'params.list' }, cause: error });
          throw error;
        });
      const responses = Object.fromEntries(
        Object.entries(request.body.queries).map(([id, query]) => {
          const results = (hits[id] ?? []).map(presentYenteResult);
          return [id, { status: 200, results, total: { value: results.length, relation: 'eq' }, query }];
        }),
      );
      return { responses, matcher: matcherFeatures, lodestarMatcher: `${MATCHER_NAME}@${MATCHER_VERSION}`, limit };
    },
  );
}
