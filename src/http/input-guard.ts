/**
 * Request values that pass their schema but that JavaScript or PostgreSQL cannot hold are refused here, for every
 * route at once, as `request.invalid` naming the field: a NUL character (PostgreSQL text and JSON refuse it), an
 * unpaired surrogate (not Unicode: PostgreSQL's JSON refuses it, its text silently replaces it), an integer beyond
 * 2^53 (JSON and the query parser round it; past 2^63 PostgreSQL's bigint overflows), and a date or time the format
 * check lets through but that has no JavaScript Date or PostgreSQL value (year 0000, a leap second).
 */
import type { Ajv, FormatDefinition } from 'ajv';
import { AppError } from '../errors.js';
import type { App } from './app.js';

/** Whether PostgreSQL can store `text`. (isWellFormed is in Node 20, not in the ES2023 library types.) */
const storable = (text: string) =>
  !text.includes('\0') && (text as string & { isWellFormed(): boolean }).isWellFormed();

/** Why PostgreSQL cannot store `text`, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\0')) return 'must not contain a NUL character (U+0000)';
  if (!storable(text)) return 'must not contain an unpaired surrogate (U+D800–U+DFFF): it is not Unicode text';
  return undefined;
}

/** Whether every string in `value` (property names included) can be stored: the walk without the paths, cheaper. */
function allStorable(value: unknown): boolean {
  // A stack, not recursion: a body nested a hundred thousand deep must not overflow the call stack.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!storable(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        if (!storable(key)) return false;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}

/** The first string in `value` (property names included) PostgreSQL cannot store: its field and why. */
export function findUnstorable(value: unknown, root: string): { field: string; reason: string } | undefined {
  if (allStorable(value)) return undefined;
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: v, path } = next;
    if (typeof v === 'string') {
      const reason = unstorableReason(v);
      if (reason !== undefined) return { field: path, reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${path}.${i}` });
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (const key of keys) {
        const reason = unstorableReason(key);
        if (reason !== undefined) return { field: path, reason: `a property name ${reason}` };
      }
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({ value: (v as Record<string, unknown>)[keys[i]!], path: `${path}.${keys[i]!}` });
    }
  }
  return undefined;
}

function refuse(found: { field: string; reason: string }): AppError {
  return new AppError('request.invalid', `${found.field}: ${found.reason}`, { location: { field: found.field } });
}

/**
 * Whether JSON text may decode to a NUL or an unpaired surrogate. Neither can appear raw in a parsed string (JSON
 * refuses a raw control character; invalid UTF-8 decodes to U+FFFD), only as a \u escape: one scan of the text,
 * far cheaper than walking every string of a large body (a screening batch), which is left to the rare body that
 * holds such an escape (or an escaped backslash before "u0000", or a surrogate pair, which the walk then clears).
 */
const suspectEscape = /\\u(?:0000|[dD][89a-fA-F])/;

/** The largest integer a request may carry: past it, JavaScript numbers are not exact. */
const maxInteger = Number.MAX_SAFE_INTEGER;

type SchemaNode = Record<string, unknown>;

/**
 * `schema` with every integer that names no maximum bounded by `maxInteger` (copied where changed: schemas are shared
 * between routes). The OpenAPI description is read from the same schemas, so it states the bound.
 */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    const items = schema.map(boundIntegers);
    return items.some((item, i) => item !== schema[i]) ? items : schema;
  }
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = schema as SchemaNode;
  let copy: SchemaNode | undefined;
  const set = (key: string, value: unknown) => {
    if (value === node[key]) return;
    copy ??= { ...node };
    copy[key] = value;
  };
  if (node.type === 'integer' && node.maximum === undefined && node.exclusiveMaximum === undefined)
    set('maximum', maxInteger);
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'not'])
    if (key in node) set(key, boundIntegers(node[key]));
  for (const key of ['properties', 'patternProperties']) {
    const members = node[key];
    if (typeof members !== 'object' || members === null) continue;
    const entries = Object.entries(members as SchemaNode);
    const bounded = entries.map(([name, member]) => [name, boundIntegers(member)] as const);
    if (bounded.some(([, member], i) => member !== entries[i]![1])) set(key, Object.fromEntries(bounded));
  }
  return copy ?? schema;
}

/** The year of an RFC 3339 date or date-time (its first four digits). */
const yearOf = (text: string) => Number(text.slice(0, 4));

/**
 * Narrows ajv-formats' `date` and `date-time` to what JavaScript and PostgreSQL can hold: no year 0000 (PostgreSQL
 * has none: 1 BC is followed by AD 1) and, for a date-time, only what Date parses (not a leap second, ":60", nor an
 * offset of hours alone, "+01"). Given to ajv as it is created (after ajv-formats has added its formats).
 */
export function narrowDateFormats(ajv: Ajv): void {
  const narrow = (name: 'date' | 'date-time', valid: (text: string) => boolean) => {
    const base = ajv.formats[name] as FormatDefinition<string> | undefined;
    if (base === undefined || typeof base.validate !== 'function')
      throw new Error(`ajv has no ${name} format to narrow`);
    const check = base.validate;
    ajv.addFormat(name, { ...base, validate: (text: string) => check(text) && valid(text) });
  };
  narrow('date', (text) => yearOf(text) >= 1);
  narrow('date-time', (text) => yearOf(text) >= 1 && Number.isFinite(Date.parse(text)));
}

/** Installs the checks: the JSON parser's, the path's and query's, and the integer bound of every route schema. */
export function installInputGuard(app: App): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    void parseJson(request, text, (error, value) => {
      if (error !== null) return done(error, undefined);
      const found = suspectEscape.test(text) ? findUnstorable(value, 'body') : undefined;
      if (found === undefined) done(null, value);
      else done(refuse(found), undefined);
    });
  });

  // Before validation, so that the value reaches neither a format check nor, through one, the database.
  app.addHook('preValidation', (request, _reply, done) => {
    const found = findUnstorable(request.params, 'params') ?? findUnstorable(request.query, 'querystring');
    done(found === undefined ? undefined : refuse(found));
  });

  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    if (schema === undefined) return;
    route.schema = {
      ...schema,
      ...(schema.body === undefined ? {} : { body: boundIntegers(schema.body) }),
      ...(schema.querystring === undefined ? {} : { querystring: boundIntegers(schema.querystring) }),
      ...(schema.params === undefined ? {} : { params: boundIntegers(schema.params) }),
    };
  });
}
