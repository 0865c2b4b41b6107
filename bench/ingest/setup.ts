/**
 * Ingest benchmark setup: a migrated store per backend (in-memory PGlite, or a scratch database on a PostgreSQL
 * server that is dropped afterwards), the services, and a synthetic watchlist loaded through the real importer and
 * then into the screening index — the state a server is in when messages start to arrive.
 */
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openEmbedded, openServer, type Store } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createServices, type Services } from '../../src/services.js';
import { documents } from '../../src/synth/documents.js';
import { persons } from '../../src/synth/persons.js';
import { writeDocumentsCsv, writePersonsFtm } from '../../src/synth/writers.js';

export const operator = { kind: 'operator' as const, id: 'operator:bench', name: 'bench (ingest)', country: undefined };
export const noRequest = { ip: null, requestId: null };

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  readonly store: Store;
  readonly services: Services;
  /** The scratch database's URL on a PostgreSQL server (other server processes connect to it). */
  readonly url?: string;
  /** Closes the store and drops a scratch database. */
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Opens and migrates a store: `pglite` in memory, or a new database `lodestar_ingest_<pid>` on the server. */
export async function openBackend(name: Backend['name'], pgUrl: string): Promise<Backend> {
  const config = loadConfig({
    LODESTAR_LOG_LEVEL: 'silent',
    LODESTAR_SCREENING_THREAD: process.env.LODESTAR_SCREENING_THREAD,
  });
  if (name === 'pglite') {
    const store = await openEmbedded('memory://');
    await migrateToLatest(store.db);
    const services = createServices(store, config);
    return {
      name,
      store,
      services,
      async close() {
        await services.index.close();
        await store.close();
      },
    };
  }
  const database = `lodestar_ingest_${process.pid}`;
  await admin(pgUrl, `drop database if exists ${database}`);
  await admin(pgUrl, `create database ${database}`);
  const url = withDatabase(pgUrl, database);
  const store = await openServer(url, 10);
  await migrateToLatest(store.db);
  const services = createServices(store, config);
  return {
    name,
    store,
    url,
    services,
    async close() {
      await services.index.close();
      await store.close();
      await admin(pgUrl, `drop database if exists ${database} with (force)`);
    },
  };
}

/** What was loaded into the watchlists, and how long it took. */
export interface WatchlistLoad {
  readonly persons: number;
  readonly documents: number;
  readonly importSeconds: number;
  readonly indexSeconds: number;
}

async function importInto(
  services: Services,
  listId: string,
  format: 'ftm' | 'sltd',
  write: (out: PassThrough) => Promise<number>,
): Promise<number> {
  const pass = new PassThrough();
  const [summary] = await Promise.all([
    services.imports.importStream(operator, listId, pass, { format }, noRequest),
    write(pass).then(() => pass.end()),
  ]);
  if (summary.rejected > 0) throw new Error(`${listId}: ${summary.rejected} rows rejected`);
  return summary.inserted;
}

// `synth/documents.ts` can repeat a number: a batch of stolen blanks whose base number ends in a letter does not
// count up (JL0PU90UV ×4 for seed 1). The importer then fails the whole batch of 1,000 with "ON CONFLICT DO UPDATE
// command cannot affect row a second time"; the bench loads each number once.
function* uniqueDocuments(seed: number, count: number) {
  const seen = new Set<string>();
  for (const d of documents(seed, count)) {
    const key = `${d.number}|${d.issuingState}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield d;
  }
}

/** Creates a person list and a document list owned by NLD and fills them with `synth` persons and documents. */
export async function loadWatchlist(
  services: Services,
  seed: number,
  personCount: number,
  documentCount: number,
): Promise<WatchlistLoad> {
  const started = performance.now();
  await services.watchlists.create(
    operator,
    { id: 'bench-persons', name: 'Synthetic persons', kind: 'persons', ownerCountry: 'NLD' },
    noRequest,
  );
  await services.watchlists.create(
    operator,
    { id: 'bench-documents', name: 'Synthetic SLTD', kind: 'documents', ownerCountry: 'NLD' },
    noRequest,
  );
  const p = await importInto(services, 'bench-persons', 'ftm', (out) =>
    writePersonsFtm(out, persons(seed, personCount)),
  );
  const d =
    documentCount === 0
      ? 0
      : await importInto(services, 'bench-documents', 'sltd', (out) =>
          writeDocumentsCsv(out, uniqueDocuments(seed, documentCount)),
        );
  const imported = performance.now();
  await services.index.load();
  return {
    persons: p,
    documents: d,
    importSeconds: (imported - started) / 1000,
    indexSeconds: (performance.now() - imported) / 1000,
  };
}

/**
 * Workers per process and batch size as `lodestar serve` reads them for this backend: LODESTAR_INGEST_CONCURRENCY and
 * LODESTAR_INGEST_BATCH when set, else its defaults.
 */
export function ingestSettings(url: string | undefined): [number, number] {
  const config = loadConfig({ ...process.env, DATABASE_URL: url ?? '', LODESTAR_LOG_LEVEL: 'silent' });
  return [config.ingestConcurrency, config.ingestBatch];
}
