/**
 * The `synth watchlist` use case: writes persons, stolen/lost documents and queries of one seed into a directory,
 * one file at a time (the machine's cores are shared), and reports progress and a summary.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { documents } from './documents.js';
import { persons } from './persons.js';
import { queries } from './queries.js';
import { writeDocumentsCsv, writePersonsCsv, writePersonsFtm, writeQueriesCsv } from './writers.js';

export interface WatchlistOptions {
  readonly dir: string;
  readonly persons: number;
  readonly documents: number;
  readonly queries: number;
  readonly seed: number;
  readonly format: 'ftm' | 'csv';
  /** Called now and then while a file is written. */
  readonly onProgress?: (file: string, written: number, total: number) => void;
}

export interface WatchlistSummary {
  readonly files: readonly { readonly path: string; readonly rows: number; readonly millis: number }[];
  readonly millis: number;
}

async function toFile(file: string, write: (out: Writable) => Promise<number>) {
  const started = performance.now();
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const rows = await write(out);
  out.end();
  await finished(out);
  return { path: file, rows, millis: Math.round(performance.now() - started) };
}

/** Generates a synthetic watchlist and its queries into `options.dir` (created if missing). */
export async function generateWatchlist(options: WatchlistOptions): Promise<WatchlistSummary> {
  const started = performance.now();
  await mkdir(options.dir, { recursive: true });
  const { seed } = options;
  const report = (file: string, total: number) => (n: number) => options.onProgress?.(file, n, total);
  const personFile = options.format === 'ftm' ? 'persons.ftm.jsonl' : 'persons.csv';
  const files = [];
  files.push(
    await toFile(path.join(options.dir, personFile), (out) =>
      options.format === 'ftm'
        ? writePersonsFtm(out, persons(seed, options.persons), report(personFile, options.persons))
        : writePersonsCsv(out, persons(seed, options.persons), report(personFile, options.persons)),
    ),
  );
  files.push(
    await toFile(path.join(options.dir, 'documents.csv'), (out) =>
      writeDocumentsCsv(out, documents(seed, options.documents), report('documents.csv', options.documents)),
    ),
  );
  files.push(
    await toFile(path.join(options.dir, 'queries.csv'), (out) =>
      writeQueriesCsv(
        out,
        queries(seed, options.queries, { personCount: options.persons }),
        report('queries.csv', options.queries),
      ),
    ),
  );
  return { files, millis: Math.round(performance.now() - started) };
}
