/** Targeting rules: list them, write a new one or a new version, switch one for the caller's country. */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import type { RuleView } from './rules.service.js';

const errors = errorResponses(400, 401, 403, 404);
const RuleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

function presentRule(view: RuleView) {
  return {
    ...view.rule,
    builtin: view.builtin,
    ownerCountry: view.ownerCountry,
    createdBy: view.createdBy,
    createdAt: view.createdAt.toISOString(),
    enabledHere: view.enabledHere,
  };
}

export function rulesRoutes(app: App, services: Services): void {
  app.get(
    '/api/rules',
    {
      config: { access: { permission: 'rules.read' } },
      schema: {
        tags: ['flights'],
        summary: 'The targeting rules in their latest versions, and whether each runs for the caller’s country',
        response: { 200: Type.Array(Type.Record(Type.String(), Type.Unknown())), ...errors },
      },
    },
    async (request) => (await services.rules.list(principalOf(request))).map(presentRule),
  );

  app.post(
    '/api/rules',
    {
      config: { access: { permission: 'rules.write' } },
      schema: {
        tags: ['flights'],
        summary: 'Write a rule (a new id) or a new version of one (an existing id); validated field by field',
        description:
          'Body: `{ id, title, subject: traveller|booking|flight, when: {all|any|not|fact,op,value}, severity, countries: "all"|[…], enabled }`. Errors name the JSON path (`when.all[2].op`). A new rule belongs to the writer’s country; only that country writes its next versions, and a person may name only their own country (never `"all"`). Built-in rules are changed by the operator only: a country switches them with `PUT /api/rules/{id}/enabled`.',
        body: Type.Record(Type.String(), Type.Unknown()),
        response: { 201: Type.Record(Type.String(), Type.Unknown()), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ ...(await services.rules.save(principalOf(request), request.body, requestContext(request))) }),
  );

  app.put(
    '/api/rules/:id/enabled',
    {
      config: { access: { permission: 'rules.write' } },
      schema: {
        tags: ['flights'],
        summary: 'Switch a rule on or off for the caller’s country',
        params: RuleParams,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await services.rules.setEnabled(
        principalOf(request),
        request.params.id,
        request.body.enabled,
        requestContext(request),
      );
      return reply.code(204).send(null);
    },
  );
}
