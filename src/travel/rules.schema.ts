/**
 * Schemas and the presenter of the rules routes. Responses list every field `RulesService` returns: Fastify's
 * serializer drops a field its schema does not name. The body of a rule is described here for clients, and checked
 * by `validateRule` only (see `ruleBodyValidator`).
 */
import { Type, type Static, type TSchema } from 'typebox';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { factCatalogue } from './rules/catalogue.js';
import { operators, ruleLimits, severities, subjects } from './rules/rule-format.js';
import type { RuleView } from './rules.service.js';

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

/** A comparison's value: a scalar, or a list for `in` and `between` (also a list fact's value in an explanation). */
export const ConditionValue = Type.Union([Scalar, Type.Array(Scalar)], {
  description: `a value of the fact's type; \`in\` takes a list of 1 to ${ruleLimits.maxListValues}, \`between\` [low, high], \`exists\` true or false, \`matches\` a pattern`,
});

const conditions = (description: string) =>
  Type.Array(Type.Ref('RuleCondition'), { minItems: 1, maxItems: ruleLimits.maxChildren, description });

/** A node of a rule's condition tree (recursive: `all`, `any`, `not` and `atLeast` hold further nodes). */
export const RuleCondition = Type.Union(
  [
    Type.Object(
      {
        fact: Type.Enum([...factCatalogue.keys()], { description: 'a fact of the catalogue the subject may read' }),
        op: Type.Enum(operators),
        value: ConditionValue,
      },
      { title: 'comparison' },
    ),
    Type.Object({ all: conditions('every one holds') }, { title: 'all' }),
    Type.Object({ any: conditions('at least one holds') }, { title: 'any' }),
    Type.Object({ not: Type.Ref('RuleCondition') }, { title: 'not' }),
    Type.Object(
      {
        atLeast: Type.Integer({ minimum: 1, maximum: ruleLimits.maxChildren, description: 'at most the length of of' }),
        of: conditions('the conditions counted'),
      },
      { title: 'atLeast' },
    ),
  ],
  {
    $id: 'RuleCondition',
    description: `{all: […]}, {any: […]}, {not: …}, {atLeast: n, of: […]} (n of them hold) or a comparison {fact, op, value}; at most ${ruleLimits.maxDepth} levels and ${ruleLimits.maxConditions} nodes`,
  },
);

const ruleFields = {
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{0,63}$' }),
  version: Type.Integer({ minimum: 1 }),
  title: Type.String({ maxLength: 200, pattern: '\\S' }),
  description: Type.Optional(Type.String({ maxLength: ruleLimits.maxText, pattern: '\\S' })),
  source: Type.Optional(
    Type.String({
      maxLength: ruleLimits.maxText,
      pattern: '\\S',
      description: 'where the indicator comes from (a handbook, a guidance document)',
    }),
  ),
  subject: Type.Enum(subjects, { description: 'what the rule runs over: each traveller, each booking, the flight' }),
  when: Type.Ref('RuleCondition'),
  severity: Type.Enum(severities),
  countries: Type.Union(
    [Type.Literal('all'), Type.Immutable(Type.Array(Type.String(), { minItems: 1, maxItems: 300 }))],
    {
      description: 'nationality keys (ISO 3166 alpha-3) of the countries it runs for, or "all"',
    },
  ),
  enabled: Type.Boolean({
    description: 'whether it runs by default for its countries; a country’s own switch wins (PUT …/enabled)',
  }),
};

/** A rule as stored: one version of it, validated and normalised (country codes as nationality keys). */
export const RuleDefinition = Type.Object(ruleFields, { $id: 'Rule' });

/** A rule in its latest version, with who made it and whether it runs for the caller's country. */
export const StoredRuleView = Type.Object(
  {
    ...ruleFields,
    builtin: Type.Boolean(),
    ownerCountry: Type.Union([Type.String(), Type.Null()], {
      description: 'the country that writes its next versions; null for a built-in (the operator’s)',
    }),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time', description: 'when this version was written' }),
    enabledHere: Type.Boolean({ description: 'whether it runs for the caller’s country' }),
  },
  { $id: 'StoredRule' },
);

/** The body of POST /api/rules, as `validateRule` accepts it. */
export const RuleInput = Type.Object(
  {
    ...ruleFields,
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9.-]{0,63}$',
      description: 'a new id writes a new rule of your country; an existing one, its next version',
    }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'ignored: the server numbers the versions' })),
    countries: Type.Union([Type.Literal('all'), Type.Array(Type.String(), { minItems: 1, maxItems: 300 })], {
      description:
        'ISO 3166 or ICAO country codes of the countries it runs for, or "all"; a person may name only their own country',
    }),
  },
  { $id: 'RuleInput', additionalProperties: false },
);

/** The shared schemas of the rules routes, to add to the app once. */
export const ruleSchemas: readonly TSchema[] = [RuleCondition, RuleDefinition, StoredRuleView, RuleInput];

/** A rule as GET /api/rules lists it (and POST answers it): the definition, with whose it is and whether it runs here. */
export function presentRule(view: RuleView): Static<typeof StoredRuleView> {
  return {
    ...view.rule,
    builtin: view.builtin,
    ownerCountry: view.ownerCountry,
    createdBy: view.createdBy,
    createdAt: view.createdAt.toISOString(),
    enabledHere: view.enabledHere,
  };
}

/**
 * The validator of a rule body: a JSON object, nothing more; `validateRule` checks the rest and names the JSON path
 * of a problem (`when.all[2].op`). The app's ajv, checking `RuleInput` first, would answer with its own messages and
 * coerce types: `"enabled": "true"` would pass as true, and a condition's `value: true` would become "true" (the
 * first type of its union), refusing a good rule. So `RuleInput` only describes the body, for the OpenAPI description.
 */
export const ruleBodyValidator: FastifySchemaCompiler<unknown> = ({ httpPart }) => {
  if (httpPart !== 'body') throw new Error(`ruleBodyValidator validates a body, not ${httpPart ?? 'nothing'}`);
  // Refused as ajv refuses a body that is not an object, so the one error handler words it as every other.
  const notObject: FastifySchemaValidationError = {
    keyword: 'type',
    instancePath: '',
    schemaPath: '#/type',
    params: { type: 'object' },
    message: 'must be object',
  };
  return (data: unknown) =>
    typeof data === 'object' && data !== null && !Array.isArray(data) ? true : { error: [notObject] };
};
