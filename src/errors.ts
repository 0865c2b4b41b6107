/**
 * Lodestar's one error type. Domain and service code throws `AppError` with a stable code; the HTTP layer maps
 * the code to a status in one table (`src/http/error-map.ts`) and the CLI prints the message on one line.
 */

/** Every stable error code, with what it means. Adding a code here forces a status in the HTTP table. */
export const errorCodes = {
  /** The environment or a command-line flag holds a value Lodestar cannot use. */
  'config.invalid': 'invalid configuration',
  /** The database server could not be reached or refused the connection. */
  'db.unreachable': 'database unreachable',
  /** The embedded database's data directory cannot be created, written or locked. */
  'db.data_dir': 'data directory unusable',
  /** The database schema is older or newer than this build expects. */
  'db.migrations_pending': 'database migrations not applied',
  /** The HTTP server could not listen on the requested address. */
  'server.listen': 'cannot listen',
  /** A request (body, query, path or header) failed validation. */
  'request.invalid': 'invalid request',
  /** A request body is larger than the configured limit. */
  'request.too_large': 'request too large',
  /** A request body is not in a media type the route accepts. */
  'request.unsupported_media_type': 'unsupported media type',
  /** No route, or no record the caller may see (the policy never tells the two apart). */
  'resource.not_found': 'not found',
  /** The request conflicts with the current state of a record. */
  'resource.conflict': 'conflict',
  /** The caller is not authenticated. */
  'auth.required': 'authentication required',
  /** The caller is authenticated but may not do this. */
  'auth.forbidden': 'forbidden',
  /** Too many requests from this caller in the current window. */
  'rate.limited': 'rate limited',
  /** The screening index is still being read from the database (a server starting): try again shortly. */
  'screening.loading': 'screening index loading',
  /** A background job could not be queued or run. */
  'job.failed': 'job failed',
  /** Something unexpected: a bug or an outage. The client sees only a correlation id. */
  'internal.error': 'internal error',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** Where in an input the problem was found: a file line, a message segment, a field. */
export interface ErrorLocation {
  readonly field?: string;
  readonly line?: number;
  readonly segment?: number;
  readonly tag?: string;
  readonly offset?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly location: ErrorLocation | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { location?: ErrorLocation; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.location = options.location;
    this.details = options.details;
  }
}

/** True when `error` is an AppError, optionally of the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
