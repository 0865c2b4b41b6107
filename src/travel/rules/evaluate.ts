/**
 * Rule evaluation. A validated rule is compiled once into closures (`compileRule`): each comparison becomes a
 * getter from the catalogue and a test specialised to its operator, so running a rule over a traveller is a few
 * property reads and comparisons with no allocation. Only when a rule fires is the explanation built: which
 * facts, with which values, made each part of the condition hold.
 */
import { nationalityKey } from '../../countries/countries.js';
import { type FactValue, type Scope, factCatalogue } from './catalogue.js';
import type { BookingFacts, FlightFactSet } from './facts.types.js';
import type { Comparison, Condition, ConditionValue, Operator, Rule, Scalar, Severity } from './rule-format.js';
import { compilePattern } from './safe-regex.js';

/** One fact a hit rests on: the comparison and the value the data gave (`negated` under a `not`). */
export interface MatchedFact {
  readonly fact: string;
  readonly op: Operator;
  readonly expected: ConditionValue;
  readonly actual: FactValue;
  readonly negated: boolean;
}

/** What a hit is about. */
export type HitSubject =
  | {
      readonly kind: 'traveller';
      readonly key: string;
      readonly surname: string;
      readonly givenNames: string;
      readonly bookingLocators: readonly string[];
    }
  | { readonly kind: 'booking'; readonly locator: string }
  | { readonly kind: 'flight'; readonly carrier: string; readonly number: string };

/** A rule that fired, with its explanation. */
export interface RuleHit {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly title: string;
  readonly severity: Severity;
  readonly subject: HitSubject;
  readonly matched: readonly MatchedFact[];
}

type Test = (s: Scope) => boolean;

interface Node {
  readonly test: Test;
  /** Appends the facts that make this node evaluate to `want`. */
  readonly explain: (s: Scope, want: boolean, out: MatchedFact[]) => void;
}

/** A rule ready to run. */
export interface CompiledRule {
  readonly kind: 'compiled-rule';
  readonly rule: Rule;
  readonly test: Test;
  /** The facts that made the rule fire for this scope. */
  readonly explain: (s: Scope) => readonly MatchedFact[];
}

// A date-only value against a date-time fact means that whole day, as an analyst reads "departs on 2024-10-01" or
// "created before 2024-10-01": `eq`, `ne` and `in` compare the day, `lt` and `gte` the day's start, `lte` and `gt` its
// end, and `between` takes in both days whole. Fact values are `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (24:00 included),
// so in string order a day `D` sorts before every time of that day and `DT~` after every one: the day's bounds are
// made once here, and each test stays a string comparison with no allocation.
const isDay = (v: string): boolean => v.length === 10;
const dayStart = (v: string): string => v;
const dayEnd = (v: string): string => (isDay(v) ? `${v}T~` : v);

/** True when `x` lies in one of the whole days `days` (sorted, distinct) ends at `ends`: a binary search. */
function inDays(days: readonly string[], ends: readonly string[], x: string): boolean {
  let lo = 0;
  let hi = days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && x <= ends[found]!;
}

/** The test of a comparison on a date-time fact, its date-only values read as whole days. */
function dateTimeTest(c: Comparison, get: (s: Scope) => FactValue): Test {
  // An absent fact compares false: every comparison with `undefined` is false.
  const at = get as (s: Scope) => string;
  if (c.op === 'in') {
    const values = c.value as readonly string[];
    const exact = new Set(values.filter((x) => !isDay(x)));
    const days = [...new Set(values.filter(isDay))].sort();
    const ends = days.map(dayEnd);
    return (s) => {
      const x = at(s);
      return x !== undefined && (exact.has(x) || (days.length > 0 && inDays(days, ends, x)));
    };
  }
  if (c.op === 'between') {
    const [lo, hi] = c.value as readonly [string, string];
    const start = dayStart(lo);
    const end = dayEnd(hi);
    return (s) => {
      const x = at(s);
      return x >= start && x <= end;
    };
  }
  const v = c.value as string;
  const start = dayStart(v);
  const end = dayEnd(v);
  switch (c.op) {
    case 'eq':
      return (s) => {
        const x = at(s);
        return x >= start && x <= end;
      };
    case 'ne':
      return (s) => {
        const x = at(s);
        return x !== undefined && !(x >= start && x <= end);
      };
    case 'lt':
      return (s) => at(s) < start;
    case 'lte':
      return (s) => at(s) <= end;
    case 'gt':
      return (s) => at(s) > end;
    case 'gte':
      return (s) => at(s) >= start;
    default:
      return genericTest(c, get);
  }
}

function comparisonTest(c: Comparison): Test {
  const def = factCatalogue.get(c.fact)!;
  return def.type === 'datetime' ? dateTimeTest(c, def.get) : genericTest(c, def.get);
}

function genericTest(c: Comparison, get: (s: Scope) => FactValue): Test {
  const v = c.value;
  // Ordered operators run on numbers or on ISO date strings; JavaScript orders both with `<`, so one closure
  // serves both and the casts only quiet the type checker. An absent fact compares false: `undefined < n` is false.
  const n = v as number;
  switch (c.op) {
    case 'eq':
      return (s) => get(s) === v;
    case 'ne':
      return (s) => {
        const x = get(s);
        return x !== undefined && x !== v;
      };
    case 'in': {
      const set = new Set<unknown>(v as readonly Scalar[]);
      return (s) => set.has(get(s));
    }
    case 'contains':
      return (s) => (get(s) as readonly string[] | undefined)?.includes(v as string) === true;
    case 'lt':
      return (s) => (get(s) as number | undefined)! < n;
    case 'lte':
      return (s) => (get(s) as number | undefined)! <= n;
    case 'gt':
      return (s) => (get(s) as number | undefined)! > n;
    case 'gte':
      return (s) => (get(s) as number | undefined)! >= n;
    case 'between': {
      const [lo, hi] = v as readonly [number, number];
      return (s) => {
        const x = get(s) as number | undefined;
        return x !== undefined && x >= lo && x <= hi;
      };
    }
    case 'exists':
      return (s) => {
        const x = get(s);
        return (x !== undefined && (typeof x !== 'object' || x.length > 0)) === v;
      };
    case 'matches': {
      const test = compilePattern(v as string);
      return (s) => {
        const x = get(s);
        return typeof x === 'string' ? test(x) : typeof x === 'object' && x.some(test);
      };
    }
  }
}

function compileNode(c: Condition): Node {
  if ('fact' in c) {
    const test = comparisonTest(c);
    const get = factCatalogue.get(c.fact)!.get;
    return {
      test,
      explain: (s, want, out) =>
        out.push({ fact: c.fact, op: c.op, expected: c.value, actual: get(s), negated: !want }),
    };
  }
  if ('not' in c) {
    const inner = compileNode(c.not);
    const test = inner.test;
    return { test: (s) => !test(s), explain: (s, want, out) => inner.explain(s, !want, out) };
  }
  if ('atLeast' in c) {
    const children = c.of.map(compileNode);
    const tests = children.map((ch) => ch.test);
    const need = c.atLeast;
    const test: Test = (s) => {
      let held = 0;
      for (let i = 0; i < tests.length; i++) {
        if (tests[i]!(s) && ++held >= need) return true;
        // Stops as soon as the rest could not make up the number.
        if (held + (tests.length - 1 - i) < need) return false;
      }
      return false;
    };
    // It holds because of the children that hold (every one of them: the indicators the analyst reads), fails
    // because of the children that fail.
    return {
      test,
      explain: (s, want, out) => {
        for (const ch of children) if (ch.test(s) === want) ch.explain(s, want, out);
      },
    };
  }
  const all = 'all' in c;
  const children = (all ? c.all : c.any).map(compileNode);
  const tests = children.map((ch) => ch.test);
  const test: Test = all ? (s) => tests.every((t) => t(s)) : (s) => tests.some((t) => t(s));
  // `all` holds because every child holds, fails because of the children that fail; `any` the reverse.
  return {
    test,
    explain: (s, want, out) => {
      for (const ch of children) if (ch.test(s) === want) ch.explain(s, want, out);
    },
  };
}

const compiled = new WeakMap<Rule, CompiledRule>();

/** Compiles a validated rule into closures (memoised per rule object). */
export function compileRule(rule: Rule): CompiledRule {
  let c = compiled.get(rule);
  if (c === undefined) {
    const root = compileNode(rule.when);
    const explain = (s: Scope): readonly MatchedFact[] => {
      const out: MatchedFact[] = [];
      root.explain(s, true, out);
      return Object.freeze(out);
    };
    c = Object.freeze({ kind: 'compiled-rule', rule, test: root.test, explain });
    compiled.set(rule, c);
  }
  return c;
}

/** Whether an enabled rule runs for `country` (a code in any form nationalityKey reads). */
export function appliesIn(rule: Rule, country: string): boolean {
  if (!rule.enabled) return false;
  if (rule.countries === 'all') return true;
  return rule.countries.includes(nationalityKey(country) ?? country.toUpperCase());
}

function hit(rule: Rule, subject: HitSubject, matched: readonly MatchedFact[]): RuleHit {
  return Object.freeze({
    ruleId: rule.id,
    ruleVersion: rule.version,
    title: rule.title,
    severity: rule.severity,
    subject: Object.freeze(subject),
    matched,
  });
}

/**
 * Runs these rules over a flight's facts; returns the hits, rule by rule. Which rules are in force for a country (a
 * rule's own switch and countries, the country's switch over both) is RulesService.activeRules' to say, not this.
 */
export function evaluateRules(rules: readonly (Rule | CompiledRule)[], facts: FlightFactSet): RuleHit[] {
  const active = rules.map((r) => ('kind' in r ? r : compileRule(r)));
  const byLocator = new Map<string, BookingFacts>();
  for (const b of facts.bookings) if (!byLocator.has(b.locator)) byLocator.set(b.locator, b);
  // A traveller's booking is the first of its locators the push holds (the PNR it was linked from, else RFF+AVF).
  const bookingOf = facts.travellers.map((t) => {
    for (const l of t.bookingLocators) {
      const b = byLocator.get(l);
      if (b !== undefined) return b;
    }
    return undefined;
  });
  const scope: Scope = { flight: facts.flight, booking: undefined, traveller: undefined };
  const hits: RuleHit[] = [];
  for (const c of active) {
    const { rule, test } = c;
    if (rule.subject === 'traveller') {
      for (let i = 0; i < facts.travellers.length; i++) {
        const t = facts.travellers[i]!;
        scope.traveller = t;
        scope.booking = bookingOf[i];
        if (!test(scope)) continue;
        const { key, surname, givenNames, bookingLocators } = t;
        hits.push(hit(rule, { kind: 'traveller', key, surname, givenNames, bookingLocators }, c.explain(scope)));
      }
    } else if (rule.subject === 'booking') {
      scope.traveller = undefined;
      for (const b of facts.bookings) {
        scope.booking = b;
        if (test(scope)) hits.push(hit(rule, { kind: 'booking', locator: b.locator }, c.explain(scope)));
      }
    } else {
      scope.traveller = undefined;
      scope.booking = undefined;
      const { carrier, number } = facts.flight;
      if (test(scope)) hits.push(hit(rule, { kind: 'flight', carrier, number }, c.explain(scope)));
    }
  }
  return hits;
}
