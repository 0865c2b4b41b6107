/**
 * Streaming writers for synthetic data: FollowTheMoney JSON lines and CSV for persons, the stolen/lost document
 * CSV and the queries CSV. Rows are gathered into chunks of about 256 KB and written with backpressure (a full
 * stream is awaited on 'drain'), so memory stays flat however many rows are written.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { findCountry } from '../countries/countries.js';
import type { SltdDocument } from './documents.js';
import type { NoticeType, SynthPerson } from './persons.js';
import type { SynthQuery } from './queries.js';

const CHUNK = 256 * 1024;
/** Rows between two progress callbacks. */
const PROGRESS_EVERY = 65536;

/** Buffers text and writes it in chunks, waiting for 'drain' when the stream asks to. */
export class ChunkedWriter {
  private buffer = '';
  constructor(private readonly out: Writable) {}

  /** Appends text; returns a promise only when a chunk was written and the stream is full. */
  push(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= CHUNK ? this.flush() : undefined;
  }

  /** Writes what is buffered and waits for 'drain' if needed. */
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** A CSV field, quoted when it holds a comma, quote, line break or edge space (RFC 4180). */
export function csvField(value: string): string {
  if (value === '') return '';
  if (!/[",\r\n]/.test(value) && value.trim() === value) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

/** A CSV row from fields. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

async function writeRows<T>(
  out: Writable,
  header: string | undefined,
  rows: Iterable<T>,
  format: (row: T) => string,
  progress?: (written: number) => void,
): Promise<number> {
  const writer = new ChunkedWriter(out);
  if (header !== undefined) await writer.push(header);
  let n = 0;
  for (const row of rows) {
    const pending = writer.push(format(row));
    if (pending !== undefined) await pending;
    if (++n % PROGRESS_EVERY === 0) progress?.(n);
  }
  await writer.flush();
  progress?.(n);
  return n;
}

/** FollowTheMoney topics by notice type. */
const topics: Readonly<Record<NoticeType, readonly string[]>> = {
  red: ['wanted', 'crime.traffick.human'],
  diffusion: ['wanted'],
  yellow: ['poi'],
  blue: ['poi'],
  green: ['crime', 'poi'],
};

const noticeNote: Readonly<Record<NoticeType, string>> = {
  red: 'Red notice: wanted for arrest (synthetic record)',
  yellow: 'Yellow notice: missing person (synthetic record)',
  blue: 'Blue notice: identity and whereabouts sought (synthetic record)',
  green: 'Green notice: warning about a repeat offender (synthetic record)',
  diffusion: 'Diffusion: request from a member country (synthetic record)',
};

/** A nationality as FollowTheMoney writes it: lower-case ISO alpha-2 where one exists. */
export function ftmCountry(code: string): string {
  return (findCountry(code)?.alpha2 ?? code).toLowerCase();
}

/** The FollowTheMoney `Person` entity of a synthetic person. */
export function ftmEntity(p: SynthPerson): object {
  const notes = [noticeNote[p.noticeType], `Owner: ${p.ownerCountry}`];
  if (p.restrictedTo.length > 0) notes.push(`Restricted to: ${p.restrictedTo.join(', ')}`);
  return {
    id: p.id,
    schema: 'Person',
    properties: {
      name: [p.name],
      alias: p.aliases,
      weakAlias: p.weakAliases,
      previousName: p.previousNames,
      birthDate: [p.birthDate],
      nationality: p.nationalities.map(ftmCountry),
      gender: [p.gender],
      passportNumber: p.documents.filter((d) => d.type === 'P').map((d) => d.number),
      idNumber: p.documents.filter((d) => d.type === 'ID').map((d) => d.number),
      topics: topics[p.noticeType],
      notes,
    },
    datasets: ['lodestar-synth'],
  };
}

/** Writes persons as FollowTheMoney JSON lines; resolves to the number written. */
export function writePersonsFtm(
  out: Writable,
  persons: Iterable<SynthPerson>,
  progress?: (n: number) => void,
): Promise<number> {
  return writeRows(out, undefined, persons, (p) => `${JSON.stringify(ftmEntity(p))}\n`, progress);
}

export const personCsvHeader =
  'id,name,aliases,birthDate,nationality,gender,documentNumber,documentCountry,noticeType,ownerCountry,restrictedTo';

/** Writes persons as CSV (multi-valued cells joined with `|`); resolves to the number written. */
export function writePersonsCsv(
  out: Writable,
  persons: Iterable<SynthPerson>,
  progress?: (n: number) => void,
): Promise<number> {
  const row = (p: SynthPerson) =>
    csvRow([
      p.id,
      p.name,
      [...p.aliases, ...p.previousNames, ...p.weakAliases].join('|'),
      p.birthDate,
      p.nationalities.join('|'),
      p.gender,
      p.documents.map((d) => d.number).join('|'),
      p.documents.map((d) => d.country).join('|'),
      p.noticeType,
      p.ownerCountry,
      p.restrictedTo.join('|'),
    ]);
  return writeRows(out, `${personCsvHeader}\n`, persons, row, progress);
}

export const documentCsvHeader = 'number,type,issuingState,status,reportedAt,ownerCountry,reference';

/** Writes stolen/lost documents as CSV; every field is plain ASCII without separators, so none is quoted. */
export function writeDocumentsCsv(
  out: Writable,
  documents: Iterable<Readonly<SltdDocument>>,
  progress?: (n: number) => void,
): Promise<number> {
  const row = (d: Readonly<SltdDocument>) =>
    `${d.number},${d.type},${d.issuingState},${d.status},${d.reportedAt},${d.ownerCountry},${d.reference}\n`;
  return writeRows(out, `${documentCsvHeader}\n`, documents, row, progress);
}

export const queryCsvHeader =
  'id,name,birthDate,nationality,gender,documentNumber,documentCountry,expected_ids,script,variant_kind';

/** Writes queries as CSV (expected ids joined with `|`, empty for a non-match). */
export function writeQueriesCsv(
  out: Writable,
  queries: Iterable<SynthQuery>,
  progress?: (n: number) => void,
): Promise<number> {
  const row = (q: SynthQuery) =>
    csvRow([
      q.id,
      q.name,
      q.birthDate,
      q.nationality,
      q.gender,
      q.documentNumber,
      q.documentCountry,
      q.expectedIds.join('|'),
      q.script,
      q.variantKind,
    ]);
  return writeRows(out, `${queryCsvHeader}\n`, queries, row, progress);
}
