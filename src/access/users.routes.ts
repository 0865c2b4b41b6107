/** A country's users, managed by its admins. */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import { IdParams, NewUserBody, UserChangesBody, presentUser } from './access.schema.js';

const errors = errorResponses(400, 401, 403, 404, 409);

export function usersRoutes(app: App, services: Services): void {
  app.get(
    '/api/users',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags: ['access'],
        summary: "The users of the caller's country",
        response: { 200: Type.Array(Type.Ref('User')), ...errors },
      },
    },
    async (request) => (await services.users.list(principalOf(request))).map(presentUser),
  );

  app.post(
    '/api/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['access'],
        summary: "Create a user of the caller's country",
        body: NewUserBody,
        response: { 201: Type.Ref('User'), ...errors },
      },
    },
    async (request, reply) => {
      const user = await services.users.create(principalOf(request), request.body, requestContext(request));
      return reply.code(201).send(presentUser(user));
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags: ['access'],
        summary: 'One user',
        params: IdParams,
        response: { 200: Type.Ref('User'), ...errors },
      },
    },
    async (request) => presentUser(await services.users.get(principalOf(request), request.params.id)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['access'],
        summary: "Change a user's name or roles, or disable them (ends their sessions)",
        params: IdParams,
        body: UserChangesBody,
        response: { 200: Type.Ref('User'), ...errors },
      },
    },
    async (request) =>
      presentUser(
        await services.users.update(principalOf(request), request.params.id, request.body, requestContext(request)),
      ),
  );
}
