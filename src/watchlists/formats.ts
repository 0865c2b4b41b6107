/**
 * The import formats, row by row: FollowTheMoney JSON lines, a person CSV and a stolen/lost document CSV. Each
 * mapper turns one raw row into a clean entry (or a skip, for FollowTheMoney schemata that are not persons) and
 * throws `RowError` naming the field otherwise.
 */
import { nationalityKey } from '../countries/countries.js';
import { ftmSchemata } from './ftm-schemata.js';
import { likelyMeant } from './spelling.js';
import {
  RowError,
  cleanCountry,
  cleanDate,
  cleanDocumentNumber,
  cleanFullDate,
  cleanGender,
  cleanId,
  cleanName,
  cleanNoticeType,
  cleanState,
  cleanStatus,
  cleanText,
  distinct,
  type AliasKind,
  type DocumentInput,
  type PersonDocument,
  type PersonInput,
} from './entries.js';

export const importFormats = ['ftm', 'csv', 'sltd'] as const;
export type ImportFormat = (typeof importFormats)[number];

export type ParsedRow = PersonInput | DocumentInput | { readonly kind: 'skipped'; readonly schema: string };

/** Columns of the person CSV; multi-valued cells separate values with `|`. */
export const personCsvColumns = [
  'id',
  'name',
  'aliases',
  'birthDate',
  'nationality',
  'gender',
  'documentNumber',
  'documentCountry',
  'noticeType',
  'ownerCountry',
  'restrictedTo',
  'reference',
  'remarks',
] as const;
export const personCsvRequired = ['id', 'name'] as const;

/** Columns of the stolen/lost document CSV. */
export const documentCsvColumns = [
  'number',
  'type',
  'issuingState',
  'status',
  'reportedAt',
  'ownerCountry',
  'reference',
] as const;
export const documentCsvRequired = ['number', 'issuingState', 'status'] as const;

/** A name as a reason can quote it: cut at 50 characters, NUL and unpaired surrogates as U+FFFD. */
function quoted(name: string): string {
  const cut = name.replaceAll('\0', '\uFFFD').slice(0, 50) as string & { toWellFormed(): string };
  return `"${cut.toWellFormed()}"${name.length > 50 ? '…' : ''}`;
}

/**
 * A warning for each column of a CSV header that the format does not read, naming the column it most likely meant:
 * its values would otherwise be lost without a word (a birthdate column leaves every person without a birth date).
 */
export function unknownColumnWarnings(header: readonly string[], known: readonly string[]): string[] {
  const warnings: string[] = [];
  header.forEach((name, i) => {
    if (known.includes(name)) return;
    if (name === '') {
      warnings.push(`header: column ${i + 1} has no name: its values are not read`);
      return;
    }
    const meant = likelyMeant(name, known);
    warnings.push(
      meant === undefined
        ? `header: column ${quoted(name)} is not a column of this format: its values are not read (the columns are ${known.join(', ')})`
        : `header: column ${quoted(name)} is not a column of this format: its values are not read (did you mean ${meant}?)`,
    );
  });
  return warnings;
}

function values(raw: unknown, field: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new RowError(`properties.${field}`, 'must be a list of strings');
  return raw.map((v) => {
    if (typeof v !== 'string') throw new RowError(`properties.${field}`, 'must be a list of strings');
    return v;
  });
}

function splitCell(cell: string | undefined): string[] {
  return (cell ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function optional(cell: string | undefined): string | null {
  const value = cell?.trim() ?? '';
  return value === '' ? null : value.slice(0, 2000);
}

/**
 * A person's document number as listed. Lists write them loosely ("#H0044232", "D000000483,"): the letters and
 * digits are kept; a value with too few of them to be a number is dropped with a warning, not the person.
 */
function personDocumentNumber(raw: string, field: string, warnings: string[]): string | undefined {
  const number = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // Too short to identify a document ("B", "No."), unless it holds digits; some states issue letters-only numbers.
  if (number.length > 40 || number.length < 4 || (number.length < 6 && !/\d/.test(number))) {
    warnings.push(`${field}: "${raw.slice(0, 40)}" is not a document number: dropped`);
    return undefined;
  }
  if (number !== raw.toUpperCase().replace(/[\s\-./]/g, ''))
    warnings.push(`${field}: "${raw.slice(0, 40)}" read as ${number}`);
  return number;
}

/**
 * Nationalities that are known, canonical; an unknown code (a historical one such as FollowTheMoney's `suhh` for
 * the Soviet Union) does not lose the person: it is dropped with a warning.
 */
function nationalitiesOf(raw: readonly string[], field: string, warnings: string[]): string[] {
  const out: string[] = [];
  for (const code of raw) {
    try {
      out.push(cleanCountry(code, field));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      warnings.push(`${error.message}: dropped`);
    }
  }
  return distinct(out);
}

/** One FollowTheMoney entity (a JSON line) as an entry, or a skip for another schema; `warnings` collects what was dropped. */
export function parseFtmLine(line: string, warnings: string[] = []): ParsedRow {
  let entity: unknown;
  try {
    entity = JSON.parse(line);
  } catch (error) {
    throw new RowError('json', `not valid JSON (${(error as Error).message.slice(0, 80)})`);
  }
  if (typeof entity !== 'object' || entity === null || Array.isArray(entity))
    throw new RowError('json', 'expected a JSON object');
  const record = entity as { id?: unknown; schema?: unknown; properties?: unknown };
  if (typeof record.schema !== 'string') throw new RowError('schema', 'is missing');
  if (record.schema !== 'Person') {
    if (ftmSchemata.has(record.schema)) return { kind: 'skipped', schema: record.schema };
    const meant = likelyMeant(record.schema, ftmSchemata);
    throw new RowError(
      'schema',
      `unknown ${quoted(record.schema)}${meant === undefined ? ' (not a FollowTheMoney schema)' : ` (did you mean ${meant}?)`}`,
    );
  }
  if (typeof record.id !== 'string') throw new RowError('id', 'is missing');
  const entityId = cleanId(record.id, 'id');
  const props = (record.properties ?? {}) as Record<string, unknown>;
  if (typeof props !== 'object' || Array.isArray(props)) throw new RowError('properties', 'must be an object');

  let names = values(props.name, 'name').map((n) => cleanName(n, 'properties.name'));
  if (names.length === 0) {
    // No full name: compose one from its parts, given names first as FollowTheMoney's own rule does.
    const parts = ['firstName', 'middleName', 'fatherName', 'lastName'].flatMap((f) => values(props[f], f));
    if (parts.length > 0) names = [cleanName(parts.join(' '), 'properties.firstName/lastName')];
  }
  const [name, ...otherNames] = distinct(names);
  if (name === undefined) throw new RowError('properties.name', 'the person has no name');
  const aliases: { name: string; kind: AliasKind }[] = otherNames.map((n) => ({ name: n, kind: 'alias' }));
  for (const kind of ['alias', 'weakAlias', 'previousName'] as const) {
    for (const alias of values(props[kind], kind)) {
      const clean = cleanName(alias, `properties.${kind}`);
      if (clean !== name && !aliases.some((a) => a.name === clean)) aliases.push({ name: clean, kind });
    }
  }
  const documents: PersonDocument[] = [];
  for (const [field, type] of [
    ['passportNumber', 'P'],
    ['idNumber', 'ID'],
  ] as const) {
    for (const number of values(props[field], field)) {
      const clean = personDocumentNumber(number, `properties.${field}`, warnings);
      if (clean !== undefined) documents.push({ number: clean, type, country: null });
    }
  }
  const nationalities = nationalitiesOf(
    [...values(props.nationality, 'nationality'), ...values(props.citizenship, 'citizenship')],
    'properties.nationality',
    warnings,
  );
  const genders = values(props.gender, 'gender');
  return {
    kind: 'person',
    entityId,
    name,
    aliases,
    birthDates: distinct(values(props.birthDate, 'birthDate').map((d) => cleanDate(d, 'properties.birthDate'))),
    nationalities,
    gender: cleanGender(genders[0], 'properties.gender'),
    documents,
    noticeType: null,
    ownerCountry: null,
    restrictedTo: [],
    reference: null,
    remarks: cleanText(values(props.notes, 'notes').join(' '), 'properties.notes'),
  };
}

/** One row of the person CSV as an entry. */
export function parsePersonCsvRow(row: Readonly<Record<string, string>>, warnings: string[] = []): PersonInput {
  const name = cleanName(row.name ?? '', 'name');
  const aliases = distinct(splitCell(row.aliases).map((a) => cleanName(a, 'aliases')))
    .filter((a) => a !== name)
    .map((a) => ({ name: a, kind: 'alias' as const }));
  const numbers = splitCell(row.documentNumber);
  const countries = splitCell(row.documentCountry);
  return {
    kind: 'person',
    entityId: cleanId(row.id ?? '', 'id'),
    name,
    aliases,
    birthDates: distinct(splitCell(row.birthDate).map((d) => cleanDate(d, 'birthDate'))),
    nationalities: nationalitiesOf(splitCell(row.nationality), 'nationality', warnings),
    gender: cleanGender(row.gender, 'gender'),
    documents: numbers.flatMap((n, i) => {
      const country = countries[i] ?? countries[0];
      const number = personDocumentNumber(n, 'documentNumber', warnings);
      return number === undefined
        ? []
        : [{ number, type: null, country: country === undefined ? null : cleanCountry(country, 'documentCountry') }];
    }),
    noticeType: cleanNoticeType(row.noticeType, 'noticeType'),
    ownerCountry: optional(row.ownerCountry) === null ? null : cleanState(row.ownerCountry!, 'ownerCountry'),
    restrictedTo: distinct(splitCell(row.restrictedTo).map((c) => cleanState(c, 'restrictedTo'))),
    reference: cleanText(row.reference ?? '', 'reference'),
    remarks: cleanText(row.remarks ?? '', 'remarks'),
  };
}

/**
 * A stolen/lost document row's id: its issuing state and number, each as stored (throws RowError if either is bad).
 * The state is stored by its nationality key (D as DEU, GBD as GBR), as screening compares it: the same document is
 * one entry whichever code a list writes for its state, and importing it again under the other finds it.
 */
function documentCsvId(row: Readonly<Record<string, string>>): { id: string; issuingState: string; number: string } {
  const number = cleanDocumentNumber(row.number ?? '', 'number');
  const country = cleanCountry(row.issuingState ?? '', 'issuingState');
  const issuingState = nationalityKey(country) ?? country;
  return { id: `${issuingState}:${number}`, issuingState, number };
}

/** One row of the stolen/lost document CSV as an entry; its id is the issuing state and the number. */
export function parseDocumentCsvRow(row: Readonly<Record<string, string>>): DocumentInput {
  const { id, issuingState, number } = documentCsvId(row);
  const reported = optional(row.reportedAt);
  const type = optional(row.type)?.toUpperCase() ?? null;
  if (type !== null && !/^[A-Z0-9]{1,3}$/.test(type))
    throw new RowError('type', `"${type.slice(0, 10)}" is not a document type code (P, ID, V, …)`);
  return {
    kind: 'document',
    entityId: id,
    number,
    type,
    issuingState,
    status: cleanStatus(row.status ?? '', 'status'),
    // A day, not a year or a month: the column is a date, and when a document was reported is known to the day.
    reportedAt: reported === null ? null : cleanFullDate(reported, 'reportedAt'),
    ownerCountry: optional(row.ownerCountry) === null ? null : cleanState(row.ownerCountry!, 'ownerCountry'),
    restrictedTo: [],
    reference: cleanText(row.reference ?? '', 'reference'),
  };
}

function readableId(read: () => string): string | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof RowError) return undefined;
    throw error;
  }
}

/**
 * The id of a FollowTheMoney line that was rejected, where it can still be read (so that a replacing import keeps
 * the entry rather than delete it over a bad row): from the JSON, or from a line cut short that starts with its id
 * as FollowTheMoney writes entities. Undefined otherwise.
 */
export function rejectedFtmEntityId(line: string): string | undefined {
  let id: unknown;
  try {
    const entity = JSON.parse(line) as unknown;
    if (typeof entity === 'object' && entity !== null) id = (entity as { id?: unknown }).id;
  } catch {
    id = /^\s*\{\s*"id"\s*:\s*"([^"\\]+)"/.exec(line)?.[1];
  }
  return typeof id === 'string' ? readableId(() => cleanId(id, 'id')) : undefined;
}

/** The id of a person CSV row that was rejected, where it can still be read. */
export function rejectedPersonCsvEntityId(row: Readonly<Record<string, string>>): string | undefined {
  return readableId(() => cleanId(row.id ?? '', 'id'));
}

/** The id of a stolen/lost document CSV row that was rejected, where its issuing state and number can be read. */
export function rejectedDocumentCsvEntityId(row: Readonly<Record<string, string>>): string | undefined {
  return readableId(() => documentCsvId(row).id);
}
