/**
 * Targeting rules as the operation manages them: stored in the database, every change a new version (alerts name
 * the version that raised them), the built-in indicators installed as version 1, and each country able to switch
 * a rule off or on for itself. Ingestion asks for the rules in force for a country; the compiled set is cached and
 * rebuilt only when the stored rules change.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import type { Principal } from '../access/policy.js';
import { builtinRules } from './rules/builtin.js';
import { appliesIn, compileRule, type CompiledRule } from './rules/evaluate.js';
import { validateRule, type Rule } from './rules/rule-format.js';
import {
  countrySettings,
  insertRule,
  latestRules,
  latestVersion,
  rulesStamp,
  setCountrySetting,
} from './rules.repository.js';

export interface RuleView {
  readonly rule: Rule;
  readonly builtin: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** Whether it runs for the caller's country. */
  readonly enabledHere: boolean;
}

/** Whether `rule` runs for `country`, the country's own switch winning over the rule's list. */
function enabledFor(rule: Rule, country: string, settings: Map<string, Map<string, boolean>>): boolean {
  const own = settings.get(rule.id)?.get(country);
  if (own !== undefined) return own && rule.enabled;
  return appliesIn(rule, country);
}

export class RulesService {
  private cache:
    | {
        stamp: string;
        checkedAt: number;
        rules: Rule[];
        settings: Map<string, Map<string, boolean>>;
        compiled: Map<string, CompiledRule[]>;
      }
    | undefined;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Installs the built-in indicators as version 1 where they are not stored yet (idempotent). */
  async installBuiltins(): Promise<void> {
    for (const rule of builtinRules) {
      await insertRule(this.db, {
        id: rule.id,
        version: 1,
        definition: { ...rule, version: 1 },
        builtin: true,
        createdBy: 'lodestar',
      });
    }
  }

  private installed: Promise<void> | undefined;

  /** The rules in force for `country`, compiled; re-read from the database at most every two seconds. */
  async activeRules(country: string): Promise<readonly CompiledRule[]> {
    // The built-ins are installed by the first process that needs rules (and by nobody twice: it is idempotent).
    await (this.installed ??= this.installBuiltins());
    const now = Date.now();
    if (this.cache === undefined || now - this.cache.checkedAt > 2000) {
      const stamp = await rulesStamp(this.db);
      if (this.cache?.stamp !== stamp) {
        const stored = await latestRules(this.db);
        this.cache = {
          stamp,
          checkedAt: now,
          rules: stored.map((r) => validateRule(r.definition)),
          settings: await countrySettings(this.db),
          compiled: new Map(),
        };
      } else {
        this.cache.checkedAt = now;
      }
    }
    const cache = this.cache;
    let compiled = cache.compiled.get(country);
    if (compiled === undefined) {
      compiled = cache.rules.filter((r) => enabledFor(r, country, cache.settings)).map(compileRule);
      cache.compiled.set(country, compiled);
    }
    return compiled;
  }

  async list(principal: Principal): Promise<RuleView[]> {
    await (this.installed ??= this.installBuiltins());
    const [stored, settings] = await Promise.all([latestRules(this.db), countrySettings(this.db)]);
    return stored.map((s) => {
      const rule = validateRule(s.definition);
      return {
        rule,
        builtin: s.builtin,
        createdBy: s.createdBy,
        createdAt: s.createdAt,
        enabledHere: principal.country === undefined ? rule.enabled : enabledFor(rule, principal.country, settings),
      };
    });
  }

  /** Stores a new rule, or a new version of an existing one; the definition is validated field by field. */
  async save(principal: Principal, definition: unknown, context: RequestContext): Promise<Rule> {
    const draft = validateRule({
      ...(typeof definition === 'object' && definition !== null ? definition : {}),
      version: 1,
    });
    return this.db.transaction().execute(async (trx) => {
      const previous = await latestVersion(trx, draft.id);
      const rule = validateRule({ ...(definition as object), version: (previous ?? 0) + 1 });
      if (
        principal.kind !== 'operator' &&
        rule.countries !== 'all' &&
        rule.countries.some((c) => c !== principal.country)
      ) {
        throw new AppError('auth.forbidden', `a rule can name only your own country (${principal.country})`, {
          location: { field: 'countries' },
        });
      }
      await insertRule(trx, {
        id: rule.id,
        version: rule.version,
        definition: { ...rule },
        builtin: false,
        createdBy: principal.name,
      });
      // This process sees its own change at once; the others within the cache's two seconds.
      this.cache = undefined;
      await this.audit.record(
        principal,
        {
          action: previous === undefined ? 'rule.create' : 'rule.update',
          subject: { type: 'rule', id: rule.id },
          details: { version: rule.version },
        },
        context,
        trx,
      );
      return rule;
    });
  }

  /** Switches a rule on or off for the caller's country. */
  async setEnabled(
    principal: Principal,
    ruleId: string,
    enabled: boolean,
    context: RequestContext,
    country = principal.country,
  ): Promise<void> {
    if (country === undefined)
      throw new AppError('request.invalid', 'a country is needed', { location: { field: 'country' } });
    await this.db.transaction().execute(async (trx) => {
      if ((await latestVersion(trx, ruleId)) === undefined)
        throw new AppError('resource.not_found', `no rule ${ruleId}`);
      await setCountrySetting(trx, ruleId, country, enabled, principal.name);
      this.cache = undefined;
      await this.audit.record(
        principal,
        { action: 'rule.switch', subject: { type: 'rule', id: ruleId, country }, details: { enabled } },
        context,
        trx,
      );
    });
  }
}
