import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { runCli } from '../../test/cli.js';

interface ResultLine {
  id: string;
  line?: number;
  error?: string;
  results?: { entityId: string; score: number; match: boolean; explanation: { feature: string; how: string }[] }[];
}

function readLines(file: string): ResultLine[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ResultLine);
}

const fixtures = fileURLToPath(new URL('../../test/fixtures/travel/', import.meta.url));

describe('lodestar screen, watchlist import, ingest and flights: document hits and bad input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-screen-'));
  const dataDir = path.join(dir, 'data');
  const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir]);
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  before(() => {
    const documents = file(
      'documents.csv',
      'number,type,issuingState,status\nAB1234567,P,FRA,stolen\nXY7654321,P,DEU,lost\n',
    );
    const persons = file(
      'persons.csv',
      'id,name,birthDate,nationality,documentNumber,documentCountry\np-1,Anna Berg,1990-05-06,FRA,RL1234567,LBN\np-2,Karim Haddad,1980-02-01,LBN,,\n',
    );
    for (const args of [
      ['watchlist', 'create', '--id', 'sltd', '--country', 'FRA', '--kind', 'documents'],
      ['watchlist', 'create', '--id', 'wanted', '--country', 'FRA'],
      ['watchlist', 'import', '--list', 'sltd', '--format', 'sltd', documents],
      ['watchlist', 'import', '--list', 'wanted', '--format', 'csv', persons],
    ]) {
      const result = cli(args);
      assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    }
  });

  it('finds stolen and lost documents in a documents list, exactly and through OCR folding', () => {
    const input = file(
      'documents-queries.csv',
      'id,name,documentNumber,documentCountry\nz-1,Any Person,AB1234567,FRA\nz-2,,XY7654321,\nz-3,,AB1234S67,FRA\nz-4,,NOPE999,\n',
    );
    const output = path.join(dir, 'documents-results.jsonl');
    const result = cli(['screen', '--list', 'sltd', '--input', input, '--output', output]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^screened 4 queries .* 3 with a match, 0 rejected/);
    const lines = readLines(output);
    assert.deepEqual(
      lines.map((l) => [l.id, l.results?.map((r) => [r.entityId, r.score, r.match])]),
      [
        ['z-1', [['FRA:AB1234567', 1, true]]],
        ['z-2', [['DEU:XY7654321', 1, true]]],
        ['z-3', [['FRA:AB1234567', 0.9, true]]],
        ['z-4', []],
      ],
    );
    assert.deepEqual(lines[2]?.results?.[0]?.explanation, [
      { feature: 'document', weight: 0.9, contribution: 0.9, query: 'AB1234S67', candidate: 'AB1234567', how: 'ocr' },
    ]);
  });

  it("finds a listed person by their document under another name, once, beside the others' name hits", () => {
    const input = file(
      'person-document-queries.jsonl',
      [
        { id: 'w-1', name: 'Totally Different', documentNumber: 'RL1234567', documentCountry: 'LBN' },
        { id: 'w-2', name: 'Anna Berg', documentNumber: 'RL1234567' },
        { id: 'w-3', name: 'Karim Haddad', documentNumber: 'RL1234567' },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    const output = path.join(dir, 'person-document-results.jsonl');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', output]);
    assert.equal(result.status, 0, result.stderr);
    const [w1, w2, w3] = readLines(output);
    assert.deepEqual(
      w1?.results?.map((r) => [r.entityId, r.match, r.explanation.map((f) => f.feature)]),
      [['p-1', true, ['document']]],
    );
    // Found both by name and by document: one result.
    assert.deepEqual(
      w2?.results?.map((r) => r.entityId),
      ['p-1'],
    );
    // Karim Haddad by name, Anna Berg by the document asked about: both, best first.
    assert.deepEqual(w3?.results?.map((r) => r.entityId).sort(), ['p-1', 'p-2']);
    const scores = (w3?.results ?? []).map((r) => r.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('reports a CSV record with the wrong number of fields or an unclosed quote as such, and screens the others', () => {
    const input = file(
      'misaligned.csv',
      'id,name,birthDate,nationality\nq-1,Berg, Anna,1990-05-06,FRA\nq-2,Anna Berg,1990-05-06,FRA\nq-3,"Anna Berg\n',
    );
    const output = path.join(dir, 'misaligned.jsonl');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', output]);
    assert.equal(result.status, 1);
    const lines = readLines(output);
    assert.deepEqual(
      lines.map((l) => [l.id, l.line]),
      [
        ['q-1', 2],
        ['q-2', undefined],
        ['q-3', 4],
      ],
    );
    // The reader's own words, not what a field check makes of misplaced fields ("birthDate: Anna is not a date").
    assert.match(lines[0]?.error ?? '', /4 fields.*5/);
    assert.match(lines[2]?.error ?? '', /quote/);
    assert.equal(lines[1]?.results?.[0]?.entityId, 'p-1');
  });

  it('reports a JSON line that is not JSON, not an object or has a field of the wrong type; keeps a numeric id', () => {
    const input = file(
      'queries.jsonl',
      [
        '{"id":"a","name":"Anna Berg","birthDate":"1990-05-06"}',
        'this is not json',
        '{"id":"c","name":["Anna Berg"]}',
        '{"id":"d","name":"Anna Berg","birthDate":19900506}',
        '[1,2]',
        '{"id":5,"name":"Anna Berg"}',
        '{"id":"g","name":"Anna Berg","birthDate":null}',
        '{"id":"h","name":"Anna Berg","gender":"q"}',
        '{"id":"i","name":"Anna Berg","gender":"F"}',
      ].join('\n'),
    );
    const output = path.join(dir, 'queries.out.jsonl');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', output]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^screened 4 queries .* 5 rejected/);
    const lines = readLines(output);
    assert.deepEqual(
      lines.map((l) => [l.id, l.line, l.error?.replace(/\(.*\)$/, '(…)')]),
      [
        ['a', undefined, undefined],
        ['line-2', 2, 'not valid JSON (…)'],
        ['c', 3, 'name: must be a string, found an array'],
        ['d', 4, 'birthDate: must be a string, found a number'],
        ['line-5', 5, 'not a JSON object (…)'],
        ['5', undefined, undefined],
        ['g', undefined, undefined],
        ['h', 8, 'query.gender: "q" is not a gender (…)'],
        ['i', undefined, undefined],
      ],
    );
    assert.equal(lines[5]?.results?.[0]?.entityId, 'p-1');
  });

  it('leaves an existing output or report alone when the list does not exist, and names a directory given as input', () => {
    const input = file('one.csv', 'id,name\nx,Anna Berg\n');
    const output = file('precious.jsonl', 'earlier results\n');
    const screened = cli(['screen', '--list', 'nolist', '--input', input, '--output', output]);
    assert.equal(screened.status, 1);
    assert.equal(screened.stderr.trim(), 'lodestar: no watchlist nolist');
    assert.equal(readFileSync(output, 'utf8'), 'earlier results\n');

    const report = file('precious.report.jsonl', 'earlier report\n');
    const imported = cli(['watchlist', 'import', '--list', 'nolist', '--format', 'csv', input, '--report', report]);
    assert.equal(imported.stderr.trim(), 'lodestar: no watchlist nolist');
    assert.equal(readFileSync(report, 'utf8'), 'earlier report\n');

    const folder = path.join(dir, 'a-folder');
    mkdirSync(folder);
    const fromFolder = cli(['screen', '--list', 'wanted', '--input', folder, '--output', output]);
    assert.equal(fromFolder.stderr.trim(), `lodestar: ${folder} is a directory, not a file`);
    const importFolder = cli(['watchlist', 'import', '--list', 'wanted', '--format', 'csv', folder]);
    assert.equal(importFolder.stderr.trim(), `lodestar: ${folder} is a directory, not a file`);
    assert.equal(readFileSync(output, 'utf8'), 'earlier results\n');
  });

  it('checks the country of ingest, and points a failed message to where its reason can be read', () => {
    const unknown = cli(['ingest', path.join(fixtures, 'paxlst-d05b-passengers.edi'), '--country', 'ZZZ']);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr.trim(), 'lodestar: --country: unknown country code "ZZZ"');

    const broken = file('broken.edi', "UNA:+.? 'UNB+garbage");
    const failed = cli(['ingest', broken, '--country', 'FRA']);
    assert.equal(failed.status, 1);
    assert.doesNotMatch(failed.stderr, /lodestar messages/);
    assert.match(failed.stderr, /broken\.edi: failed — .+ \(message [0-9a-f-]+; GET \/api\/messages\/[0-9a-f-]+\)/);
  });

  it('lists flights by country and status, and refuses a limit that is not a number from 1 to 1000', () => {
    const ingested = cli(['ingest', path.join(fixtures, 'paxlst-d05b-passengers.edi'), '--country', 'fr']);
    assert.equal(ingested.status, 0, ingested.stderr);
    const all = cli(['flights', 'list']);
    assert.equal(all.status, 0, all.stderr);
    const flights = all.stdout.trim().split('\n');
    assert.equal(flights.length, 1, all.stdout);
    const status = /→\S+\s+(\w+)/.exec(flights[0]!)?.[1];
    assert.match(flights[0]!, / FRA [0-9a-f-]+$/, 'the country is stored as its alpha-3 code');
    assert.equal(cli(['flights', 'list', '--country', 'FRA']).stdout, all.stdout);
    assert.equal(cli(['flights', 'list', '--country', 'DEU']).stdout, '');
    assert.equal(cli(['flights', 'list', '--status', status!]).stdout, all.stdout);
    assert.equal(cli(['flights', 'list', '--status', status === 'open' ? 'closed' : 'open']).stdout, '');
    const badCountry = cli(['flights', 'list', '--country', 'ZZZ']);
    assert.equal(badCountry.stderr.trim(), 'lodestar: --country: unknown country code "ZZZ"');
    for (const limit of ['abc', '1001']) {
      const result = cli(['flights', 'list', '--limit', limit]);
      assert.equal(result.status, 1);
      assert.equal(result.stderr.trim(), 'lodestar: --limit: a whole number from 1 to 1000');
    }
  });
});
