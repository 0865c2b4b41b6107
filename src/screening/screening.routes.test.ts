import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildToken, buildUser, buildWatchlist, operator, signIn } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { App } from '../http/app.js';
import type { Services } from '../services.js';

interface Hit {
  restricted: boolean;
  list: string;
  score: number;
  match: boolean;
  entry?: { entityId: string; name: string };
  contactCountry?: string;
  explanation?: { feature: string }[];
}

describeEachBackend('screening routes', (database) => {
  let app: App;
  let services: Services;
  let headers: Record<string, string>;
  let listId: string;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    const list = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [
        {
          id: 'w-1',
          name: 'Karim Haddad',
          birthDate: '1980-02-01',
          nationality: 'LBN',
          gender: 'male',
          documentNumber: 'RL1234567',
          documentCountry: 'LBN',
        },
        {
          id: 'w-2',
          name: 'Олена Коваленко',
          aliases: ['Olena Kovalenko'],
          birthDate: '1992-07-14',
          nationality: 'UKR',
          gender: 'female',
        },
        { id: 'w-3', name: 'Matteo Ricci', birthDate: '1975', nationality: 'ITA', restrictedTo: ['DEU'] },
      ],
      documents: [{ number: 'X0001234', issuingState: 'ESP' }],
    });
    listId = list.id;
    const officer = await buildUser(services, { country: 'ITA', roles: ['officer'] });
    headers = (await signIn(app, officer)).headers(true);
  });
  after(() => app.close());

  it('finds a person under a variant spelling and explains the score', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['HADDAD, Kareem'], birthDate: '1980-02-01' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ matcher: { name: string; version: string }; persons: Hit[] }>();
    assert.equal(body.matcher.name, 'lodestar-name');
    const top = body.persons[0]!;
    assert.equal(top.entry?.entityId, 'w-1');
    assert.equal(top.match, true);
    assert.ok(
      top.explanation!.some((f) => f.feature.startsWith('name')) &&
        top.explanation!.some((f) => f.feature === 'birthDate'),
    );
  });

  it('finds a Cyrillic entry from its Latin spelling', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Olena Kovalenko'] } },
    });
    assert.equal(res.json<{ persons: Hit[] }>().persons[0]?.entry?.entityId, 'w-2');
  });

  it('answers a hit on a restricted entry with only the owner to contact', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Matteo Ricci'], birthDate: '1975' } },
    });
    const hit = res.json<{ persons: Hit[] }>().persons[0]!;
    assert.equal(hit.restricted, true);
    assert.equal(hit.contactCountry, 'FRA');
    assert.ok(!res.body.includes('Ricci'), 'no detail of the restricted record');
  });

  it("tells a restricted hit only as a match at its list's threshold, with that threshold as its score", async () => {
    const list = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      matchThreshold: 0.7,
      persons: [
        {
          id: 'oracle-1',
          name: 'Amal Haddad',
          birthDate: '1987-06-14',
          nationality: 'SYR',
          gender: 'female',
          restrictedTo: ['FRA'],
        },
      ],
    });
    // Each detail of the record moves its own score: were it shown, the caller would read them off it.
    const screen = async (person: object, threshold: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/screenings',
        headers,
        payload: { person: { names: ['Amal Haddad'], ...person }, lists: [list.id], threshold },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ persons: Hit[] }>().persons;
    };
    for (const person of [{}, { birthDate: '1987-06-14' }, { birthDate: '1988' }, { nationality: 'SYR' }]) {
      for (const threshold of [0.01, 0.7, 0.99]) {
        assert.deepEqual(
          (await screen(person, threshold)).map((h) => [h.restricted, h.contactCountry, h.score, h.match]),
          [[true, 'FRA', 0.7, true]],
          `${JSON.stringify(person)} at ${threshold}`,
        );
      }
    }
    // Far from the record: no match at the list's threshold, so nothing, however low the threshold asked.
    assert.deepEqual(await screen({ birthDate: '1950' }, 0.01), []);

    const match = async (birthDate: string) => {
      const res = await app.inject({
        method: 'POST',
        url: `/match/${list.id}?threshold=0.01`,
        headers,
        payload: {
          queries: { q: { schema: 'Person', properties: { name: ['Amal Haddad'], birthDate: [birthDate] } } },
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ responses: { q: { results: { restricted: boolean; score: number; match: boolean }[] } } }>()
        .responses.q.results;
    };
    assert.deepEqual(
      (await match('1987-06-14')).map((r) => [r.restricted, r.score, r.match]),
      [[true, 0.7, true]],
    );
    assert.deepEqual(
      (await match('1988')).map((r) => [r.restricted, r.score, r.match]),
      [[true, 0.7, true]],
    );
    assert.deepEqual(await match('1950'), []);
  });

  it('places a restricted hit by the threshold it is shown with, not by the score it hides', async () => {
    const list = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      matchThreshold: 0.7,
      persons: [
        { id: 'place-r', name: 'Amal Haddad', birthDate: '1987-06-14', nationality: 'SYR', restrictedTo: ['FRA'] },
        { id: 'place-o', name: 'Amal Hadad' },
      ],
    });
    // The restricted entry scores 1 on this query, the open one less, but above the list's threshold.
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Amal Haddad'], birthDate: '1987-06-14' }, lists: [list.id] },
    });
    const persons = res.json<{ persons: Hit[] }>().persons;
    assert.deepEqual(
      persons.map((h) => [h.entry?.entityId ?? 'restricted', h.match]),
      [
        ['place-o', true],
        ['restricted', true],
      ],
    );
    assert.ok(persons[0]!.score > 0.7 && persons[1]!.score === 0.7, JSON.stringify(persons));
    // Cut to one, the open hit is the one kept.
    const one = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Amal Haddad'], birthDate: '1987-06-14' }, lists: [list.id], limit: 1 },
    });
    assert.deepEqual(
      one.json<{ persons: Hit[] }>().persons.map((h) => h.entry?.entityId),
      ['place-o'],
    );
  });

  it('does not tell whether a restricted document was listed exactly or found through OCR folding', async () => {
    const list = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      documents: [{ number: 'ZB7000123', issuingState: 'FRA' }],
    });
    // The document importer takes no restriction: the owner sets it afterwards, as an edit would.
    await sql`update watchlist_documents set restricted_to = '{FRA}' where list_id = ${list.id}`.execute(database().db);
    const lookUp = async (number: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/screenings',
        headers,
        payload: { document: { number }, lists: [list.id] },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ documents: Record<string, unknown>[] }>().documents;
    };
    const exact = await lookUp('ZB7000123');
    const ocr = await lookUp('Z87OOO123');
    assert.equal(exact.length, 1);
    assert.deepEqual(exact, ocr);
    assert.equal(exact[0]!.restricted, true);
    assert.equal(exact[0]!.how, undefined);
  });

  it('looks a stolen document up, tolerating OCR confusions', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { document: { number: 'XOOO1234', country: 'ESP' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const docs = res.json<{ documents: { kind: string; how: string; document?: { number: string } }[] }>().documents;
    assert.equal(docs[0]?.document?.number, 'X0001234');
    assert.equal(docs[0]?.how, 'ocr');
  });

  it('audits every screening with a fingerprint, not the names', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Somebody Unlisted'] } },
    });
    const row = await database()
      .db.selectFrom('audit_log')
      .select(['details', 'actor_country'])
      .where('action', '=', 'screening.person')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(row.actor_country, 'ITA');
    assert.ok(!JSON.stringify(row.details).includes('Unlisted'));
    assert.equal(typeof (row.details as { query: unknown }).query, 'string');
  });

  it("commits a token's use with the screening it made, once, before answering", async () => {
    const { token, record } = await buildToken(services, { country: 'ITA', scopes: ['screen'] });
    const uses = () =>
      database().db.selectFrom('api_tokens').select('use_count').where('id', '=', record.id).executeTakeFirstOrThrow();
    for (let i = 1; i <= 3; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/screenings',
        headers: { authorization: `Bearer ${token}` },
        payload: { person: { names: ['Karim Haddad'] } },
      });
      assert.equal(res.statusCode, 200, res.body);
      // Read as soon as the answer came: both entries and the count are committed, by one transaction.
      const entries = await sql<{ action: string; tx: string }>`
        select action, xmin::text as tx from audit_log where request_id = ${String(res.headers['x-request-id'])}
        order by seq`.execute(database().db);
      assert.deepEqual(
        entries.rows.map((r) => r.action),
        ['token.use', 'screening.person'],
      );
      assert.equal(entries.rows[0]!.tx, entries.rows[1]!.tx);
      assert.equal((await uses()).use_count, i);
    }
  });

  it("flags a match at the list's own threshold unless the request sets one", async () => {
    const strict = await buildWatchlist(services, {
      matchThreshold: 0.95,
      persons: [{ id: 's-1', name: 'Karim Haddad', birthDate: '1980-02-01', nationality: 'LBN' }],
    });
    // A close variant without a birth date: a match at the default threshold, not at this list's.
    const person = { names: ['Kareem Hadad'] };
    const screen = async (threshold?: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/screenings',
        headers,
        payload: { person, lists: [strict.id], ...(threshold === undefined ? {} : { threshold }) },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ persons: Hit[] }>().persons[0]!;
    };
    const atList = await screen();
    assert.equal(atList.entry?.entityId, 's-1');
    assert.ok(atList.score >= 0.6 && atList.score < 0.95, `score ${atList.score}`);
    assert.equal(atList.match, false);
    assert.equal((await screen(0.5)).match, true);

    // yente's /match, without and with a threshold of its own.
    const match = async (threshold?: number) => {
      const res = await app.inject({
        method: 'POST',
        url: `/match/${strict.id}${threshold === undefined ? '' : `?threshold=${threshold}`}`,
        headers,
        payload: {
          queries: { q: { schema: 'Person', properties: { name: ['Kareem Hadad'] } } },
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ responses: { q: { results: { id: string; match: boolean }[] } } }>().responses.q.results[0]!;
    };
    assert.equal((await match()).match, false);
    assert.equal((await match(0.5)).match, true);
  });

  it('puts matches before non-matches across lists, sorts documents across lists, and screens each list once', async () => {
    const strict = await buildWatchlist(services, {
      matchThreshold: 0.95,
      persons: [{ id: 'strict-1', name: 'Karim Haddad' }],
      documents: [{ number: 'X0001234', issuingState: 'ESP' }],
    });
    const lax = await buildWatchlist(services, {
      matchThreshold: 0.6,
      persons: [{ id: 'lax-1', name: 'Kareem Hadad' }],
      documents: [{ number: 'XOOO1234', issuingState: 'ESP' }],
    });
    const screen = async (payload: object) => {
      const res = await app.inject({ method: 'POST', url: '/api/screenings', headers, payload });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ persons: Hit[]; documents: { score: number; list: string }[] }>();
    };
    const both = await screen({ person: { names: ['Karim Haddad'] }, lists: [strict.id, lax.id], limit: 2 });
    assert.deepEqual(
      both.persons.map((h) => [h.entry?.entityId, h.match]),
      [
        ['lax-1', true],
        ['strict-1', false],
      ],
    );
    assert.ok(both.persons[1]!.score > both.persons[0]!.score);
    const one = await screen({ person: { names: ['Karim Haddad'] }, lists: [strict.id, lax.id], limit: 1 });
    assert.equal(one.persons[0]?.entry?.entityId, 'lax-1');

    // The exact number is in the second list, an OCR variant in the first.
    const documents = await screen({ document: { number: 'XOOO1234' }, lists: [strict.id, lax.id], limit: 1 });
    assert.deepEqual(
      documents.documents.map((d) => [d.list, d.score]),
      [[lax.id, 1]],
    );

    const twice = await screen({ person: { names: ['Karim Haddad'] }, lists: [strict.id, strict.id], limit: 5 });
    assert.equal(twice.persons.length, 1);
  });

  it('screens a list created since the index last read the lists, before its first entry', async () => {
    const empty = await services.watchlists.create(
      operator,
      { id: `empty-${Date.now()}`, name: 'Empty', kind: 'mixed', ownerCountry: 'FRA' },
      { ip: null, requestId: null },
    );
    await services.index.catchUp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Karim Haddad'] }, lists: [empty.id] },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<{ persons: Hit[] }>().persons, []);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Karim Haddad'] }, lists: ['no-such-list'] },
    });
    assert.equal(missing.statusCode, 404);
  });

  it('reads yente queries as FollowTheMoney writes them: a date with a time, a country code no state has', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/match/${listId}?limit=1`,
      headers,
      payload: {
        queries: {
          q: {
            schema: 'Person',
            properties: { name: ['Karim Hadad'], birthDate: ['1980-02-01T00:00:00'], nationality: ['zz', 'lb'] },
          },
          none: { schema: 'Person', properties: { name: ['Karim Hadad'], nationality: ['zz'] } },
        },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      responses: Record<string, { results: { id: string; features: Record<string, number> }[] }>;
    }>();
    const top = body.responses.q!.results[0]!;
    assert.equal(top.id, 'w-1');
    assert.ok((top.features.birthDate ?? 0) > 0 && (top.features.nationality ?? 0) > 0, JSON.stringify(top.features));
    assert.equal(body.responses.none!.results[0]?.id, 'w-1');
    // An impossible date is still refused, naming the query and field.
    const bad = await app.inject({
      method: 'POST',
      url: `/match/${listId}`,
      headers,
      payload: { queries: { q: { schema: 'Person', properties: { name: ['Karim'], birthDate: ['1980-13-45'] } } } },
    });
    assert.equal(bad.statusCode, 400);
    // A query id longer than 100 characters is refused, not taken.
    const longId = await app.inject({
      method: 'POST',
      url: `/match/${listId}`,
      headers,
      payload: { queries: { ['q'.repeat(101)]: { schema: 'Person', properties: { name: ['Karim'] } } } },
    });
    assert.equal(longId.statusCode, 400, longId.body);
  });

  it('answers invalid requests with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ person: { names: [] } }, 'body.person.names'],
      [{ person: { names: ['x'.repeat(400)] } }, 'body.person.names.0'],
      [{ person: { names: ['Karim'], birthDate: '1980-13-45' } }, 'body.person.birthDate'],
      [{ person: { names: ['\u0007\u0008'] } }, 'body.person.names.0'],
      [{ document: { number: 'X0001234', country: 'QQ' } }, 'body.document.country'],
      [
        { person: { names: ['Karim'], documents: [{ number: 'RL1234567', country: 'QQQ' }] } },
        'body.person.documents.0.country',
      ],
      [{}, 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/screenings', headers, payload: payload as object });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json<{ error: { field: string } }>().error.field, field);
    }
  });

  it('answers a request in yente’s format in yente’s format', async () => {
    const { token } = await buildToken(services, { country: 'ITA', scopes: ['screen'] });
    const res = await app.inject({
      method: 'POST',
      url: `/match/${listId}?limit=3`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        queries: {
          q1: {
            schema: 'Person',
            properties: { name: ['Karim Hadad'], birthDate: ['1980-02-01'], nationality: ['lb'] },
          },
          q2: { schema: 'Person', properties: { firstName: ['Olena'], lastName: ['Kovalenko'] } },
        },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      responses: Record<
        string,
        {
          status: number;
          results: {
            id: string;
            caption: string;
            score: number;
            match: boolean;
            features: Record<string, number>;
            properties: { nationality?: string[] };
          }[];
          total: { value: number };
        }
      >;
      limit: number;
      matcher: Record<string, { description: string; coefficient: number; url: string }>;
      lodestarMatcher: string;
    }>();
    assert.equal(body.limit, 3);
    assert.match(body.lodestarMatcher, /^lodestar-name@\d+\.\d+\.\d+$/);
    const q1 = body.responses.q1!;
    assert.equal(q1.status, 200);
    assert.equal(q1.results[0]?.id, 'w-1');
    assert.equal(q1.results[0]?.caption, 'Karim Haddad');
    assert.deepEqual(q1.results[0]?.properties.nationality, ['lb']);
    assert.ok(Object.keys(q1.results[0].features).length > 0);
    // Every feature a result names is documented in `matcher`, as yente documents its own.
    for (const feature of Object.keys(q1.results[0].features)) {
      const doc = body.matcher[feature];
      assert.ok(doc !== undefined && doc.description.length > 0 && doc.coefficient > 0, feature);
    }
    assert.equal(body.responses.q2?.results[0]?.id, 'w-2');
    const unknown = await app.inject({
      method: 'POST',
      url: '/match/no-such-list',
      headers: { authorization: `Bearer ${token}` },
      payload: { queries: {} },
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ error: { field: string } }>().error.field, 'params.list');
  });

  it('sees entries imported after start-up without a restart', async () => {
    const before = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Zhang Wei'] }, lists: [listId] },
    });
    assert.ok(!before.json<{ persons: Hit[] }>().persons.some((h) => h.match));
    await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [{ id: 'z-1', name: '张伟', birthDate: '1988-03-03' }],
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Zhang Wei'], birthDate: '1988-03-03' } },
    });
    assert.equal(res.json<{ persons: Hit[] }>().persons[0]?.entry?.entityId, 'z-1');
  });
});

describeEachBackend('batch screening while entries are removed', (database) => {
  it('gives each query its own hits when an entry found by the index is gone from the database', async () => {
    const services = testServices(database());
    const app = await buildTestApp(database(), {}, services);
    try {
      const list = await buildWatchlist(services, {
        ownerCountry: 'FRA',
        persons: [
          { id: 'gone-1', name: 'Karim Haddad', birthDate: '1980-02-01' },
          { id: 'kept-1', name: 'Olena Kovalenko', birthDate: '1992-07-14' },
        ],
      });
      const { token } = await buildToken(services, { country: 'FRA', scopes: ['screen'] });
      // Removed behind the index's back (no change recorded), as if the removal had not reached this server yet.
      await database()
        .db.transaction()
        .execute(async (trx) => {
          await sql`set local session_replication_role = replica`.execute(trx);
          await sql`delete from watchlist_persons where entity_id = 'gone-1'`.execute(trx);
        });
      const res = await app.inject({
        method: 'POST',
        url: `/match/${list.id}?limit=1`,
        headers: { authorization: `Bearer ${token}` },
        payload: {
          queries: {
            q1: { schema: 'Person', properties: { name: ['Karim Haddad'], birthDate: ['1980-02-01'] } },
            q2: { schema: 'Person', properties: { name: ['Olena Kovalenko'], birthDate: ['1992-07-14'] } },
          },
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ responses: Record<string, { results: { id: string }[] }> }>();
      assert.deepEqual(
        body.responses.q1!.results.map((r) => r.id),
        [],
      );
      assert.deepEqual(
        body.responses.q2!.results.map((r) => r.id),
        ['kept-1'],
      );
    } finally {
      await app.close();
    }
  });
});
