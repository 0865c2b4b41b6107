/**
 * Bodies that are files or messages, not JSON: they reach the handler as the request stream (an import streams it
 * into the database; a message is read into memory up to its limit), never parsed or buffered by the framework.
 * A route that takes such a body declares `config.rawBody`: a body of another type is refused (415) before anything
 * reads it, since its parser would buffer up to the route's limit (2 GiB for an import) only to be refused after.
 * A route that takes JSON refuses these types (415) in turn: its schema check would otherwise see the unread stream.
 */
import { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import type { App } from './app.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its body as a stream of one of rawBodyTypes; any other type is refused with 415. */
    rawBody?: boolean;
  }
}

export const rawBodyTypes = [
  'application/edifact',
  'application/x-edifact',
  'application/x-ndjson',
  'application/jsonl',
  'text/csv',
  'text/plain',
  'application/octet-stream',
];

/** The media type of a Content-Type header, without its parameters, in lower case. */
function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';', 1)[0]!.trim().toLowerCase();
  return type === undefined || type.length === 0 ? undefined : type;
}

/** The request body of a route that declares `rawBody`, as its OpenAPI description shows it: bytes of any raw type. */
export const rawBodyDocument = {
  content: Object.fromEntries(rawBodyTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
};

function unsupported(type: string | undefined): AppError {
  return new AppError(
    'request.unsupported_media_type',
    `the body must be sent as a file or message (${rawBodyTypes.join(', ')}), not ${type ?? 'without a content type'}`,
    { location: { field: 'headers.content-type' } },
  );
}

function notJson(type: string): AppError {
  return new AppError('request.unsupported_media_type', `the body must be sent as application/json, not ${type}`, {
    location: { field: 'headers.content-type' },
  });
}

export function installRawBodies(app: App): void {
  app.addContentTypeParser(rawBodyTypes, (_request, payload, done) => {
    done(null, payload);
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const type = mediaType(request.headers['content-type']);
    if (request.routeOptions.config.rawBody === true) {
      if (type === undefined || !rawBodyTypes.includes(type)) throw unsupported(type);
    } else if (request.routeOptions.schema?.body !== undefined && type !== undefined && rawBodyTypes.includes(type)) {
      // A route that takes no body (a sign-out) ignores one, whatever its type: only a JSON route is refused.
      throw notJson(type);
    }
    return payload;
  });
}

/** Reads a raw body into memory, refusing more than `limit` bytes with 413 and a body parsed as JSON with 415. */
export async function readRawBody(body: unknown, limit: number): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  // Anything else was parsed (JSON) on a route that did not declare `rawBody`: the wrong type, not a bad body.
  if (!(body instanceof Readable)) throw unsupported('application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new AppError('request.too_large', `the body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
