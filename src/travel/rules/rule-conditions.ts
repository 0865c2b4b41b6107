/**
 * Conditions of the rule format and their validation: shape and nesting, facts against the catalogue (and against
 * what the rule's subject may see), operators against the fact's type, values against the operator. Values come
 * back normalised (country codes as nationality keys) so evaluation compares like with like.
 */
import { nationalityKey } from '../../countries/countries.js';
import { AppError } from '../../errors.js';
import {
  type FactDef,
  type FactName,
  type FactType,
  type Subject,
  factCatalogue,
  visibleSubjects,
} from './catalogue.js';
import { unsafePatternReason } from './safe-regex.js';

/** Comparison operators. `between` is inclusive; `contains` tests a list fact; `matches` a safe pattern. */
export const operators = [
  'eq',
  'ne',
  'in',
  'contains',
  'lt',
  'lte',
  'gt',
  'gte',
  'exists',
  'matches',
  'between',
] as const;
/** One of `operators`. */
export type Operator = (typeof operators)[number];

/** A value a comparison holds: a scalar, or a list for `in` and `between`. */
export type Scalar = string | number | boolean;
/** A comparison's value: a scalar, or `[…]` for `in` and `[low, high]` for `between`. */
export type ConditionValue = Scalar | readonly Scalar[];

/** `{ fact, op, value }`: one test of one fact. */
export interface Comparison {
  readonly fact: FactName;
  readonly op: Operator;
  readonly value: ConditionValue;
}
/** Every sub-condition holds. */
export interface AllOf {
  readonly all: readonly Condition[];
}
/** At least one sub-condition holds. */
export interface AnyOf {
  readonly any: readonly Condition[];
}
/** The sub-condition does not hold. */
export interface NotOf {
  readonly not: Condition;
}
/**
 * At least `atLeast` of the sub-conditions hold: weak indicators combined (domain.md §6: each alone says little, several
 * together are worth a look).
 */
export interface AtLeastOf {
  readonly atLeast: number;
  readonly of: readonly Condition[];
}
/** A node of a rule's condition tree. */
export type Condition = Comparison | AllOf | AnyOf | NotOf | AtLeastOf;

/** Limits on a rule's size, so a stored rule stays cheap to validate and to run. */
export const ruleLimits = {
  maxDepth: 6,
  maxConditions: 64,
  maxChildren: 32,
  maxListValues: 500,
  maxText: 2000,
} as const;

/** Throws the validation error for `path`. */
export function invalid(path: string, message: string): never {
  throw new AppError('request.invalid', `${path}: ${message}`, { location: { field: path } });
}

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rejects any own key of `o` not in `allowed`, naming it. */
export function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) invalid(path === '' ? key : `${path}.${key}`, 'unknown property');
  }
}

const ordered: readonly FactType[] = ['number', 'date', 'datetime'];
/** The fact types each operator applies to. */
export const operatorTypes: Readonly<Record<Operator, readonly FactType[]>> = {
  eq: ['string', 'country', 'number', 'boolean', 'date', 'datetime'],
  ne: ['string', 'country', 'number', 'boolean', 'date', 'datetime'],
  in: ['string', 'country', 'number', 'date', 'datetime'],
  contains: ['string[]'],
  lt: ordered,
  lte: ordered,
  gt: ordered,
  gte: ordered,
  between: ordered,
  exists: ['string', 'country', 'number', 'boolean', 'date', 'datetime', 'string[]'],
  matches: ['string', 'string[]'],
};

const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const dateTimePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?$/;

/** One value checked against the fact's type (the element type for a list fact); returns it normalised. */
function scalar(def: FactDef, v: unknown, path: string): Scalar {
  switch (def.type) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) invalid(path, `expected a number for ${def.name}`);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') invalid(path, `expected true or false for ${def.name}`);
      return v;
    case 'date':
      if (typeof v !== 'string' || !datePattern.test(v)) invalid(path, `expected a date YYYY-MM-DD for ${def.name}`);
      return v;
    case 'datetime':
      if (typeof v !== 'string' || !dateTimePattern.test(v)) {
        invalid(path, `expected YYYY-MM-DD (the whole day) or YYYY-MM-DDTHH:MM for ${def.name}`);
      }
      return v;
    case 'country': {
      const key = typeof v === 'string' ? nationalityKey(v) : undefined;
      if (key === undefined) invalid(path, `expected an ISO 3166 or ICAO country code for ${def.name}`);
      return key;
    }
    case 'string':
    case 'string[]':
      if (typeof v !== 'string' || v.length > 500) invalid(path, `expected a string for ${def.name}`);
      if (def.values !== undefined && !def.values.includes(v)) {
        invalid(path, `expected one of ${def.values.join(', ')} for ${def.name}`);
      }
      return v;
  }
}

function valueFor(def: FactDef, op: Operator, v: unknown, path: string): ConditionValue {
  switch (op) {
    case 'exists':
      if (typeof v !== 'boolean') invalid(path, 'exists takes true or false');
      return v;
    case 'matches': {
      if (typeof v !== 'string') invalid(path, 'matches takes a pattern string');
      const reason = unsafePatternReason(v);
      if (reason !== undefined) invalid(path, `pattern refused: ${reason}`);
      return v;
    }
    case 'in': {
      if (!Array.isArray(v) || v.length === 0 || v.length > ruleLimits.maxListValues) {
        invalid(path, `in takes a list of 1 to ${ruleLimits.maxListValues} values`);
      }
      return Object.freeze(v.map((x: unknown, i) => scalar(def, x, `${path}[${i}]`)));
    }
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) invalid(path, 'between takes [low, high]');
      const lo = scalar(def, v[0], `${path}[0]`);
      const hi = scalar(def, v[1], `${path}[1]`);
      // Against a date-time fact a date-only high end is its whole day (see evaluate.ts): 10:00 to that day is fine.
      const end = def.type === 'datetime' && typeof hi === 'string' && hi.length === 10 ? `${hi}T~` : hi;
      if (lo > end) invalid(path, 'between needs low ≤ high');
      return Object.freeze([lo, hi]);
    }
    default:
      return scalar(def, v, path);
  }
}

function comparison(node: Record<string, unknown>, path: string, subject: Subject): Comparison {
  onlyKeys(node, ['fact', 'op', 'value'], path);
  const name = node.fact;
  const def = typeof name === 'string' ? factCatalogue.get(name) : undefined;
  if (def === undefined) invalid(`${path}.fact`, 'unknown fact (see the fact catalogue)');
  if (!visibleSubjects[subject].includes(def.subject)) {
    invalid(`${path}.fact`, `a ${subject} rule cannot read ${def.subject} facts`);
  }
  const op = node.op;
  if (typeof op !== 'string' || !(operators as readonly string[]).includes(op)) {
    invalid(`${path}.op`, `unknown operator; expected one of ${operators.join(', ')}`);
  }
  const operator = op as Operator;
  if (!operatorTypes[operator].includes(def.type)) {
    invalid(`${path}.op`, `${operator} does not apply to ${def.name} (${def.type})`);
  }
  if (!Object.hasOwn(node, 'value')) invalid(`${path}.value`, 'missing');
  return Object.freeze({
    fact: def.name as FactName,
    op: operator,
    value: valueFor(def, operator, node.value, `${path}.value`),
  });
}

/** Validates a condition tree rooted at `path` for a rule about `subject`; throws with the path of the problem. */
export function checkCondition(root: unknown, path: string, subject: Subject): Condition {
  let count = 0;
  const walk = (node: unknown, at: string, depth: number): Condition => {
    if (!isObject(node)) invalid(at, 'expected a condition object');
    if (depth > ruleLimits.maxDepth) invalid(at, `nested deeper than ${ruleLimits.maxDepth} levels`);
    if (++count > ruleLimits.maxConditions) invalid(at, `more than ${ruleLimits.maxConditions} conditions`);
    for (const key of ['all', 'any'] as const) {
      if (!Object.hasOwn(node, key)) continue;
      onlyKeys(node, [key], at);
      const list = node[key];
      if (!Array.isArray(list) || list.length === 0 || list.length > ruleLimits.maxChildren) {
        invalid(`${at}.${key}`, `expected a list of 1 to ${ruleLimits.maxChildren} conditions`);
      }
      const children = Object.freeze(list.map((c: unknown, i) => walk(c, `${at}.${key}[${i}]`, depth + 1)));
      return Object.freeze(key === 'all' ? { all: children } : { any: children });
    }
    if (Object.hasOwn(node, 'not')) {
      onlyKeys(node, ['not'], at);
      return Object.freeze({ not: walk(node.not, `${at}.not`, depth + 1) });
    }
    if (Object.hasOwn(node, 'atLeast') || Object.hasOwn(node, 'of')) {
      onlyKeys(node, ['atLeast', 'of'], at);
      const list = node.of;
      if (!Array.isArray(list) || list.length === 0 || list.length > ruleLimits.maxChildren) {
        invalid(`${at}.of`, `expected a list of 1 to ${ruleLimits.maxChildren} conditions`);
      }
      const n = node.atLeast;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > list.length) {
        invalid(`${at}.atLeast`, `expected a whole number from 1 to ${list.length} (the conditions in of)`);
      }
      const children = Object.freeze(list.map((c: unknown, i) => walk(c, `${at}.of[${i}]`, depth + 1)));
      return Object.freeze({ atLeast: n, of: children });
    }
    if (!Object.hasOwn(node, 'fact')) {
      invalid(at, 'expected all, any, not, atLeast with of, or a comparison {fact, op, value}');
    }
    return comparison(node, at, subject);
  };
  return walk(root, path, 1);
}
