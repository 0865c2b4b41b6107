import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { AuditService, type AuditFacts, type RequestContext } from '../access/audit.service.js';
import type { Principal } from '../access/policy.js';
import { isAppError } from '../errors.js';
import type { Services } from '../services.js';
import { ImportService } from './import.service.js';

const noRequest = { ip: null, requestId: null };
const header = 'id,name,birthDate\n';

function personRows(from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += `f${i},Person Number${i} Lastname,1970\n`;
  return text;
}

describeEachBackend('watchlist import that fails', (database) => {
  let services: Services;
  let n = 0;
  before(() => {
    services = testServices(database());
  });

  async function createList(): Promise<string> {
    const id = `fail-${++n}`;
    await services.watchlists.create(operator, { id, name: id, kind: 'persons', ownerCountry: 'FRA' }, noRequest);
    return id;
  }

  async function importAudits(list: string) {
    return database()
      .db.selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'watchlist.import')
      .where('subject_id', '=', list)
      .orderBy('seq')
      .execute();
  }

  async function personCount(list: string): Promise<number> {
    const rows = await database()
      .db.selectFrom('watchlist_persons')
      .select('key')
      .where('list_id', '=', list)
      .execute();
    return rows.length;
  }

  it('audits an import whose file is cut off after a batch committed, as failed and interrupted, and keeps the batch', async () => {
    const list = await createList();
    const input = new PassThrough();
    let committed!: () => void;
    const batch = new Promise<void>((resolve) => (committed = resolve));
    const done = services.imports.importStream(
      operator,
      list,
      input,
      { format: 'csv', batchSize: 2, onProgress: () => committed() },
      noRequest,
    );
    // Three rows: the first two are written when the third is read; then the upload stops, and is cut off.
    input.write(header + personRows(0, 3));
    await batch;
    input.destroy(new Error('aborted'));
    await assert.rejects(
      done,
      (error: unknown) =>
        isAppError(error, 'request.invalid') &&
        error.message ===
          `the file could not be read to its end (aborted): the import into ${list} stopped after line 4; the 2 ` +
            'entries of the batch that committed before stay in the list (nothing is rolled back) and none was ' +
            'removed: import the file again to finish',
    );
    assert.equal(await personCount(list), 2);
    const audits = await importAudits(list);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.outcome, 'failed');
    assert.deepEqual(
      {
        ...audits[0]!.details,
        seconds: 0,
      },
      {
        listId: list,
        format: 'csv',
        read: 3,
        inserted: 2,
        updated: 0,
        unchanged: 0,
        removed: 0,
        rejected: 0,
        warnings: 0,
        skipped: {},
        replaceSkipped: null,
        seconds: 0,
        replace: false,
        interrupted: true,
        stoppedAtLine: 4,
        committedBatches: 1,
        committedEntries: 2,
        error: 'aborted',
      },
    );
  });

  it('audits an upload cut off before any batch as failed too, having written nothing', async () => {
    const list = await createList();
    const input = new Readable({ read() {} });
    input.push(header + personRows(0, 1));
    const done = services.imports.importStream(operator, list, input, { format: 'csv', replace: true }, noRequest);
    setImmediate(() => input.destroy(new Error('socket hang up')));
    await assert.rejects(done, /could not be read to its end \(socket hang up\).*; nothing was written$/);
    assert.equal(await personCount(list), 0);
    const [audit] = await importAudits(list);
    assert.equal(audit?.outcome, 'failed');
    assert.equal(audit?.details.interrupted, true);
    assert.equal(audit?.details.committedEntries, 0);
  });

  it('audits an import that fails in the database after a batch committed, saying what stays and not why to a client', async () => {
    const list = await createList();
    // The entry of a finished import is refused, which stands for any failure of its last transaction.
    class RefusingSuccess extends AuditService {
      override record(
        principal: Principal | undefined,
        facts: AuditFacts | readonly AuditFacts[],
        context: RequestContext,
        trx?: Parameters<AuditService['record']>[3],
      ): Promise<void> {
        if (!Array.isArray(facts) && (facts as AuditFacts).outcome !== 'failed')
          return Promise.reject(new Error('the audit log refused the entry'));
        return super.record(principal, facts, context, trx);
      }
    }
    const imports = new ImportService(database().db, new RefusingSuccess(database().db));
    await assert.rejects(
      imports.importStream(
        operator,
        list,
        Readable.from([header + personRows(0, 5)]),
        { format: 'csv', batchSize: 2, replace: true },
        noRequest,
      ),
      (error: unknown) =>
        isAppError(error, 'internal.error') &&
        error.message ===
          `the import into ${list} failed after line 6; the 4 entries of the 2 batches that committed before stay in ` +
            'the list (nothing is rolled back) and none was removed: import the file again to finish' &&
        (error.cause as Error).message === 'the audit log refused the entry',
    );
    // The last batch went with the refused entry; the two before it stay.
    assert.equal(await personCount(list), 4);
    const [audit, ...more] = await importAudits(list);
    assert.equal(more.length, 0);
    assert.equal(audit?.outcome, 'failed');
    assert.deepEqual(
      [audit?.details.interrupted, audit?.details.committedEntries, audit?.details.error],
      [false, 4, 'the audit log refused the entry'],
    );
    // The counts of what stays: the last batch's went with it.
    assert.deepEqual([audit?.details.read, audit?.details.inserted], [5, 4]);
  });
});
