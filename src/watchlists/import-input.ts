/**
 * The file an import reads, watched from the moment the import is asked for: its bytes counted for the progress
 * bar, and why it stopped short if it did (an upload cut off, a file that could not be read, an interruption).
 */
import { Transform, type Readable } from 'node:stream';

/** The file an import reads, as it reads it. */
export interface ImportInput {
  /** The file's bytes, counted as they pass. */
  readonly stream: Readable;
  readonly bytes: () => number;
  /** Why the input stopped short (an upload cut off, a file that could not be read, an interruption), once it did. */
  readonly error: () => Error | undefined;
  /** Stops watching the abort signal. */
  readonly release: () => void;
}

/**
 * Watches `input` from the start, before the import awaits anything: an upload cut off early must not be an
 * unhandled error. Bytes are counted as they pass, not by a 'data' listener, which would let the input flow away
 * while the import waits for its lock.
 */
export function watchInput(input: Readable, signal: AbortSignal | undefined): ImportInput {
  let bytes = 0;
  let failed: Error | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const stop = (error: Error) => {
    failed ??= error;
    stream.destroy(error);
  };
  input.on('error', stop);
  // The import learns of it through error() and its reading; until it reads (while it waits for its lock), an error
  // emitted with no one listening would end the process.
  stream.on('error', () => undefined);
  const abort = () => stop(signal?.reason instanceof Error ? signal.reason : new Error('interrupted'));
  if (signal?.aborted === true) abort();
  signal?.addEventListener('abort', abort, { once: true });
  input.pipe(stream);
  return {
    stream,
    bytes: () => bytes,
    error: () => failed,
    release: () => signal?.removeEventListener('abort', abort),
  };
}
