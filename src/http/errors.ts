/**
 * The one error handler: every error response has the shape `{ error: { code, message, field?, requestId } }`.
 * Unexpected errors become a 500 that carries only the request id; the stack goes to the log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { App } from './app.js';
import { Type } from 'typebox';
import { AppError, type ErrorCode } from '../errors.js';
import { httpStatusByCode } from './error-map.js';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable error code, e.g. request.invalid' }),
      message: Type.String(),
      field: Type.Optional(
        Type.String({
          description:
            'the input field at fault, as a path from the part of the request that holds it (body, querystring, params, headers), array indexes as steps: body.person.documents.0.country',
        }),
      ),
      requestId: Type.String({ description: 'correlation id, also in the server log' }),
    }),
  },
  { $id: 'ErrorResponse' },
);

/** The error responses a route documents, by status: `errorResponses(400, 401, 403)`. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, ReturnType<typeof Type.Ref>> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorResponse')])) as Record<
    S,
    ReturnType<typeof Type.Ref>
  >;
}

/** What a documented status means, as each response of the OpenAPI description says. */
const statusDescriptions: Readonly<Record<string, string>> = {
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
  500: 'Internal error',
  503: 'Not ready',
};

/** A response schema with the description its status gets in the OpenAPI description (a copy: schemas are shared). */
function described(status: string, schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const description = statusDescriptions[status] ?? `HTTP ${status}`;
  // A reference keeps only its $ref once converted: @fastify/swagger reads a reference's description from beside it.
  if ('$ref' in schema) return { ...schema, description };
  if ('x-response-description' in schema) return schema;
  return { ...schema, 'x-response-description': description };
}

/**
 * The responses a route documents (its `schema.response`), as every route can answer them: one that takes a body may
 * be refused it as too large (413) or of the wrong type (415) before its handler runs, whatever its route file lists;
 * one that takes none (a GET) answers neither. Each status gets its description.
 */
export function documentedResponses(response: unknown, takesBody: boolean): Record<string, unknown> | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const statuses = Object.entries(response).filter(([status]) => takesBody || (status !== '413' && status !== '415'));
  for (const status of takesBody ? ['413', '415'] : []) {
    if (!statuses.some(([s]) => s === status)) statuses.push([status, Type.Ref('ErrorResponse')]);
  }
  statuses.sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(statuses.map(([status, schema]) => [status, described(status, schema)]));
}

/** Fastify's own error codes that are the client's fault, as Lodestar codes. */
const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid',
  FST_ERR_VALIDATION: 'request.invalid',
  FST_ERR_RATE_LIMIT: 'rate.limited',
};

function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (first === undefined) return undefined;
  const params = first.params as { missingProperty?: string; additionalProperty?: string };
  const base = `${error.validationContext ?? 'body'}${first.instancePath.replaceAll('/', '.')}`;
  const extra = params.missingProperty ?? params.additionalProperty;
  return extra === undefined ? base : `${base}.${extra}`;
}

/** The parts of a request a field path starts from, as the schema check names them. */
const roots = new Set(['body', 'querystring', 'params', 'headers']);

/** Whether `value` is parsed input (a JSON object or array, a query, path parameters), not a stream or bytes. */
function isParsed(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Readable) && !Buffer.isBuffer(value);
}

/**
 * The part of `request` that holds the input named `name`: the one it was given in, else the one whose schema names it
 * (a field left out); undefined when none does (the field then stays as the service wrote it, rather than guessed).
 */
function rootOf(name: string, request: FastifyRequest): string | undefined {
  const holds = (part: unknown) => isParsed(part) && Object.hasOwn(part, name);
  const declares = (schema: unknown) => isParsed(schema) && 'properties' in schema && holds(schema.properties);
  const schema = request.routeOptions.schema;
  const parts = [
    ['body', request.body, schema?.body],
    ['querystring', request.query, schema?.querystring],
    ['params', request.params, schema?.params],
  ] as const;
  return (parts.find(([, value]) => holds(value)) ?? parts.find(([, , declared]) => declares(declared)))?.[0];
}

/**
 * A service's field (`person.birthDate`, `when.all[0].op`) as a path from the root of the request, as the schema
 * check writes its own (`body.person.birthDate`, `body.when.all.0.op`): one kind of path in every error answer.
 */
export function requestField(field: string, request: FastifyRequest): string {
  const path = field.replace(/\[(\d+)\]/g, '.$1');
  const first = path.split('.', 1)[0]!;
  if (roots.has(first)) return path;
  const root = rootOf(first, request);
  return root === undefined ? path : `${root}.${path}`;
}

function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, message: string, field?: string) {
  const status = httpStatusByCode[code];
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(field === undefined ? {} : { field }), requestId: request.id } });
}

export function installErrorHandling(app: App): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (httpStatusByCode[error.code] >= 500) request.log.error({ err: error }, error.message);
      const field = error.location?.field;
      const path = field === undefined ? undefined : requestField(field, request);
      return send(reply, request, error.code, error.message, path);
    }
    if (error.validation !== undefined) {
      const field = validationField(error);
      const first = error.validation[0];
      const message = first === undefined ? error.message : `${field ?? 'request'}: ${first.message ?? 'is invalid'}`;
      return send(reply, request, 'request.invalid', message, field);
    }
    const mapped = error.code === undefined ? undefined : fastifyCodes[error.code];
    if (mapped !== undefined) return send(reply, request, mapped, error.message);
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode === 404 ? 'resource.not_found' : 'request.invalid', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, 'internal.error', `internal error; quote request id ${request.id} to an administrator`);
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, 'resource.not_found', 'not found'));
}
