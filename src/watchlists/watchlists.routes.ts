/** Watchlists: create, browse, look at one entry, upload a file to import. */
import { Type } from 'typebox';
import type { Readable } from 'node:stream';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import type { ImportProblem } from './import.service.js';
import {
  DocumentView,
  EntryParams,
  ImportQuery,
  ImportSummaryView,
  ListParams,
  NewWatchlistBody,
  PageQuery,
  PersonView,
  RestrictedView,
  presentDocument,
  presentPerson,
  presentSummary,
  presentVisible,
  presentWatchlist,
} from './watchlists.schema.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const maxUploadBytes = 2 * 1024 ** 3;

export function watchlistsRoutes(app: App, services: Services): void {
  app.get(
    '/api/watchlists',
    {
      config: { access: { permission: 'watchlists.read' } },
      schema: {
        tags: ['watchlists'],
        summary: 'All watchlists, with their entry counts',
        response: { 200: Type.Array(Type.Ref('Watchlist')), ...errors },
      },
    },
    async () => (await services.watchlists.list()).map(presentWatchlist),
  );

  app.post(
    '/api/watchlists',
    {
      config: { access: { permission: 'watchlists.write' } },
      schema: {
        tags: ['watchlists'],
        summary: "Create a watchlist owned by the caller's country",
        body: NewWatchlistBody,
        response: { 201: Type.Ref('Watchlist'), ...errors },
      },
    },
    async (request, reply) => {
      const list = await services.watchlists.create(principalOf(request), request.body, requestContext(request));
      return reply.code(201).send(presentWatchlist(list));
    },
  );

  app.get(
    '/api/watchlists/:list',
    {
      config: { access: { permission: 'watchlists.read' } },
      schema: {
        tags: ['watchlists'],
        summary: 'One watchlist',
        params: ListParams,
        response: { 200: Type.Ref('Watchlist'), ...errors },
      },
    },
    async (request) => presentWatchlist(await services.watchlists.get(request.params.list)),
  );

  app.get(
    '/api/watchlists/:list/persons',
    {
      config: { access: { permission: 'watchlists.read' } },
      schema: {
        tags: ['watchlists'],
        summary: 'A page of person entries; entries restricted by their owner show only whom to contact (audited)',
        params: ListParams,
        querystring: PageQuery,
        response: {
          200: Type.Object({
            entries: Type.Array(Type.Union([PersonView, RestrictedView])),
            next: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const page = await services.watchlists.browsePersons(
        principalOf(request),
        request.params.list,
        request.query.after ?? 0,
        limit,
        requestContext(request),
      );
      return {
        entries: page.map((item) => presentVisible(item, presentPerson)),
        next: page.length === limit ? page[page.length - 1]!.entry.key : null,
      };
    },
  );

  app.get(
    '/api/watchlists/:list/persons/:entityId',
    {
      config: { access: { permission: 'watchlists.read' } },
      schema: {
        tags: ['watchlists'],
        summary: "One person's record (the view is audited)",
        params: EntryParams,
        response: { 200: Type.Union([PersonView, RestrictedView]), ...errors },
      },
    },
    async (request) => {
      const item = await services.watchlists.getPerson(
        principalOf(request),
        request.params.list,
        request.params.entityId,
        requestContext(request),
      );
      return presentVisible(item, presentPerson);
    },
  );

  app.get(
    '/api/watchlists/:list/documents',
    {
      config: { access: { permission: 'watchlists.read' } },
      schema: {
        tags: ['watchlists'],
        summary: 'A page of stolen, lost or revoked document entries (audited)',
        params: ListParams,
        querystring: PageQuery,
        response: {
          200: Type.Object({
            entries: Type.Array(Type.Union([DocumentView, RestrictedView])),
            next: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const page = await services.watchlists.browseDocuments(
        principalOf(request),
        request.params.list,
        request.query.after ?? 0,
        limit,
        requestContext(request),
      );
      return {
        entries: page.map((item) => presentVisible(item, presentDocument)),
        next: page.length === limit ? page[page.length - 1]!.entry.key : null,
      };
    },
  );

  app.post(
    '/api/watchlists/:list/import',
    {
      bodyLimit: maxUploadBytes,
      config: { access: { permission: 'watchlists.write' }, rawBody: true },
      schema: {
        tags: ['watchlists'],
        summary: 'Import a file into a list of the caller’s country (streamed; bad rows reported, good rows loaded)',
        description:
          'Body: the file itself (text/csv, application/x-ndjson, …), streamed; a body of another type is refused (415). ' +
          'Imports into one list run one at a time: another while one runs is refused (409). Batches of a thousand ' +
          'rows commit as they are read: an upload cut off leaves those that committed, and is audited as failed.',
        params: ListParams,
        querystring: ImportQuery,
        response: { 200: ImportSummaryView, ...errors, ...errorResponses(413, 415) },
      },
    },
    async (request) => {
      const problems: ImportProblem[] = [];
      const summary = await services.imports.importStream(
        principalOf(request),
        request.params.list,
        // A stream: the route declares rawBody, so any other body was refused before parsing (http/raw-body.ts).
        request.body as Readable,
        {
          format: request.query.format,
          replace: request.query.replace ?? false,
          onProblem: (p) => problems.length < 1000 && problems.push(p),
        },
        requestContext(request),
      );
      return { ...presentSummary(summary), problems: problems.map((p) => ({ ...p, entityId: p.entityId ?? null })) };
    },
  );
}
