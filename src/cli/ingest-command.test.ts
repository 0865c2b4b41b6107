/**
 * `lodestar ingest`: a file that fails, or a path that cannot be read, does not stop the run, and a run stopped
 * halfway is finished by the next.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../test/cli.js';
import { withCli } from './context.js';

const fixture = readFileSync(
  new URL('../../test/fixtures/travel/paxlst-d05b-passengers.edi', import.meta.url),
  'latin1',
);
const list = (flight: string, edit: (text: string) => string = (t) => t) =>
  Buffer.from(edit(fixture.replace(/LA0417/g, `LA${flight}`)), 'latin1');

async function statuses(dataDir: string): Promise<string[]> {
  return withCli({ dataDir }, async ({ store }) => {
    const rows = await store.db.selectFrom('messages').select('status').orderBy('received_at').execute();
    return rows.map((r) => r.status);
  });
}

describe('lodestar ingest', () => {
  it('reports a file that fails, ingests the files after it, and exits non-zero', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-ingest-'));
    const files = path.join(dir, 'in');
    mkdirSync(files);
    writeFileSync(path.join(files, 'a.edi'), list('0001'));
    // A NUL byte inside a name: PostgreSQL's jsonb refuses it, should the parser let it through.
    writeFileSync(
      path.join(files, 'b.edi'),
      list('0002', (t) => t.replace('HADDAD', 'HAD\u0000DAD')),
    );
    writeFileSync(path.join(files, 'c.edi'), list('0003'));
    const dataDir = path.join(dir, 'data');
    const run = runCli(['ingest', files, '--country', 'NLD', '--data-dir', dataDir]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /b\.edi: failed — /);
    assert.match(run.stderr, /1 of 3 messages failed/);
    assert.match(run.stdout, /^3 messages \(0 duplicates, 1 failed\)/);
    assert.deepEqual((await statuses(dataDir)).sort(), ['failed', 'screened', 'screened']);
  });

  it('reports a path it cannot read, ingests the rest, and exits non-zero', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-ingest-'));
    const files = path.join(dir, 'in');
    mkdirSync(files);
    writeFileSync(path.join(files, 'a.edi'), list('0005'));
    symlinkSync(path.join(dir, 'gone.edi'), path.join(files, 'b.edi'));
    const dataDir = path.join(dir, 'data');
    const run = runCli(['ingest', files, '--country', 'NLD', '--data-dir', dataDir]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /b\.edi: cannot read — no such file/);
    assert.match(run.stderr, /1 paths could not be read/);
    assert.match(run.stdout, /^1 messages \(0 duplicates, 0 failed\)/);
    assert.deepEqual(await statuses(dataDir), ['screened']);
    const none = runCli(['ingest', path.join(files, 'b.edi'), '--country', 'NLD', '--data-dir', dataDir]);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /^lodestar: cannot read .*b\.edi: no such file\n$/);
  });

  it('processes a message a stopped run left waiting, when it is ingested again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-ingest-'));
    const file = path.join(dir, 'a.edi');
    writeFileSync(file, list('0004'));
    const dataDir = path.join(dir, 'data');
    assert.equal(runCli(['ingest', file, '--country', 'NLD', '--data-dir', dataDir]).status, 0);
    // As a run killed between receiving and processing leaves it.
    await withCli({ dataDir }, ({ store }) =>
      store.db.updateTable('messages').set({ status: 'received', flight_id: null }).execute(),
    );
    const again = runCli(['ingest', file, '--country', 'NLD', '--data-dir', dataDir]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^1 messages \(1 duplicates, 0 failed\): 3 travellers/);
    assert.deepEqual(await statuses(dataDir), ['screened']);
    const thrice = runCli(['ingest', file, '--country', 'NLD', '--data-dir', dataDir]);
    assert.match(thrice.stdout, /^1 messages \(1 duplicates, 0 failed\): 0 travellers/, 'not processed twice');
  });
});
