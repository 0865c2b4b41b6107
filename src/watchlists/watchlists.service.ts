/**
 * Watchlists and their entries as users see them: lists are owned by a country; entries are shown whole to those
 * the owner shares them with and as "a record exists, contact <owner>" to everyone else; every view of a person's
 * record is audited.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canSeeRecord, type Principal } from '../access/policy.js';
import { requireCountry } from '../access/users.service.js';
import type { DocumentEntry, PersonEntry } from './entries.js';
import { DEFAULT_THRESHOLD } from '../screening/engine.js';
import {
  findDocument,
  findPerson,
  findWatchlist,
  insertWatchlist,
  listWatchlists,
  pageDocuments,
  pagePersons,
  type Watchlist,
  type WatchlistKind,
  type WatchlistWithCounts,
} from './watchlists.repository.js';

export interface NewWatchlistInput {
  readonly id: string;
  readonly name: string;
  readonly kind: WatchlistKind;
  readonly description?: string | undefined;
  readonly matchThreshold?: number | undefined;
  /** Only the operator may create a list for another country than its own. */
  readonly ownerCountry?: string | undefined;
}

/** An entry the caller may see whole, or only the owner's contact. */
export type Visible<T> = { readonly visible: true; readonly entry: T } | { readonly visible: false; readonly entry: T };

/** A new list's threshold: the matcher's operating point (see `DEFAULT_THRESHOLD`). */
export const defaultMatchThreshold = DEFAULT_THRESHOLD;

export class WatchlistsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: NewWatchlistInput, context: RequestContext): Promise<Watchlist> {
    if (!/^[a-z0-9][a-z0-9_-]{1,62}$/.test(input.id)) {
      throw new AppError(
        'request.invalid',
        'id: 2 to 63 lower-case letters, digits, - or _, starting with a letter or digit',
        { location: { field: 'id' } },
      );
    }
    // `/match/default` means every list the caller may screen (yente's name for its default dataset).
    if (input.id === 'default') {
      throw new AppError('request.invalid', 'id: "default" is reserved (/match/default screens every list)', {
        location: { field: 'id' },
      });
    }
    const owner = requireCountry(input.ownerCountry ?? principal.country ?? '', 'ownerCountry');
    if (principal.kind !== 'operator' && owner !== principal.country) {
      throw new AppError('auth.forbidden', `a list can be created only for one's own country (${principal.country})`, {
        location: { field: 'ownerCountry' },
      });
    }
    const threshold = input.matchThreshold ?? defaultMatchThreshold;
    if (!(threshold > 0 && threshold <= 1))
      throw new AppError('request.invalid', 'matchThreshold: a number in (0, 1]', {
        location: { field: 'matchThreshold' },
      });
    const list = await this.db.transaction().execute(async (trx) => {
      if ((await findWatchlist(trx, input.id)) !== undefined) {
        throw new AppError('resource.conflict', `a watchlist ${input.id} exists already`, {
          location: { field: 'id' },
        });
      }
      const created = await insertWatchlist(trx, {
        id: input.id,
        name: input.name.trim() || input.id,
        kind: input.kind,
        ownerCountry: owner,
        description: input.description?.trim() ?? '',
        matchThreshold: threshold,
      });
      await this.audit.record(
        principal,
        { action: 'watchlist.create', subject: { type: 'watchlist', id: created.id, country: owner } },
        context,
        trx,
      );
      return created;
    });
    return list;
  }

  /** All lists, with their counts: every participating country may screen against every list. */
  list(): Promise<WatchlistWithCounts[]> {
    return listWatchlists(this.db);
  }

  async get(id: string): Promise<Watchlist> {
    const list = await findWatchlist(this.db, id);
    if (list === undefined) throw new AppError('resource.not_found', `no watchlist ${id}`);
    return list;
  }

  /**
   * A page of a list's persons, each as the principal may see it. The page is a view of persons like any other: it is
   * audited, with the entity ids of those shown whole (and how many showed only whom to contact).
   */
  async browsePersons(
    principal: Principal,
    listId: string,
    afterKey: number,
    limit: number,
    context: RequestContext,
  ): Promise<Visible<PersonEntry>[]> {
    const list = await this.get(listId);
    const entries = await pagePersons(this.db, listId, afterKey, limit);
    const page = entries.map((entry) => ({ visible: canSeeRecord(principal, entry), entry }));
    await this.auditBrowse(principal, list, 'persons', afterKey, page, (e) => e.entityId, context);
    return page;
  }

  /** A page of a list's documents, each as the principal may see it; audited as browsePersons is. */
  async browseDocuments(
    principal: Principal,
    listId: string,
    afterKey: number,
    limit: number,
    context: RequestContext,
  ): Promise<Visible<DocumentEntry>[]> {
    const list = await this.get(listId);
    const entries = await pageDocuments(this.db, listId, afterKey, limit);
    const page = entries.map((entry) => ({ visible: canSeeRecord(principal, entry), entry }));
    await this.auditBrowse(principal, list, 'documents', afterKey, page, (e) => e.number, context);
    return page;
  }

  private auditBrowse<E>(
    principal: Principal,
    list: { id: string; ownerCountry: string },
    entries: 'persons' | 'documents',
    after: number,
    page: readonly Visible<E>[],
    idOf: (entry: E) => string,
    context: RequestContext,
  ): Promise<void> {
    return this.audit.record(
      principal,
      {
        action: 'watchlist.browse',
        subject: { type: 'watchlist', id: list.id, country: list.ownerCountry },
        details: {
          entries,
          after,
          shown: page.filter((v) => v.visible).map((v) => idOf(v.entry)),
          restricted: page.filter((v) => !v.visible).length,
        },
      },
      context,
    );
  }

  /** One person's record; the view is audited, and a restricted record shows only whom to contact. */
  async getPerson(
    principal: Principal,
    listId: string,
    entityId: string,
    context: RequestContext,
  ): Promise<Visible<PersonEntry>> {
    const entry = await findPerson(this.db, listId, entityId);
    if (entry === undefined) throw new AppError('resource.not_found', 'not found');
    const visible = canSeeRecord(principal, entry);
    await this.audit.record(
      principal,
      {
        action: 'person.view',
        subject: { type: 'person', id: `${listId}/${entityId}`, country: entry.ownerCountry },
        outcome: visible ? 'ok' : 'denied',
      },
      context,
    );
    return { visible, entry };
  }

  async getDocument(
    principal: Principal,
    listId: string,
    entityId: string,
    context: RequestContext,
  ): Promise<Visible<DocumentEntry>> {
    const entry = await findDocument(this.db, listId, entityId);
    if (entry === undefined) throw new AppError('resource.not_found', 'not found');
    const visible = canSeeRecord(principal, entry);
    await this.audit.record(
      principal,
      {
        action: 'document.view',
        subject: { type: 'document', id: `${listId}/${entityId}`, country: entry.ownerCountry },
        outcome: visible ? 'ok' : 'denied',
      },
      context,
    );
    return { visible, entry };
  }
}
