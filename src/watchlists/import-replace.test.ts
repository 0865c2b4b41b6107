import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { AuditService } from '../access/audit.service.js';
import { openServer } from '../db/database.js';
import { isAppError } from '../errors.js';
import type { Services } from '../services.js';
import type { ImportFormat } from './formats.js';
import { ImportService, type ImportOptions, type ImportProblem } from './import.service.js';
import type { WatchlistKind } from './watchlists.repository.js';

const noRequest = { ip: null, requestId: null };
const header = 'id,name,birthDate\n';

/** Person CSV rows r<from>…r<to - 1>. */
function personRows(from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += `r${i},Person Number${i} Lastname,1970\n`;
  return text;
}

describeEachBackend('watchlist import: one at a time, and --replace', (database) => {
  let services: Services;
  let n = 0;
  before(() => {
    services = testServices(database());
  });

  async function createList(kind: WatchlistKind = 'persons'): Promise<string> {
    const id = `rep-${++n}`;
    await services.watchlists.create(operator, { id, name: id, kind, ownerCountry: 'FRA' }, noRequest);
    return id;
  }

  async function importText(
    list: string,
    text: string,
    format: ImportFormat,
    options: Partial<ImportOptions> = {},
    imports: ImportService = services.imports,
  ) {
    const problems: ImportProblem[] = [];
    const summary = await imports.importStream(
      operator,
      list,
      Readable.from([text]),
      { format, onProblem: (p) => problems.push(p), ...options },
      noRequest,
    );
    return { summary, problems };
  }

  /** A list's entity ids, persons or documents, in order. */
  async function idsOf(list: string, table: 'watchlist_persons' | 'watchlist_documents' = 'watchlist_persons') {
    const rows = await database()
      .db.selectFrom(table)
      .select('entity_id')
      .where('list_id', '=', list)
      .orderBy('entity_id')
      .execute();
    return rows.map((r) => r.entity_id);
  }

  /**
   * An import whose file arrives in two parts: the first written at once, the second only at `finish()`.
   * `committed` settles once a batch of the first part has committed: the import is then under way.
   */
  function heldImport(list: string, first: string, options: Partial<ImportOptions> = {}) {
    const input = new PassThrough();
    let batch!: () => void;
    const committed = new Promise<void>((resolve) => (batch = resolve));
    const done = services.imports.importStream(
      operator,
      list,
      input,
      { format: 'csv', batchSize: 2, onProgress: () => batch(), ...options },
      noRequest,
    );
    input.write(first);
    return {
      committed,
      done,
      input,
      finish(rest: string) {
        input.end(rest);
        return done;
      },
    };
  }

  const running = (list: string) => (error: unknown) =>
    isAppError(error, 'resource.conflict') &&
    error.message ===
      `an import into list ${list} is running: try again once it has finished (imports into one list run one at a time)`;

  it('refuses a second import into a list while one runs, replacing or not, so neither removes what the other brought', async () => {
    const list = await createList();
    await importText(list, header + personRows(0, 40), 'csv');
    // A replacing import of r0…r19 is under way: its first batches have committed, its file is not read to the end.
    const first = heldImport(list, header + personRows(0, 10), { replace: true });
    await first.committed;
    // Another replacing import, or a plain one, of another part of the list: refused at once, nothing written.
    await assert.rejects(importText(list, header + personRows(20, 40), 'csv', { replace: true }), running(list));
    await assert.rejects(importText(list, header + personRows(40, 45), 'csv'), running(list));
    const other = await createList();
    // Another list is not held up.
    assert.equal((await importText(other, header + personRows(0, 3), 'csv')).summary.inserted, 3);
    const summary = await first.finish(personRows(10, 20));
    assert.deepEqual([summary.read, summary.unchanged, summary.removed], [20, 20, 20]);
    assert.deepEqual(await idsOf(list), Array.from({ length: 20 }, (_v, i) => `r${i}`).sort());
    // Once it has finished, the list takes imports again.
    assert.equal((await importText(list, header + personRows(20, 25), 'csv')).summary.inserted, 5);
  });

  it('takes imports into the list again after one failed', async () => {
    const list = await createList();
    const first = heldImport(list, header + personRows(0, 5));
    await first.committed;
    first.input.destroy(new Error('aborted'));
    await assert.rejects(first.done, /could not be read to its end \(aborted\)/);
    assert.equal((await importText(list, header + personRows(0, 6), 'csv', { replace: true })).summary.removed, 0);
    assert.equal((await idsOf(list)).length, 6);
  });

  it('refuses an import into a list that another process imports into (PostgreSQL: processes share the database)', async (t) => {
    if (database().kind !== 'postgres') {
      t.skip('the embedded database has one process');
      return;
    }
    const list = await createList();
    const other = await openServer(database().url!, 2);
    try {
      const otherImports = new ImportService(other.db, new AuditService(other.db));
      const first = heldImport(list, header + personRows(0, 10), { replace: true });
      await first.committed;
      await assert.rejects(
        importText(list, header + personRows(20, 40), 'csv', { replace: true }, otherImports),
        running(list),
      );
      await first.finish(personRows(10, 20));
      // The lock went with the import: the other process may import now.
      const after = await importText(list, header + personRows(0, 20), 'csv', { replace: true }, otherImports);
      assert.deepEqual([after.summary.unchanged, after.summary.removed], [20, 0]);
    } finally {
      await other.close();
    }
  });

  it('removes nothing under --replace when a stray quote may have swallowed rows, and reads those rows on their own lines', async () => {
    const list = await createList();
    await importText(list, header + personRows(1, 7), 'csv');
    // r2's name opens a quote that is never closed; r6 is no longer in the file.
    const file = `${header}r1,Person Number1 Lastname,1970\nr2,"Person Number2 Lastname,1970\n${personRows(3, 6)}`;
    const { summary, problems } = await importText(list, file, 'csv', { replace: true, batchSize: 2 });
    const broken =
      'line 3: a quote opened in field 2 is not closed before the end of the file: the quote of field 2 runs over the ' +
      'lines after this one (is a quote left open?); they were read again, each as a row of its own';
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.reason]),
      [
        [3, 'rejected', `csv: ${broken.slice('line 3: '.length)}`],
        [
          0,
          'warning',
          `replace: rows may be missing from what was read (${broken}), so no entry was removed: correct the file and import it again`,
        ],
      ],
    );
    // r3…r5 were read again from their own lines; nothing was removed, not even r6.
    assert.deepEqual([summary.read, summary.unchanged, summary.rejected, summary.removed], [5, 4, 1, 0]);
    assert.match(summary.replaceSkipped ?? '', /^rows may be missing from what was read \(line 3: a quote opened/);
    assert.deepEqual(await idsOf(list), ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('keeps a list of 40,000 whole when a quote left open in its second row runs past 1 MB', async () => {
    const list = await createList();
    await importText(list, header + personRows(0, 40_000), 'csv', { batchSize: 1000 });
    const file = header + personRows(0, 40_000).replace('r1,Person', 'r1,"Person');
    const { summary, problems } = await importText(list, file, 'csv', { replace: true, batchSize: 1000 });
    assert.deepEqual([summary.read, summary.rejected, summary.removed], [40_000, 1, 0]);
    assert.equal(summary.unchanged, 39_999);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity]),
      [
        [3, 'rejected'],
        [0, 'warning'],
      ],
    );
    assert.match(problems[0]!.reason, /^csv: a quoted field runs past 1 MB: the quote of field 2 runs over the lines/);
    assert.equal((await idsOf(list)).length, 40_000);
  });

  it('removes nothing under --replace when a FollowTheMoney line is too long to read its entity', async () => {
    const list = await createList();
    const person = (id: string, name: string) => JSON.stringify({ id, schema: 'Person', properties: { name: [name] } });
    await importText(list, [person('f1', 'Fay One'), person('f2', 'Finn Two')].join('\n'), 'ftm');
    const long = `{"id": "f2", "schema": "Person", "properties": {"name": ["${'x'.repeat(8 * 2 ** 20)}"]}}`;
    const { summary, problems } = await importText(list, [person('f1', 'Fay One'), long].join('\n'), 'ftm', {
      replace: true,
    });
    assert.deepEqual([summary.unchanged, summary.rejected, summary.removed], [1, 1, 0]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.reason]),
      [
        [2, 'line: the line runs past 8 MB: is this a file of JSON lines?'],
        [
          0,
          'replace: rows may be missing from what was read (line 2: the line runs past 8 MB: is this a file of JSON lines?), so no entry was removed: correct the file and import it again',
        ],
      ],
    );
    assert.deepEqual(await idsOf(list), ['f1', 'f2']);
  });

  it('removes under --replace only entries of the kind the format fills: a mixed list keeps the other kind', async () => {
    const list = await createList('mixed');
    await importText(list, `${header}p1,Paula One,1970\np2,Pavel Two,1971\n`, 'csv');
    await importText(list, 'number,issuingState,status\nAA111111,FRA,stolen\nBB222222,FRA,lost\n', 'sltd');
    const persons = await importText(list, `${header}p1,Paula One,1970\n`, 'csv', { replace: true });
    assert.equal(persons.summary.removed, 1);
    assert.deepEqual(await idsOf(list), ['p1']);
    assert.deepEqual(await idsOf(list, 'watchlist_documents'), ['FRA:AA111111', 'FRA:BB222222']);
    const documents = await importText(list, 'number,issuingState,status\nBB222222,FRA,lost\n', 'sltd', {
      replace: true,
    });
    assert.equal(documents.summary.removed, 1);
    assert.deepEqual(await idsOf(list, 'watchlist_documents'), ['FRA:BB222222']);
    assert.deepEqual(await idsOf(list), ['p1']);
    const ftm = await importText(
      list,
      JSON.stringify({ id: 'p3', schema: 'Person', properties: { name: ['Pia Three'] } }),
      'ftm',
      { replace: true },
    );
    assert.equal(ftm.summary.removed, 1);
    assert.deepEqual(await idsOf(list), ['p3']);
    assert.deepEqual(await idsOf(list, 'watchlist_documents'), ['FRA:BB222222']);
  });
});
