/** Passenger-data messages (push and status) and flights (list, one flight, a traveller's history). */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import { readRawBody } from '../http/raw-body.js';
import type { Services } from '../services.js';
import { maxMessageBytes } from './ingest.service.js';
import type { MessageDispatch } from './process-message.job.js';
import { presentMessage, travelSchemas } from './travel.schema.js';

const errors = errorResponses(400, 401, 403, 404, 413);

export function travelRoutes(app: App, services: Services, dispatch: MessageDispatch): void {
  for (const schema of travelSchemas) app.addSchema(schema);

  app.post(
    '/api/messages',
    {
      config: { access: { permission: 'messages.push' }, rawBody: true },
      bodyLimit: maxMessageBytes,
      schema: {
        tags: ['flights'],
        summary:
          'Push a raw PAXLST or PNRGOV message (UN/EDIFACT); it is stored first, then processed on the job queue',
        description:
          'Body: the message bytes, as application/edifact (or text/plain, application/octet-stream); a body of another type is refused (415) before it is read. A message with the same content as one received before is recognised and not applied twice.',
        response: { 202: Type.Ref('Message'), ...errors, ...errorResponses(415) },
      },
    },
    async (request, reply) => {
      const raw = await readRawBody(request.body, maxMessageBytes);
      const { message, duplicate } = await services.ingest.receive(
        principalOf(request),
        raw,
        requestContext(request),
        undefined,
        dispatch.enqueue,
      );
      if (!duplicate) await dispatch.committed(message.id);
      return reply.code(202).send(presentMessage(message, duplicate));
    },
  );

  app.get(
    '/api/messages',
    {
      config: { access: { permission: 'messages.push' } },
      schema: {
        tags: ['flights'],
        summary: "The caller's country's received messages, newest first",
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['received', 'parsed', 'screened', 'failed'])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: { 200: Type.Array(Type.Ref('Message')), ...errors },
      },
    },
    async (request) =>
      (await services.flights.messages(principalOf(request), request.query.status, request.query.limit ?? 50)).map(
        (m) => presentMessage(m),
      ),
  );

  app.get(
    '/api/messages/:id',
    {
      config: { access: { permission: 'messages.push' } },
      schema: {
        tags: ['flights'],
        summary: 'A received message: its status, and for a failed one where it went wrong',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Ref('Message'), ...errors },
      },
    },
    async (request) => presentMessage(await services.flights.message(principalOf(request), request.params.id)),
  );

  app.get(
    '/api/flights',
    {
      config: { access: { permission: 'flights.read' } },
      schema: {
        tags: ['flights'],
        summary: 'Flights, with counts of travellers, bookings and open alerts',
        querystring: Type.Object({
          date: Type.Optional(Type.String({ format: 'date' })),
          airport: Type.Optional(Type.String({ minLength: 3, maxLength: 3 })),
          status: Type.Optional(Type.Enum(['open', 'closed', 'cancelled'])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: Type.Array(Type.Ref('FlightSummary')), ...errors },
      },
    },
    async (request) =>
      services.flights.list(principalOf(request), {
        date: request.query.date,
        airport: request.query.airport?.toUpperCase(),
        status: request.query.status,
        limit: request.query.limit ?? 100,
      }),
  );

  app.get(
    '/api/flights/:id',
    {
      config: { access: { permission: 'flights.read' } },
      schema: {
        tags: ['flights'],
        summary:
          'One flight with its travellers, bookings and alerts, each open or withdrawn (a rule the flight no longer meets); the view is audited',
        description:
          "An alert on a watchlist entry whose owner has not shared it with the caller's country has restricted: true and contactCountry (whom to contact), and no entity id, score or explanation; every other alert has restricted: false.",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Ref('FlightDetail'), ...errors },
      },
    },
    async (request) => services.flights.get(principalOf(request), request.params.id, requestContext(request)),
  );

  app.get(
    '/api/flights/:id/travellers/:travellerId/history',
    {
      config: { access: { permission: 'flights.read' } },
      schema: {
        tags: ['flights'],
        summary: "A traveller's appearances on other flights (same surname and birth date, or same document)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }), travellerId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Ref('TravellerHistory'), ...errors },
      },
    },
    async (request) =>
      services.flights.history(
        principalOf(request),
        request.params.id,
        request.params.travellerId,
        requestContext(request),
      ),
  );
}
