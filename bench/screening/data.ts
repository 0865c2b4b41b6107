/**
 * The benchmark's data, all from `src/synth` with one seed: listed persons as the server indexes them (the
 * FollowTheMoney line the synth writer emits, parsed by the importer's own parser, mapped by `toPersonRecord`),
 * stolen/lost documents as `WatchlistIndex` indexes them, and queries as a border check sends them.
 */
import { DocumentIndex } from '../../src/screening/document-index.js';
import { ScreeningEngine } from '../../src/screening/engine.js';
import type { PersonQuery, PersonRecord } from '../../src/screening/types.js';
import { toPersonRecord } from '../../src/screening/watchlist-index.js';
import { documents } from '../../src/synth/documents.js';
import { personAt } from '../../src/synth/persons.js';
import { queryAt, type SynthQuery } from '../../src/synth/queries.js';
import { ftmEntity } from '../../src/synth/writers.js';
import { parseFtmLine } from '../../src/watchlists/formats.js';

const epoch = new Date(0);

/** Person `index` of `seed` exactly as an FtM import would store it and the index would load it. */
export function personRecord(seed: number, index: number): PersonRecord {
  const parsed = parseFtmLine(JSON.stringify(ftmEntity(personAt(seed, index))));
  if (parsed.kind !== 'person') throw new Error(`synthetic person ${index} did not parse as a person`);
  return toPersonRecord({ ...parsed, key: index, listId: 'bench', ownerCountry: 'FRA', updatedAt: epoch }, index);
}

/** A synthetic query as the engine's person query (the fields a border check sends). */
export function personQuery(q: SynthQuery): PersonQuery {
  return {
    names: [q.name],
    birthDate: q.birthDate === '' ? undefined : q.birthDate,
    nationality: q.nationality === '' ? undefined : q.nationality,
    gender: q.gender === '' ? undefined : q.gender,
    documents:
      q.documentNumber === ''
        ? undefined
        : [{ number: q.documentNumber, country: q.documentCountry === '' ? undefined : q.documentCountry }],
  };
}

/** A flight traveller as ingestion screens it (src/travel/ingest-alerts.ts): given names then surname. */
export function travellerQuery(t: SynthQuery): PersonQuery {
  return {
    names: [`${t.givenNames} ${t.surname}`.trim()],
    birthDate: t.birthDate === '' ? undefined : t.birthDate,
    nationality: t.nationality === '' ? undefined : t.nationality,
    gender: t.gender === '' ? undefined : t.gender,
    documents:
      t.documentNumber === ''
        ? []
        : [{ number: t.documentNumber, country: t.documentCountry === '' ? undefined : t.documentCountry }],
  };
}

/** The same query with its name only (what a trigram search sees). */
export function nameOnly(q: SynthQuery): PersonQuery {
  return { names: [q.name] };
}

/** Queries 0 … count-1 of `seed` against the first `personCount` persons. */
export function synthQueries(seed: number, count: number, personCount: number): SynthQuery[] {
  const out: SynthQuery[] = [];
  for (let i = 0; i < count; i++) out.push(queryAt(seed, i, { personCount }));
  return out;
}

export interface BuildTimes {
  /** Generating and parsing the synthetic rows (not part of an index build in production). */
  generateSeconds: number;
  /** Inside `ScreeningEngine.add` / `compact` and `DocumentIndex.add` only. */
  indexPersonsSeconds: number;
  indexDocumentsSeconds: number;
}

const chunk = 10_000;

/**
 * Builds the person engine and the stolen/lost document index, timing generation and indexing apart: rows are
 * generated a chunk at a time, then added, so only the chunk is ever held besides the index.
 */
export function buildIndexes(
  seed: number,
  personCount: number,
  documentCount: number,
  progress?: (what: string, done: number, total: number) => void,
): { engine: ScreeningEngine; sltd: DocumentIndex; times: BuildTimes } {
  const times: BuildTimes = { generateSeconds: 0, indexPersonsSeconds: 0, indexDocumentsSeconds: 0 };
  const engine = new ScreeningEngine({ expectedPersons: personCount });
  const records: PersonRecord[] = [];
  for (let start = 0; start < personCount; start += chunk) {
    const t0 = performance.now();
    const end = Math.min(personCount, start + chunk);
    records.length = 0;
    for (let i = start; i < end; i++) records.push(personRecord(seed, i));
    const t1 = performance.now();
    for (const r of records) engine.add(r);
    const t2 = performance.now();
    times.generateSeconds += (t1 - t0) / 1000;
    times.indexPersonsSeconds += (t2 - t1) / 1000;
    if (end % 100_000 === 0 || end === personCount) progress?.('persons', end, personCount);
  }
  records.length = 0;
  const t0 = performance.now();
  engine.compact();
  times.indexPersonsSeconds += (performance.now() - t0) / 1000;

  // Each listed document is its own entry (key = its index), as WatchlistIndex.putDocument does.
  const sltd = new DocumentIndex();
  const batch: { number: string; country: string; type: string }[] = [];
  const docChunk = 100_000;
  let key = 0;
  let t = performance.now();
  for (const d of documents(seed, documentCount)) {
    batch.push({ number: d.number, country: d.issuingState, type: d.type });
    if (batch.length === docChunk) {
      key = addDocuments(sltd, batch, key, times, t);
      if (key % 1_000_000 === 0 && key < documentCount) progress?.('documents', key, documentCount);
      t = performance.now();
    }
  }
  addDocuments(sltd, batch, key, times, t);
  progress?.('documents', documentCount, documentCount);
  return { engine, sltd, times };
}

function addDocuments(
  sltd: DocumentIndex,
  batch: { number: string; country: string; type: string }[],
  key: number,
  times: BuildTimes,
  generatedSince: number,
): number {
  const t1 = performance.now();
  for (const d of batch) sltd.add(key++, [d]);
  times.generateSeconds += (t1 - generatedSince) / 1000;
  times.indexDocumentsSeconds += (performance.now() - t1) / 1000;
  batch.length = 0;
  return key;
}
