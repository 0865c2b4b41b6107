import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { runCli, spawnCli } from '../../test/cli.js';
import { openEmbedded } from '../db/database.js';

describe('lodestar watchlist and screen commands', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
  const dataDir = path.join(dir, 'data');
  const persons = path.join(dir, 'persons.ftm.jsonl');
  writeFileSync(
    persons,
    [
      {
        id: 'p-1',
        schema: 'Person',
        properties: { name: ['Amina Diallo'], birthDate: ['1990-04-12'], nationality: ['sn'] },
      },
      { id: 'p-2', schema: 'Person', properties: { name: ['Дмитрий Соколов'], birthDate: ['1985'] } },
      { id: 'v-1', schema: 'Vessel', properties: { name: ['Sea Star'] } },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n') +
      '\n{"id": "p-3", "schema": "Person", "properties": {"birthDate": ["1980-13-45"], "name": ["Bad Date"]}}\n',
  );

  it('creates a list, imports a FollowTheMoney file and writes the report of bad rows', () => {
    const created = runCli(['watchlist', 'create', '--id', 'wanted', '--country', 'FRA', '--data-dir', dataDir]);
    assert.equal(created.status, 0, created.stderr);
    const imported = runCli([
      'watchlist',
      'import',
      '--list',
      'wanted',
      '--format',
      'ftm',
      persons,
      '--data-dir',
      dataDir,
    ]);
    assert.equal(imported.status, 1, 'a rejected row makes the exit code 1');
    assert.match(
      imported.stdout,
      /^read 4, inserted 2, updated 0, unchanged 0, removed 0, rejected 1, warnings 0, skipped 1 Vessel in/,
    );
    const report = readFileSync(`${persons}.report.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; reason: string });
    assert.deepEqual(report, [
      { line: 4, severity: 'rejected', reason: 'properties.birthDate: 1980-13-45 has no month 13' },
    ]);
    const listed = runCli(['watchlist', 'list', '--data-dir', dataDir]);
    assert.match(listed.stdout, /^wanted\s+persons\s+FRA\s+2 persons/);
  });

  it('screens a CSV of travellers and writes one JSON line per query, best first', () => {
    const input = path.join(dir, 'travellers.csv');
    const output = path.join(dir, 'results.jsonl');
    writeFileSync(
      input,
      'id,name,birthDate,nationality,gender,documentNumber,documentCountry\nt-1,DIALLO Aminata,1990-04-12,SEN,female,,\nt-2,Dmitriy Sokolov,1985,,,,\nt-3,,,,,,\n',
    );
    const result = runCli([
      'screen',
      '--list',
      'wanted',
      '--input',
      input,
      '--output',
      output,
      '--limit',
      '3',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(result.status, 1, 'the query without a name is rejected');
    assert.match(result.stdout, /^screened 2 queries .* queries\/s; \d+ with a match, 1 rejected/);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; results?: { entityId: string; score: number }[]; error?: string });
    assert.equal(lines[0]?.id, 't-1');
    assert.equal(lines[0]?.results?.[0]?.entityId, 'p-1');
    assert.equal(lines[1]?.results?.[0]?.entityId, 'p-2');
    assert.match(lines[2]?.error ?? '', /(query\.names|name): at least one name is needed/);
  });

  it('names the problem with a missing file or a list that does not exist', () => {
    const missing = runCli([
      'watchlist',
      'import',
      '--list',
      'wanted',
      '--format',
      'ftm',
      path.join(dir, 'nope.jsonl'),
      '--data-dir',
      dataDir,
    ]);
    assert.equal(missing.stderr.trim(), `lodestar: cannot read ${path.join(dir, 'nope.jsonl')}: no such file`);
    const noList = runCli([
      'watchlist',
      'import',
      '--list',
      'nolist',
      '--format',
      'ftm',
      persons,
      '--data-dir',
      dataDir,
    ]);
    assert.equal(noList.stderr.trim(), 'lodestar: no watchlist nolist');
  });

  it('says when --replace removed nothing, and warns of header columns it does not read', () => {
    const file = path.join(dir, 'open-quote.csv');
    writeFileSync(file, 'id,name,birthdate\nq1,Anna Lind,1970\nq2,"Bo Berg,1971\nq3,Carl Dahl,1972\n');
    const imported = runCli([
      'watchlist',
      'import',
      '--list',
      'wanted',
      '--format',
      'csv',
      '--replace',
      file,
      '--data-dir',
      dataDir,
    ]);
    assert.equal(imported.status, 1, imported.stderr);
    assert.match(imported.stdout, /^read 3, inserted 2, updated 0, unchanged 0, removed 0, rejected 1, warnings 2 in/);
    assert.match(
      imported.stdout,
      /\nreplace: rows may be missing from what was read \(line 3: a quote opened in field 2/,
    );
    const report = readFileSync(`${file}.report.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; severity: string });
    assert.deepEqual(
      report.map((p) => [p.line, p.severity]),
      [
        [1, 'warning'],
        [3, 'rejected'],
        [0, 'warning'],
      ],
    );
    const listed = runCli(['watchlist', 'list', '--data-dir', dataDir]);
    assert.match(listed.stdout, /^wanted\s+persons\s+FRA\s+4 persons/);
  });

  it('stops an import at Ctrl-C, audits it as failed and keeps the batch that committed', async () => {
    assert.equal(runCli(['watchlist', 'create', '--id', 'slow', '--country', 'FRA', '--data-dir', dataDir]).status, 0);
    // A named pipe: the file arrives as the test writes it, and the import waits for the rest.
    const fifo = path.join(dir, 'slow.csv');
    execFileSync('mkfifo', [fifo]);
    const child = spawnCli(['watchlist', 'import', '--list', 'slow', '--format', 'csv', fifo, '--data-dir', dataDir]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const writer = createWriteStream(fifo);
    writer.on('error', () => undefined);
    // A thousand rows commit as the next is read; the row after that has a warning, reported only then.
    let rows = 'id,name,nationality\n';
    for (let i = 0; i < 1001; i++) rows += `s${i},Slow Person${i},FRA\n`;
    writer.write(`${rows}s-last,Slow Warning,suhh\n`);
    const report = `${fifo}.report.jsonl`;
    for (let waited = 0; !(existsSync(report) && readFileSync(report, 'utf8').includes('suhh')); waited += 50) {
      if (waited > 60_000) throw new Error('the import did not get to its second batch');
      await sleep(50);
    }
    child.kill('SIGINT');
    for (let waited = 0; !stderr.includes('\n'); waited += 50) {
      if (waited > 60_000) throw new Error('the import did not stop');
      await sleep(50);
    }
    // The read of a pipe pending when the import stopped ends only when the pipe does (a file's reads all end).
    writer.destroy();
    const status = await exited;
    assert.equal(status, 1);
    assert.equal(
      stderr.trim(),
      'lodestar: the file could not be read to its end (interrupted by SIGINT): the import into slow stopped after ' +
        'line 1003; the 1000 entries of the batch that committed before stay in the list (nothing is rolled back) ' +
        'and none was removed: import the file again to finish',
    );
    const store = await openEmbedded(dataDir);
    try {
      const persons = await store.db
        .selectFrom('watchlist_persons')
        .select('key')
        .where('list_id', '=', 'slow')
        .execute();
      assert.equal(persons.length, 1000);
      const audits = await store.db
        .selectFrom('audit_log')
        .select(['outcome', 'actor_kind', 'details'])
        .where('action', '=', 'watchlist.import')
        .where('subject_id', '=', 'slow')
        .execute();
      assert.deepEqual(
        audits.map((a) => [
          a.outcome,
          a.actor_kind,
          a.details.interrupted,
          a.details.committedEntries,
          a.details.error,
        ]),
        [['failed', 'operator', true, 1000, 'interrupted by SIGINT']],
      );
    } finally {
      await store.close();
    }
  });
});
