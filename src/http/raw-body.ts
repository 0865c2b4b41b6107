/**
 * Bodies that are files or messages, not JSON: they reach the handler as the request stream (an import streams it
 * into the database; a message is read into memory up to its limit), never parsed or buffered by the framework.
 */
import { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import type { App } from './app.js';

export const rawBodyTypes = [
  'application/edifact',
  'application/x-edifact',
  'application/x-ndjson',
  'application/jsonl',
  'text/csv',
  'text/plain',
  'application/octet-stream',
];

export function installRawBodies(app: App): void {
  app.addContentTypeParser(rawBodyTypes, (_request, payload, done) => {
    done(null, payload);
  });
}

/** Reads a raw body into memory, refusing more than `limit` bytes with 413. */
export async function readRawBody(body: unknown, limit: number): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const chunks: Buffer[] = [];
  let size = 0;
  if (!(body instanceof Readable))
    throw new AppError('request.invalid', 'the body could not be read', { location: { field: 'body' } });
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new AppError('request.too_large', `the body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
