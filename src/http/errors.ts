/**
 * The one error handler: every error response has the shape `{ error: { code, message, field?, requestId } }`.
 * Unexpected errors become a 500 that carries only the request id; the stack goes to the log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.js';
import { Type } from 'typebox';
import { AppError, type ErrorCode } from '../errors.js';
import { httpStatusByCode } from './error-map.js';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable error code, e.g. request.invalid' }),
      message: Type.String(),
      field: Type.Optional(Type.String({ description: 'the input field at fault, as a JSON path' })),
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
      return send(reply, request, error.code, error.message, error.location?.field);
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
