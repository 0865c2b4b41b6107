/** The one table from error codes to HTTP statuses. */
import type { ErrorCode } from '../errors.js';

export const httpStatusByCode: Readonly<Record<ErrorCode, number>> = {
  'config.invalid': 500,
  'db.unreachable': 503,
  'db.data_dir': 500,
  'db.migrations_pending': 503,
  'server.listen': 500,
  'request.invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'resource.not_found': 404,
  'resource.conflict': 409,
  'auth.required': 401,
  'auth.forbidden': 403,
  'rate.limited': 429,
  'screening.loading': 503,
  'job.failed': 500,
  'internal.error': 500,
};
