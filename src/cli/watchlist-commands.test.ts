import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../test/cli.js';

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
      /^read 4, inserted 2, updated 0, removed 0, rejected 1, warnings 0, skipped 1 Vessel in/,
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
    assert.match(lines[2]?.error ?? '', /query\.names: at least one name is needed/);
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
});
