/** Machine tokens of a country, managed by its admins. */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import { CreatedTokenView, IdParams, NewTokenBody, presentToken } from './access.schema.js';

const errors = errorResponses(400, 401, 403, 404);

export function tokensRoutes(app: App, services: Services): void {
  app.get(
    '/api/tokens',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['access'],
        summary: "The machine tokens of the caller's country",
        response: { 200: Type.Array(Type.Ref('ApiToken')), ...errors },
      },
    },
    async (request) => (await services.tokens.list(principalOf(request))).map(presentToken),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['access'],
        summary: 'Create a machine token; the secret is in this response only',
        body: NewTokenBody,
        response: { 201: CreatedTokenView, ...errors },
      },
    },
    async (request, reply) => {
      const created = await services.tokens.create(principalOf(request), request.body, requestContext(request));
      return reply.code(201).send({ token: created.token, record: presentToken(created.record) });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['access'],
        summary: 'Revoke a machine token',
        params: IdParams,
        response: { 200: Type.Ref('ApiToken'), ...errors },
      },
    },
    async (request) =>
      presentToken(await services.tokens.revoke(principalOf(request), request.params.id, requestContext(request))),
  );
}
