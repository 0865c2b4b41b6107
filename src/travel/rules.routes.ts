/** Targeting rules: list them, write a new one or a new version, switch one for the caller's country. */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import { presentRule, ruleBodyValidator, ruleSchemas } from './rules.schema.js';

const errors = errorResponses(400, 401, 403, 404);
const RuleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export function rulesRoutes(app: App, services: Services): void {
  for (const schema of ruleSchemas) app.addSchema(schema);

  app.get(
    '/api/rules',
    {
      config: { access: { permission: 'rules.read' } },
      schema: {
        tags: ['flights'],
        summary: 'The targeting rules in their latest versions, and whether each runs for the caller’s country',
        response: { 200: Type.Array(Type.Ref('StoredRule')), ...errors },
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
          'The body is checked field by field by the service, whose errors name the JSON path (`when.all[2].op`); the answer is the version stored, as `GET /api/rules` lists it. A new rule belongs to the writer’s country; only that country writes its next versions, and a person may name only their own country (never `"all"`). Built-in rules are changed by the operator only: a country switches them with `PUT /api/rules/{id}/enabled`.',
        body: Type.Ref('RuleInput'),
        response: { 201: Type.Ref('StoredRule'), ...errorResponses(400, 401, 403, 404, 409) },
      },
      // The body is described by RuleInput and checked by the service, whose errors name the rule's JSON path.
      validatorCompiler: ruleBodyValidator,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentRule(await services.rules.save(principalOf(request), request.body, requestContext(request)))),
  );

  app.put(
    '/api/rules/:id/enabled',
    {
      config: { access: { permission: 'rules.write' } },
      schema: {
        tags: ['flights'],
        summary: 'Switch a rule on or off for the caller’s country',
        description:
          'The country’s own switch wins over the rule’s `enabled` and `countries` (where it runs by default), either way: a country may switch on for itself a built-in weak indicator that runs nowhere by default, or another country’s rule.',
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
