import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import type { ImportFormat } from './formats.js';
import type { ImportProblem } from './import.service.js';

const noRequest = { ip: null, requestId: null };

function ftm(id: string, properties: Record<string, string[]>, schema = 'Person'): string {
  return JSON.stringify({ id, schema, properties, datasets: ['test'] });
}

describeEachBackend('watchlist import', (database) => {
  let services: Services;
  let n = 0;
  before(() => {
    services = testServices(database());
  });

  async function importText(text: string, format: ImportFormat, options: { replace?: boolean; list?: string } = {}) {
    const list = options.list ?? `imp-${++n}`;
    if (options.list === undefined)
      await services.watchlists.create(
        operator,
        { id: list, name: list, kind: format === 'sltd' ? 'documents' : 'persons', ownerCountry: 'FRA' },
        noRequest,
      );
    const problems: ImportProblem[] = [];
    const summary = await services.imports.importStream(
      operator,
      list,
      Readable.from([text]),
      { format, replace: options.replace, onProblem: (p) => problems.push(p), batchSize: 2 },
      noRequest,
    );
    return { list, summary, problems };
  }

  it('loads the good rows of a FollowTheMoney file and reports each bad one with its line and reason', async () => {
    const lines = [
      ftm('p-1', {
        name: ['Amina Diallo'],
        birthDate: ['1990-04-12'],
        nationality: ['sn'],
        gender: ['female'],
        passportNumber: ['A1234567'],
      }),
      ftm('c-1', { name: ['Acme Shipping'] }, 'Company'),
      ftm('p-2', { name: ['Impossible Date'], birthDate: ['1980-13-45'] }),
      ftm('p-3', { name: [''] }),
      ftm('p-4', { name: ['x'.repeat(10_000)] }),
      'this is not json',
      ftm('p-5', { name: ['Иван Петров', 'Ivan Petrov'], alias: ['Vanya'], nationality: ['ru', 'suhh'] }),
      ftm('p-6', { name: ['Control\u0007 Chars\u200b Here'] }),
      ftm('p-7', { firstName: ['Li'], lastName: ['Wei'] }),
      '{"id": "p-8", "schema": "Person", "properties": {"name": ["Truncated',
    ];
    const { list, summary, problems } = await importText(lines.join('\n'), 'ftm');
    assert.equal(summary.read, 10);
    assert.equal(summary.inserted, 4);
    assert.deepEqual(summary.skipped, { Company: 1 });
    assert.equal(summary.rejected, 5);
    const rejected = problems.filter((p) => p.severity === 'rejected').map((p) => [p.line, p.reason]);
    assert.deepEqual(rejected, [
      [3, 'properties.birthDate: 1980-13-45 has no month 13'],
      [4, 'properties.name: is empty'],
      [5, 'properties.name: longer than 300 characters (10000)'],
      [6, rejected[3]![1]],
      [10, rejected[4]![1]],
    ]);
    assert.match(String(rejected[3]![1]), /^json: not valid JSON/);
    assert.match(String(rejected[4]![1]), /^json: not valid JSON/);
    assert.ok(problems.some((p) => p.severity === 'warning' && p.line === 7 && /suhh/.test(p.reason)));
    const rows = await database()
      .db.selectFrom('watchlist_persons')
      .select(['entity_id', 'name', 'aliases', 'nationalities'])
      .where('list_id', '=', list)
      .orderBy('entity_id')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.entity_id),
      ['p-1', 'p-5', 'p-6', 'p-7'],
    );
    const ivan = rows.find((r) => r.entity_id === 'p-5')!;
    assert.equal(ivan.name, 'Иван Петров');
    assert.deepEqual(ivan.aliases, [
      { name: 'Ivan Petrov', kind: 'alias' },
      { name: 'Vanya', kind: 'alias' },
    ]);
    assert.deepEqual(ivan.nationalities, ['RUS']);
    assert.equal(rows.find((r) => r.entity_id === 'p-6')!.name, 'Control Chars Here');
    assert.equal(rows.find((r) => r.entity_id === 'p-7')!.name, 'Li Wei');
  });

  it('is idempotent by entity id, and --replace removes what the file no longer has', async () => {
    const first = [
      ftm('a', { name: ['Anna A'] }),
      ftm('b', { name: ['Boris B'] }),
      ftm('c', { name: ['Chen C'] }),
    ].join('\n');
    const { list, summary } = await importText(first, 'ftm');
    assert.deepEqual([summary.inserted, summary.updated], [3, 0]);
    const again = await importText(first, 'ftm', { list });
    assert.deepEqual([again.summary.inserted, again.summary.updated, again.summary.removed], [0, 3, 0]);
    const second = [ftm('a', { name: ['Anna Renamed'] }), ftm('d', { name: ['Dmitri D'] })].join('\n');
    const replaced = await importText(second, 'ftm', { list, replace: true });
    assert.deepEqual([replaced.summary.inserted, replaced.summary.updated, replaced.summary.removed], [1, 1, 2]);
    const rows = await database()
      .db.selectFrom('watchlist_persons')
      .select(['entity_id', 'name'])
      .where('list_id', '=', list)
      .orderBy('entity_id')
      .execute();
    assert.deepEqual(rows, [
      { entity_id: 'a', name: 'Anna Renamed' },
      { entity_id: 'd', name: 'Dmitri D' },
    ]);
  });

  it('imports the person CSV and the stolen/lost document CSV', async () => {
    const persons =
      'id,name,aliases,birthDate,nationality,gender,documentNumber,documentCountry,noticeType,restrictedTo\n' +
      'n-1,"HADDAD, Karim",Kareem Haddad|كريم حداد,1980-02-01,LBN,M,RL1234567,LBN,red,DEU|ITA\n' +
      'n-2,Bad Notice,,,,,,,purple-ish,\n' +
      'n-3,Wrong Fields,too,many,fields,here,x,y,z,w,extra\n';
    const p = await importText(persons, 'csv');
    assert.equal(p.summary.inserted, 1);
    assert.deepEqual(
      p.problems.map((x) => [x.line, x.reason]),
      [
        [
          3,
          'noticeType: "purple-ish" is not a notice type (red, yellow, blue, green, black, orange, purple, un, diffusion, national)',
        ],
        [4, 'csv: expected 10 fields as in the header, found 11'],
      ],
    );
    const documents =
      'number,type,issuingState,status,reportedAt\nX0001234,P,ESP,stolen,2024-09-30\nY-555 666,ID,D,lost_blank,\nZ123,P,QQQ,lost,\n';
    const d = await importText(documents, 'sltd');
    assert.equal(d.summary.inserted, 1);
    assert.deepEqual(
      d.problems.map((x) => x.reason),
      [
        'status: "lost_blank" is not a status (stolen, lost, revoked, invalidated, stolen_blank)',
        'issuingState: unknown country code "QQQ"',
      ],
    );
  });

  it('takes the same id twice in one batch, the later row winning, with a warning', async () => {
    const text = 'number,type,issuingState,status\nAB123456,P,FRA,stolen\nAB123456,P,FRA,lost\nCD777888,P,FRA,lost\n';
    const { list, summary, problems } = await importText(text, 'sltd');
    assert.equal(summary.rejected, 0);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity]),
      [[3, 'warning']],
    );
    const rows = await database()
      .db.selectFrom('watchlist_documents')
      .select(['number', 'status'])
      .where('list_id', '=', list)
      .orderBy('number')
      .execute();
    assert.deepEqual(rows, [
      { number: 'AB123456', status: 'lost' },
      { number: 'CD777888', status: 'lost' },
    ]);
  });

  it('refuses a CSV without the required header, naming the missing columns', async () => {
    await assert.rejects(importText('name,birthDate\nA,1990\n', 'csv'), /line 1: the header lacks the column\(s\) id/);
  });

  it('refuses a list of another country, and a format the list cannot hold', async () => {
    const { list } = await importText(ftm('x', { name: ['X Y'] }), 'ftm');
    const foreign = {
      kind: 'user' as const,
      id: 'u',
      name: 'u',
      country: 'DEU',
      roles: ['admin' as const],
      sessionId: 's',
    };
    await assert.rejects(
      services.imports.importStream(foreign, list, Readable.from(['']), { format: 'ftm' }, noRequest),
      /no watchlist/,
    );
    await assert.rejects(
      services.imports.importStream(operator, list, Readable.from(['']), { format: 'sltd' }, noRequest),
      /holds persons: import ftm or csv/,
    );
  });
});
