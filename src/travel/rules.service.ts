/**
 * Targeting rules as the operation manages them: stored in the database, every change a new version (alerts name
 * the version that raised them), the built-in indicators installed as version 1, and each country able to switch
 * a rule off or on for itself. Ingestion asks for the rules in force for a country; the compiled set is cached and
 * rebuilt only when the stored rules change.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import { nationalityKey } from '../countries/countries.js';
import { builtinRules } from './rules/builtin.js';
import { appliesIn, compileRule, type CompiledRule } from './rules/evaluate.js';
import { validateRule, type Rule } from './rules/rule-format.js';
import {
  countrySettings,
  findLatestRuleHead,
  insertRule,
  latestRules,
  lockRuleForWrite,
  latestVersion,
  rulesStamp,
  setCountrySetting,
  type StoredRule,
} from './rules.repository.js';

export interface RuleView {
  readonly rule: Rule;
  readonly builtin: boolean;
  /** The country whose rule it is (the one that may change it); null for a built-in. */
  readonly ownerCountry: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** Whether it runs for the caller's country. */
  readonly enabledHere: boolean;
}

/** Who the built-ins' own versions are stored as written by. */
const builtinAuthor = 'lodestar';

/** Whether two rules say the same, whatever their version numbers. */
function sameRule(a: Rule, b: Rule): boolean {
  return JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });
}

/**
 * Whether `rule` runs for `country`. The rule's `enabled` and `countries` say where it runs by default; a country's own
 * switch wins over both, either way: a country may turn off a rule that runs everywhere, or turn on for itself a
 * built-in that runs nowhere by default (the weak indicators, builtin.ts) or another country's rule.
 */
function enabledFor(rule: Rule, country: string, settings: Map<string, Map<string, boolean>>): boolean {
  return settings.get(rule.id)?.get(country) ?? appliesIn(rule, country);
}

/** A stored version of a rule as `principal` sees it listed. */
function viewOf(principal: Principal, stored: StoredRule, settings: Map<string, Map<string, boolean>>): RuleView {
  const rule = validateRule(stored.definition);
  return {
    rule,
    builtin: stored.builtin,
    ownerCountry: stored.ownerCountry,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
    enabledHere: principal.country === undefined ? rule.enabled : enabledFor(rule, principal.country, settings),
  };
}

/**
 * May `principal` write the next version of a rule owned by `ownerCountry`? Its owner country may, as for any record
 * of one country; a rule of no country (a built-in) only the operator.
 */
function mayChange(principal: Principal, ownerCountry: string | null): boolean {
  return ownerCountry === null ? principal.kind === 'operator' : canAdminister(principal, ownerCountry);
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

  /**
   * Installs the built-in indicators: version 1 where a built-in is not stored yet, and the next version where this
   * release changed a built-in nobody else has changed since it was installed (its latest version is Lodestar's own
   * and says something else: a new default, a new condition). A built-in the operator has re-versioned is theirs and
   * is left as it is. Idempotent, and safe for two processes at once (a version is stored once; the second insert is
   * skipped).
   */
  async installBuiltins(): Promise<void> {
    const stored = new Map((await latestRules(this.db)).map((r) => [r.id, r]));
    for (const rule of builtinRules) {
      const head = stored.get(rule.id);
      const untouched = head?.builtin === true && head.createdBy === builtinAuthor;
      if (head !== undefined && (!untouched || sameRule(validateRule(head.definition), rule))) continue;
      const version = (head?.version ?? 0) + 1;
      await insertRule(this.db, {
        id: rule.id,
        version,
        definition: { ...rule, version },
        builtin: true,
        ownerCountry: null,
        createdBy: builtinAuthor,
      });
    }
  }

  private installed: Promise<void> | undefined;

  /**
   * Installs the built-ins once per process before rules are read or written: a rule saved first under a built-in's
   * id would otherwise take its place (the install never overwrites).
   */
  private ensureBuiltins(): Promise<void> {
    return (this.installed ??= this.installBuiltins());
  }

  /** The rules in force for `country`, compiled; re-read from the database at most every two seconds. */
  async activeRules(country: string): Promise<readonly CompiledRule[]> {
    // The built-ins are installed by the first process that needs rules (and by nobody twice: it is idempotent).
    await this.ensureBuiltins();
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
    await this.ensureBuiltins();
    const [stored, settings] = await Promise.all([latestRules(this.db), countrySettings(this.db)]);
    return stored.map((s) => viewOf(principal, s, settings));
  }

  /**
   * Stores a new rule, or a new version of an existing one; the definition is validated field by field. A person
   * writes rules for their own country only: a new rule becomes their country's, and only that country (or the
   * operator) writes its next versions. Built-ins are the operator's to change; a country switches them for itself.
   * Answers the version stored as `list` shows it.
   */
  async save(principal: Principal, definition: unknown, context: RequestContext): Promise<RuleView> {
    await this.ensureBuiltins();
    const draft = validateRule({
      ...(typeof definition === 'object' && definition !== null ? definition : {}),
      version: 1,
    });
    if (principal.kind !== 'operator') {
      // "all" would run the rule on every country's passenger data, which no single country may decide.
      const own = nationalityKey(principal.country) ?? principal.country;
      if (draft.countries === 'all' || draft.countries.some((c) => c !== own)) {
        throw new AppError('auth.forbidden', `a rule can name only your own country (${principal.country})`, {
          location: { field: 'countries' },
        });
      }
    }
    const saved = await this.db.transaction().execute(async (trx) => {
      // Writers of one rule take turns, so two saves at once store two versions, not one of them twice.
      await lockRuleForWrite(trx, draft.id);
      const previous = await findLatestRuleHead(trx, draft.id);
      if (previous !== undefined && !mayChange(principal, previous.ownerCountry)) {
        // Another country's rule is "not found" to the caller, as every record of another country is to a writer;
        // a built-in belongs to no country, and changing it is an action only the operator holds.
        if (previous.ownerCountry !== null) {
          throw new AppError('resource.not_found', `no rule ${draft.id} of ${principal.country ?? ''} to change`, {
            location: { field: 'id' },
          });
        }
        throw new AppError(
          'auth.forbidden',
          `${draft.id} is a built-in rule: only the operator changes it; switch it off for your country instead`,
          { location: { field: 'id' } },
        );
      }
      const rule = validateRule({ ...(definition as object), version: (previous?.version ?? 0) + 1 });
      const owner = previous === undefined ? (principal.country ?? null) : previous.ownerCountry;
      const stored = await insertRule(trx, {
        id: rule.id,
        version: rule.version,
        definition: { ...rule },
        builtin: previous?.builtin ?? false,
        ownerCountry: owner,
        createdBy: principal.name,
      });
      // Under the lock this cannot happen; if it ever does, the caller learns it and nothing unstored is audited.
      if (!stored) {
        throw new AppError(
          'resource.conflict',
          `version ${rule.version} of ${rule.id} was written meanwhile: try again`,
        );
      }
      await this.audit.record(
        principal,
        {
          action: previous === undefined ? 'rule.create' : 'rule.update',
          subject: { type: 'rule', id: rule.id, country: owner ?? undefined },
          details: { version: rule.version },
        },
        context,
        trx,
      );
      // As the list reads it, within the lock: the latest version of this rule is the one just stored.
      const written = (await latestRules(trx)).find((r) => r.id === rule.id)!;
      return viewOf(principal, written, await countrySettings(trx));
    });
    // This process sees its own change at once (once committed); the others within the cache's two seconds.
    this.cache = undefined;
    return saved;
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
    await this.ensureBuiltins();
    await this.db.transaction().execute(async (trx) => {
      if ((await latestVersion(trx, ruleId)) === undefined)
        throw new AppError('resource.not_found', `no rule ${ruleId}`);
      await setCountrySetting(trx, ruleId, country, enabled, principal.name);
      await this.audit.record(
        principal,
        { action: 'rule.switch', subject: { type: 'rule', id: ruleId, country }, details: { enabled } },
        context,
        trx,
      );
    });
    this.cache = undefined;
  }
}
