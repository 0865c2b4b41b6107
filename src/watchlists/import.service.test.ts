import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend } from '../../test/database.js';
import { operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { AuditService } from '../access/audit.service.js';
import { isAppError } from '../errors.js';
import type { Services } from '../services.js';
import type { ImportFormat } from './formats.js';
import { ImportService, type ImportProblem } from './import.service.js';

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

  async function importText(
    text: string | Buffer,
    format: ImportFormat,
    options: { replace?: boolean; list?: string } = {},
  ) {
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

  /** The details of the audit entries of imports into `list`, oldest first. */
  async function importEntries(list: string) {
    const rows = await database()
      .db.selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'watchlist.import')
      .where('subject_id', '=', list)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.details);
  }

  /** A list's documents, number and status, by number. */
  function documentsOf(list: string) {
    return database()
      .db.selectFrom('watchlist_documents')
      .select(['number', 'status'])
      .where('list_id', '=', list)
      .orderBy('number')
      .execute();
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
    assert.deepEqual(
      [again.summary.inserted, again.summary.updated, again.summary.unchanged, again.summary.removed],
      [0, 0, 3, 0],
    );
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
    assert.deepEqual(await documentsOf(list), [
      { number: 'AB123456', status: 'lost' },
      { number: 'CD777888', status: 'lost' },
    ]);
  });

  it('warns of an id the file repeats in a later batch too, naming the line it first appeared on', async () => {
    // Batches of two rows: AB123456 on lines 2 and 5 is written by two batches.
    const text =
      'number,type,issuingState,status\nAB123456,P,FRA,stolen\nCD777888,P,FRA,lost\nEF111222,P,FRA,lost\n' +
      'AB123456,P,FRA,revoked\nAB123456,P,FRA,lost\n';
    const { list, summary, problems } = await importText(text, 'sltd');
    assert.equal(summary.rejected, 0);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.reason]),
      [
        [5, 'warning', 'the same id appeared earlier in the file (line 2): this row replaces it'],
        [6, 'warning', 'the same id appeared earlier in the file (line 2): this row replaces it'],
      ],
    );
    assert.deepEqual(
      (await documentsOf(list)).filter((d) => d.number === 'AB123456'),
      [{ number: 'AB123456', status: 'lost' }],
    );
  });

  async function personsOf(list: string) {
    return database()
      .db.selectFrom('watchlist_persons')
      .select(['entity_id', 'name', 'aliases', 'reference', 'remarks', 'owner_country', 'restricted_to'])
      .where('list_id', '=', list)
      .orderBy('entity_id')
      .execute();
  }

  it('rejects a document whose reportedAt is not a full date, with its line, and loads the others', async () => {
    const text =
      'number,type,issuingState,status,reportedAt,ownerCountry,reference\n' +
      'XY001198,P,FRA,stolen,2020-05-01,,\n' +
      'XY001199,P,FRA,stolen,,,\n' +
      'XY001200,P,FRA,stolen,2020,,\n' +
      'XY001201,P,FRA,lost,2020-05,,\n' +
      'XY001202,P,FRA,lost,2021-01-31,,\n';
    const { list, summary, problems } = await importText(text, 'sltd');
    assert.deepEqual([summary.read, summary.inserted, summary.rejected], [5, 3, 2]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.reason]),
      [
        [4, 'rejected', 'reportedAt: 2020 is not a full date (expected YYYY-MM-DD)'],
        [5, 'rejected', 'reportedAt: 2020-05 is not a full date (expected YYYY-MM-DD)'],
      ],
    );
    assert.deepEqual(
      (await documentsOf(list)).map((r) => r.number),
      ['XY001198', 'XY001199', 'XY001202'],
    );
  });

  it('removes control characters from free text as from names, and rejects text that is not well-formed UTF-16', async () => {
    // A file is bytes: UTF-8 has no lone surrogates (the reader rejects a record with a broken sequence), so they
    // come only from JSON escapes, below.
    const csv =
      'id,name,reference,remarks\n' +
      'c1,Good Name,ref\u0000x,seen\u0000 in\u0007 Lyon\n' +
      'c2,Other Name,,"multi-line\tremark\r\nkept"\n';
    const c = await importText(csv, 'csv');
    assert.deepEqual(c.problems, []);
    assert.deepEqual(
      (await personsOf(c.list)).map((r) => [r.entity_id, r.reference, r.remarks]),
      [
        ['c1', 'ref x', 'seen in Lyon'],
        ['c2', null, 'multi-line\tremark\r\nkept'],
      ],
    );

    const lines = [
      ftm('f1', { name: ['Good Note'], notes: ['bad\u0000note', 'second'] }),
      ftm('f2', { name: ['Bad Alias'], alias: ['Bad \ud800 Alias'] }),
      ftm('f3', { name: ['Bad Note'], notes: ['cut \udfff'] }),
      ftm('f4', { name: ['Emoji Ok 😀'], notes: ['x' + '😀'.repeat(1500)] }),
      ftm('f5', { name: ['Cut\ud83d'] }),
      ftm('f6\udc00', { name: ['Bad Id'] }),
    ];
    const f = await importText(lines.join('\n'), 'ftm');
    assert.deepEqual(
      f.problems.map((p) => [p.line, p.reason]),
      [
        [2, 'properties.alias: is not well-formed Unicode (a lone surrogate: cut or mis-encoded text)'],
        [3, 'properties.notes: is not well-formed Unicode (a lone surrogate: cut or mis-encoded text)'],
        [5, 'properties.name: is not well-formed Unicode (a lone surrogate: cut or mis-encoded text)'],
        [6, 'id: is not well-formed Unicode (a lone surrogate: cut or mis-encoded text)'],
      ],
    );
    const notes = await personsOf(f.list);
    assert.deepEqual(
      notes.map((r) => r.entity_id),
      ['f1', 'f4'],
    );
    assert.equal(notes[0]!.remarks, 'bad note second');
    // Cut to its length limit without leaving half of a surrogate pair behind.
    assert.equal(notes[1]!.remarks, 'x' + '😀'.repeat(999));
  });

  it('rejects a row or line holding bytes that are not UTF-8 with its line, loads the others, and replace keeps its entry', async () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const csv = Buffer.concat([
      Buffer.from('id,name\nu1,Good Name\nu2,'),
      latin1('José Müller'),
      Buffer.from('\nu3,"Literal \uFFFD Kept"\n'),
    ]);
    const c = await importText(csv, 'csv');
    assert.deepEqual(
      c.problems.map((p) => [p.line, p.severity, p.reason]),
      [
        [
          3,
          'rejected',
          'csv: field 2 is not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?',
        ],
      ],
    );
    assert.deepEqual(
      (await personsOf(c.list)).map((r) => r.entity_id),
      ['u1', 'u3'],
    );

    const first = await importText(
      [ftm('f1', { name: ['Anna Good'] }), ftm('f2', { name: ['Jose Old'] })].join('\n'),
      'ftm',
    );
    const again = Buffer.concat([
      Buffer.from(ftm('f1', { name: ['Anna Good'] }) + '\n'),
      latin1(ftm('f2', { name: ['José New'] })),
      Buffer.from('\n'),
    ]);
    const f = await importText(again, 'ftm', { list: first.list, replace: true });
    assert.deepEqual(
      f.problems.map((p) => [p.line, p.severity, p.reason]),
      [[2, 'rejected', 'encoding: not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?']],
    );
    // The rejected line named f2: replace keeps its entry, as it was.
    assert.deepEqual(
      (await personsOf(f.list)).map((r) => [r.entity_id, r.name]),
      [
        ['f1', 'Anna Good'],
        ['f2', 'Jose Old'],
      ],
    );
  });

  it('retries a batch the database refuses row by row: only the refused row is rejected, with its reason', async () => {
    const db = database().db;
    // A constraint the validation does not know stands for any refusal by the database (a type, a limit).
    await sql`alter table watchlist_documents add constraint test_refused check (reference is distinct from 'refused')`.execute(
      db,
    );
    try {
      const text =
        'number,type,issuingState,status,reference\n' +
        'RR000001,P,FRA,stolen,a\n' +
        'RR000002,P,FRA,stolen,b\n' +
        'RR000003,P,FRA,stolen,refused\n' +
        'RR000004,P,FRA,stolen,d\n' +
        'RR000005,P,FRA,stolen,e\n' +
        // In the last batch, which commits with the audit entry: its refusal must not undo the entry or the batch.
        'RR000006,P,FRA,stolen,refused\n';
      const { list, summary, problems } = await importText(text, 'sltd');
      assert.deepEqual([summary.read, summary.inserted, summary.rejected], [6, 4, 2]);
      assert.deepEqual(
        problems.map((p) => [p.line, p.entityId]),
        [
          [4, 'FRA:RR000003'],
          [7, 'FRA:RR000006'],
        ],
      );
      assert.match(problems[0]!.reason, /^database: .*test_refused/);
      assert.deepEqual(
        (await documentsOf(list)).map((r) => r.number),
        ['RR000001', 'RR000002', 'RR000004', 'RR000005'],
      );
      assert.deepEqual(
        (await importEntries(list)).map((d) => [d.inserted, d.rejected]),
        [[4, 2]],
      );
    } finally {
      await sql`alter table watchlist_documents drop constraint test_refused`.execute(db);
    }
  });

  it('keeps under --replace the entries whose rows were rejected, and removes nothing when no row loaded', async () => {
    const header = 'id,name,birthDate\n';
    const { list } = await importText(
      `${header}p1,Paul One,1980-01-01\np2,Peter Two,1981-02-02\np3,Pia Three,\np4,Pat Four,\n`,
      'csv',
    );
    const replaced = await importText(`${header}p1,Paul One,1980-01-01\np2,Peter Two,1980-13-45\n,Nobody,\n`, 'csv', {
      list,
      replace: true,
    });
    assert.deepEqual(
      [
        replaced.summary.unchanged,
        replaced.summary.removed,
        replaced.summary.rejected,
        replaced.summary.replaceSkipped,
      ],
      [1, 2, 2, null],
    );
    assert.deepEqual(
      (await personsOf(list)).map((r) => r.entity_id),
      ['p1', 'p2'],
    );

    // A FollowTheMoney line whose id can be read keeps its entry, even cut short.
    await importText(`${header}p3,Pia Three,\np4,Pat Four,\n`, 'csv', { list });
    const ftmReplace = await importText(
      [ftm('p1', { name: ['Paul One'] }), '{"id": "p3", "schema": "Person", "properties": {"name": ["Pia'].join('\n'),
      'ftm',
      { list, replace: true },
    );
    assert.deepEqual([ftmReplace.summary.removed, ftmReplace.summary.rejected], [2, 1]);
    assert.deepEqual(
      (await personsOf(list)).map((r) => r.entity_id),
      ['p1', 'p3'],
    );

    // The person CSV imported as FollowTheMoney by mistake: every row rejected, nothing removed, and the report says so.
    const wrong = await importText(`${header}p1,Paul One,\np3,Pia Three,\n`, 'ftm', { list, replace: true });
    assert.deepEqual([wrong.summary.rejected, wrong.summary.removed, wrong.summary.warnings], [3, 0, 1]);
    assert.equal(wrong.summary.replaceSkipped, 'no row of the file loaded, so no entry was removed');
    assert.deepEqual(
      wrong.problems.filter((p) => p.severity === 'warning').map((p) => [p.line, p.reason]),
      [[0, 'replace: no row of the file loaded, so no entry was removed']],
    );
    assert.deepEqual(
      (await personsOf(list)).map((r) => r.entity_id),
      ['p1', 'p3'],
    );
  });

  it('skips the other FollowTheMoney schemata, and rejects a schema the model does not have, keeping its entry under --replace', async () => {
    const { list } = await importText(
      [ftm('p-typo', { name: ['Tina Typo'] }), ftm('p-lower', { name: ['Lara Lower'] })].join('\n'),
      'ftm',
    );
    const lines = [
      ftm('kept', { name: ['Imported And Audited'] }),
      ftm('v', { name: ['boat'] }, 'Vessel'),
      ftm('c', { name: ['Acme'] }, 'Company'),
      ftm('s', { name: ['EU sanction'] }, 'Sanction'),
      ftm('p-typo', { name: ['Tina Typo'] }, 'Persn'),
      ftm('p-lower', { name: ['Lara Lower'] }, 'person'),
      ftm('x', { name: ['prototype'] }, '__proto__'),
      ftm('n', { name: ['nul'] }, 'Vessel\u0000'),
      ftm('l', { name: ['long'] }, 'Ship\uD800' + 'x'.repeat(60)),
    ];
    const { summary, problems } = await importText(lines.join('\n'), 'ftm', { list, replace: true });
    assert.deepEqual(summary.skipped, { Vessel: 1, Company: 1, Sanction: 1 });
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.reason]),
      [
        [5, 'rejected', 'schema: unknown "Persn" (did you mean Person?)'],
        [6, 'rejected', 'schema: unknown "person" (did you mean Person?)'],
        [7, 'rejected', 'schema: unknown "__proto__" (not a FollowTheMoney schema)'],
        [8, 'rejected', 'schema: unknown "Vessel\uFFFD" (did you mean Vessel?)'],
        [9, 'rejected', `schema: unknown "Ship\uFFFD${'x'.repeat(45)}"… (not a FollowTheMoney schema)`],
      ],
    );
    assert.deepEqual([summary.inserted, summary.rejected, summary.removed], [1, 5, 0]);
    // The rows of a mistaken schema named their entities: --replace kept them.
    assert.deepEqual(
      (await personsOf(list)).map((r) => r.entity_id),
      ['kept', 'p-lower', 'p-typo'],
    );
    const [, entry] = await importEntries(list);
    assert.deepEqual(entry!.skipped, summary.skipped);
  });

  it('commits the last batch and the --replace removal with the audit entry, or neither', async () => {
    const { list } = await importText(
      [ftm('p0', { name: ['Paul Zero'] }), ftm('p1', { name: ['Pia One'] })].join('\n'),
      'ftm',
    );
    // An audit log that refuses the entry stands for any failure to write it (the database, a lost connection).
    class RefusingAudit extends AuditService {
      override record(): Promise<void> {
        return Promise.reject(new Error('the audit log refused the entry'));
      }
    }
    const imports = new ImportService(database().db, new RefusingAudit(database().db));
    const file = [ftm('p1', { name: ['Pia Renamed'] }), ftm('new-1', { name: ['Never Audited'] })].join('\n');
    await assert.rejects(
      imports.importStream(operator, list, Readable.from([file]), { format: 'ftm', replace: true }, noRequest),
      /the audit log refused the entry/,
    );
    assert.deepEqual(
      (await personsOf(list)).map((r) => [r.entity_id, r.name]),
      [
        ['p0', 'Paul Zero'],
        ['p1', 'Pia One'],
      ],
    );
  });

  it('reads a FollowTheMoney file that starts with a byte order mark', async () => {
    const { summary, problems } = await importText(`\uFEFF${ftm('bom-1', { name: ['Bo Mark'] })}\n`, 'ftm');
    assert.deepEqual([summary.inserted, summary.rejected], [1, 0]);
    assert.deepEqual(problems, []);
  });

  it('stores the owner and restriction countries as the states’ ISO codes, and rejects codes of no state', async () => {
    const csv =
      'id,name,ownerCountry,restrictedTo\n' +
      'k1,Karl Klein,D,D|GBD|fr|DEU\n' +
      'k2,Kim Kurz,,XXA\n' +
      'k3,Kai Kern,UNO,\n' +
      'k4,Kit Kamp,,QQQ\n';
    const p = await importText(csv, 'csv');
    assert.deepEqual(
      p.problems.map((x) => [x.line, x.reason]),
      [
        [3, 'restrictedTo: XXA (Stateless person (1954 Convention)) is not a state'],
        [4, 'ownerCountry: UNO (United Nations Organization or one of its officials) is not a state'],
        [5, 'restrictedTo: unknown country code "QQQ"'],
      ],
    );
    assert.deepEqual(
      (await personsOf(p.list)).map((r) => [r.entity_id, r.owner_country, r.restricted_to]),
      [['k1', 'DEU', ['DEU', 'GBR', 'FRA']]],
    );
    const d = await importText('number,issuingState,status,ownerCountry\nDD123456,D,stolen,D\n', 'sltd');
    assert.equal(d.summary.inserted, 1);
    const documents = await database()
      .db.selectFrom('watchlist_documents')
      .select(['issuing_state', 'owner_country'])
      .where('list_id', '=', d.list)
      .execute();
    // The issuing state is stored by its nationality key, as screening compares it: D is DEU.
    assert.deepEqual(documents, [{ issuing_state: 'DEU', owner_country: 'DEU' }]);
  });

  it('refuses a CSV without the required header, naming the missing columns and the line of the header', async () => {
    await assert.rejects(importText('name,birthDate\nA,1990\n', 'csv'), /line 1: the header lacks the column\(s\) id/);
    // After blank lines, the header is not on line 1.
    await assert.rejects(
      importText('\n\nname,birthDate\nA,1990\n', 'csv'),
      (error: unknown) =>
        isAppError(error, 'request.invalid') &&
        error.location?.line === 3 &&
        error.message === 'line 3: the header lacks the column(s) id; it has name, birthDate',
    );
  });

  it('warns on the header line of each column the format does not read, naming the column it most likely meant', async () => {
    const csv = '\nid,name,birthdate,nationalty,Gender,dob,\nh1,Hanna Holm,1970-01-01,SWE,F,x,\n';
    const { list, summary, problems } = await importText(csv, 'csv');
    const notRead = 'is not a column of this format: its values are not read';
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.entityId, p.reason]),
      [
        [2, 'warning', undefined, `header: column "birthdate" ${notRead} (did you mean birthDate?)`],
        [2, 'warning', undefined, `header: column "nationalty" ${notRead} (did you mean nationality?)`],
        [2, 'warning', undefined, `header: column "Gender" ${notRead} (did you mean gender?)`],
        [
          2,
          'warning',
          undefined,
          `header: column "dob" ${notRead} (the columns are id, name, aliases, birthDate, nationality, gender, documentNumber, documentCountry, noticeType, ownerCountry, restrictedTo, reference, remarks)`,
        ],
        [2, 'warning', undefined, 'header: column 7 has no name: its values are not read'],
      ],
    );
    assert.deepEqual([summary.inserted, summary.rejected, summary.warnings], [1, 0, 5]);
    assert.equal((await personsOf(list)).length, 1);
    const documents = await importText(
      'number,issuingState,status,reportedat\nAB123456,FRA,stolen,2024-01-02\n',
      'sltd',
    );
    assert.deepEqual(
      documents.problems.map((p) => [p.line, p.reason]),
      [[1, `header: column "reportedat" ${notRead} (did you mean reportedAt?)`]],
    );
  });

  it('keeps one entry for a stolen document whichever code its issuing state is written in, and screening finds it by either', async () => {
    const { list } = await importText('number,issuingState,status\nDD123456,D,stolen\nEE123456,GBD,lost\n', 'sltd');
    const again = await importText('number,issuingState,status\nDD123456,DEU,stolen\nEE123456,GBR,lost\n', 'sltd', {
      list,
    });
    assert.deepEqual([again.summary.inserted, again.summary.updated, again.summary.unchanged], [0, 0, 2]);
    const rows = await database()
      .db.selectFrom('watchlist_documents')
      .select(['entity_id', 'issuing_state'])
      .where('list_id', '=', list)
      .orderBy('entity_id')
      .execute();
    assert.deepEqual(rows, [
      { entity_id: 'DEU:DD123456', issuing_state: 'DEU' },
      { entity_id: 'GBR:EE123456', issuing_state: 'GBR' },
    ]);
    const fresh = testServices(database());
    await fresh.index.load();
    try {
      for (const country of ['D', 'DEU', 'de', undefined])
        assert.equal(fresh.index.screenDocument(list, { number: 'DD123456', country }).length, 1, String(country));
      assert.equal(fresh.index.screenDocument(list, { number: 'DD123456', country: 'FRA' }).length, 0);
      assert.equal(fresh.index.screenDocument(list, { number: 'EE123456', country: 'GBD' }).length, 1);
    } finally {
      await fresh.index.close();
    }
  });

  it('leaves alone an entry the file gives as it is: counted unchanged, not rewritten, no change for the index to apply', async () => {
    const csv = (remark: string) =>
      `id,name,birthDate,remarks\nu1,Una Unchanged,1970,x\nu2,Ugo Unchanged,1971,y\nu3,Ulla Changed,1972,${remark}\n`;
    const { list } = await importText(csv('first'), 'csv');
    const state = async () => ({
      rows: await database()
        .db.selectFrom('watchlist_persons')
        .select(['entity_id', 'updated_at'])
        .where('list_id', '=', list)
        .orderBy('entity_id')
        .execute(),
      changes: await database()
        .db.selectFrom('watchlist_changes')
        .select(['entry_key', 'op'])
        .where('list_id', '=', list)
        .orderBy('seq')
        .execute(),
    });
    const fresh = testServices(database());
    await fresh.index.load();
    try {
      const before = await state();
      const again = await importText(csv('first'), 'csv', { list, replace: true });
      assert.deepEqual(
        [again.summary.inserted, again.summary.updated, again.summary.unchanged, again.summary.removed],
        [0, 0, 3, 0],
      );
      // Not written: updated_at kept, no change logged, so no server's index reloads them.
      assert.deepEqual(await state(), before);
      assert.equal(await fresh.index.catchUp(), 0);
      const changed = await importText(csv('second'), 'csv', { list, replace: true });
      assert.deepEqual(
        [changed.summary.inserted, changed.summary.updated, changed.summary.unchanged, changed.summary.removed],
        [0, 1, 2, 0],
      );
      const after = await state();
      assert.equal(after.changes.length, before.changes.length + 1);
      assert.deepEqual(after.rows.slice(0, 2), before.rows.slice(0, 2));
      assert.notDeepEqual(after.rows[2], before.rows[2]);
      // The index applies that one change, and finds the changed entry as it now is.
      assert.equal(await fresh.index.catchUp(), 1);
      const hits = fresh.index.screenPerson(list, { names: ['Ulla Changed'] }, { limit: 1 });
      assert.equal(hits.length, 1);
      const entries = (await importEntries(list)).map((d) => [d.unchanged, d.updated]);
      assert.deepEqual(entries.slice(-2), [
        [3, 0],
        [2, 1],
      ]);
    } finally {
      await fresh.index.close();
    }
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
