/**
 * The declarative rule format: JSON an analyst writes and the database stores (by id and version), e.g.
 *
 *   { "id": "cash-payment", "version": 1, "title": "Ticket paid in cash", "subject": "booking",
 *     "when": { "all": [ { "fact": "booking.payment.kinds", "op": "contains", "value": "cash" } ] },
 *     "severity": "medium", "countries": "all", "enabled": true }
 *
 * A condition is `{ all: [...] }`, `{ any: [...] }`, `{ not: ... }`, `{ atLeast: n, of: [...] }` (n or more of them
 * hold: weak indicators combined) or a comparison `{ fact, op, value }` over a fact of the catalogue. `validateRule` is the only way from JSON to a `Rule`: it names the JSON path of the first
 * problem (`when.all[2].op`) in an `AppError('request.invalid')`.
 *
 * Absent facts: a comparison on a fact the data does not give is false (so is `ne`); only `exists: false` is true.
 * `not` inverts that, as written.
 */
import { nationalityKey } from '../../countries/countries.js';
import type { Subject } from './catalogue.js';
import { type Condition, checkCondition, invalid, isObject, onlyKeys, ruleLimits } from './rule-conditions.js';

export type * from './rule-conditions.js';
export { operators, ruleLimits } from './rule-conditions.js';

/** How strongly a hit should rank in the review queue. */
export const severities = ['low', 'medium', 'high'] as const;
/** One of `severities`. */
export type Severity = (typeof severities)[number];

/** What a rule may run over. */
export const subjects = ['traveller', 'booking', 'flight'] as const satisfies readonly Subject[];

/** A validated rule. `countries` are nationality keys of the countries that run it, or `all`. */
export interface Rule {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly description: string | undefined;
  /** Where the indicator comes from (a handbook, a guidance document), for the analyst reading a hit. */
  readonly source: string | undefined;
  readonly subject: Subject;
  readonly when: Condition;
  readonly severity: Severity;
  readonly countries: readonly string[] | 'all';
  readonly enabled: boolean;
}

function text(o: Record<string, unknown>, key: string, max: number, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v.trim() === '') invalid(key, 'expected a non-empty string');
  if (v.length > max) invalid(key, `longer than ${max} characters`);
  return v;
}

function oneOf<T extends string>(o: Record<string, unknown>, key: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    invalid(key, `expected one of ${values.join(', ')}`);
  }
  return v as T;
}

function countriesOf(v: unknown): readonly string[] | 'all' {
  if (v === 'all') return 'all';
  if (!Array.isArray(v) || v.length === 0 || v.length > 300) {
    invalid('countries', 'expected "all" or a list of 1 to 300 country codes');
  }
  const keys: string[] = [];
  v.forEach((c: unknown, i) => {
    const key = typeof c === 'string' ? nationalityKey(c) : undefined;
    if (key === undefined) invalid(`countries[${i}]`, 'expected an ISO 3166 or ICAO country code');
    if (!keys.includes(key)) keys.push(key);
  });
  return Object.freeze(keys);
}

const ruleKeys = [
  'id',
  'version',
  'title',
  'description',
  'source',
  'subject',
  'when',
  'severity',
  'countries',
  'enabled',
];

/** Validates JSON as a rule: returns a frozen, normalised `Rule` or throws `AppError('request.invalid')` with a path. */
export function validateRule(json: unknown): Rule {
  if (!isObject(json)) invalid('rule', 'expected a JSON object');
  onlyKeys(json, ruleKeys, '');
  const id = json.id;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,63}$/.test(id)) {
    invalid('id', 'expected 1 to 64 lower-case letters, digits, dots or dashes');
  }
  const version = json.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    invalid('version', 'expected a positive integer');
  }
  const title = text(json, 'title', 200)!;
  const description = text(json, 'description', ruleLimits.maxText, true);
  const source = text(json, 'source', ruleLimits.maxText, true);
  const subject = oneOf(json, 'subject', subjects);
  if (json.when === undefined) invalid('when', 'a rule needs a condition');
  const when = checkCondition(json.when, 'when', subject);
  const severity = oneOf(json, 'severity', severities);
  const countries = countriesOf(json.countries);
  if (typeof json.enabled !== 'boolean') invalid('enabled', 'expected true or false');
  return Object.freeze({
    id,
    version,
    title,
    description,
    source,
    subject,
    when,
    severity,
    countries,
    enabled: json.enabled,
  });
}
