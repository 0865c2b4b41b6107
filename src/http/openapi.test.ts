/**
 * The OpenAPI description says what the routes do: how each may be authenticated (a token's scope, or a session
 * only), which bodies each takes, which errors each can answer, and names and describes every operation.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { permissions } from '../access/policy.js';
import type { App } from './app.js';
import { rawBodyTypes } from './raw-body.js';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: unknown }>;
}

/** A type, not an interface: the validator takes any object with string keys. */
type Spec = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

/** Fastify's route pattern as OpenAPI writes it: /api/users/:id → /api/users/{id}. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describeEachBackend('the OpenAPI description', (database) => {
  let app: App;
  let spec: Spec;
  /** Every documented operation, as "METHOD /path". */
  let operations: [string, Operation][];
  before(async () => {
    app = await buildTestApp(database());
    spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Spec>();
    operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
    );
  });
  after(() => app.close());

  const operation = (method: string, url: string): Operation => {
    const op = spec.paths[openapiPath(url)]?.[method.toLowerCase()];
    assert.ok(op !== undefined, `${method} ${url} is not documented`);
    return op;
  };

  it('offers a bearer token with the scopes the permission accepts, or a session only for people-only routes', () => {
    let peopleOnly = 0;
    for (const route of app.declaredRoutes) {
      if (route.access === 'public') {
        // The description itself is public and not among the operations it describes.
        const op = spec.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
        assert.equal(op?.security, undefined, `${route.method} ${route.url} is public`);
        continue;
      }
      const op = operation(route.method, route.url);
      const scopes: readonly string[] = permissions[route.access.permission].scopes;
      if (scopes.length === 0) peopleOnly += 1;
      assert.deepEqual(
        op.security,
        scopes.length === 0 ? [{ session: [] }] : [{ bearer: [...scopes] }, { session: [] }],
        `${route.method} ${route.url} (${route.access.permission})`,
      );
    }
    assert.equal(peopleOnly, 14);
    assert.deepEqual(operation('POST', '/api/screenings').security, [{ bearer: ['screen'] }, { session: [] }]);
    assert.deepEqual(operation('GET', '/api/users').security, [{ session: [] }]);
  });

  it('documents the raw media types as the request body of the routes that take a file or a message', () => {
    for (const url of ['/api/messages', '/api/watchlists/:list/import']) {
      const body = operation('POST', url).requestBody;
      assert.ok(body !== undefined, `POST ${url} has no requestBody`);
      assert.equal(body.required, true);
      assert.deepEqual(Object.keys(body.content).sort(), [...rawBodyTypes].sort());
      for (const media of Object.values(body.content))
        assert.deepEqual(media.schema, { type: 'string', format: 'binary' });
    }
    assert.deepEqual(Object.keys(operation('POST', '/api/screenings').requestBody?.content ?? {}), [
      'application/json',
    ]);
  });

  it('lists 413 and 415 for every route that takes a body, and neither for one that takes none', () => {
    for (const [name, op] of operations) {
      const statuses = Object.keys(op.responses);
      if (op.requestBody !== undefined) {
        assert.ok(statuses.includes('413') && statuses.includes('415'), `${name}: ${statuses.join(',')}`);
      } else {
        assert.ok(!statuses.includes('413') && !statuses.includes('415'), `${name}: ${statuses.join(',')}`);
      }
    }
    assert.ok('413' in operation('POST', '/api/screenings').responses);
    assert.ok('415' in operation('POST', '/api/auth/sign-in').responses);
    assert.ok(!('413' in operation('GET', '/api/flights').responses));
  });

  it('names every operation once and describes every response', () => {
    const ids = operations.map(([, op]) => op.operationId);
    assert.ok(
      ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]*$/.test(id)),
      ids.join(' '),
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.equal(operation('GET', '/api/users/:id').operationId, 'getApiUsersById');
    assert.equal(operation('POST', '/api/auth/sign-in').operationId, 'postApiAuthSignIn');
    const described: Record<string, string> = {
      200: 'OK',
      201: 'Created',
      202: 'Accepted',
      204: 'No Content',
      400: 'Invalid input',
      401: 'Not signed in',
      403: 'Not allowed',
      404: 'Not found',
      409: 'Conflict',
      413: 'Body too large',
      415: 'Unsupported media type',
      429: 'Too many requests',
      503: 'Not ready',
    };
    for (const [name, op] of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        assert.equal(response.description, described[status], `${name} ${status}`);
      }
    }
    // The described error responses still carry the error body.
    assert.deepEqual(operation('GET', '/api/users').responses['403']?.content, {
      'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
    });
  });

  it('stays a valid OpenAPI 3.1 document whose references and path parameters all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(spec);
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
    const problems: string[] = [];
    const resolve = (ref: string) =>
      ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], spec);
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && (!ref.startsWith('#/') || resolve(ref) === undefined))
        problems.push(`${at}: ${ref}`);
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(spec, '#');
    for (const [name, op] of operations) {
      for (const scheme of (op.security ?? []).flatMap(Object.keys))
        if (!(scheme in spec.components.securitySchemes)) problems.push(`${name}: unknown scheme ${scheme}`);
    }
    assert.deepEqual(problems, []);
  });
});
