import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { runCli, spawnCli } from '../../test/cli.js';
import { searchAuditEntries } from '../access/audit.repository.js';
import { openEmbedded } from '../db/database.js';
import { main } from './main.js';

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

/** The lines of a results file written so far (none when it is not there yet). */
function linesSoFar(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

/** Waits until `ready` holds, checking every 50 ms; fails after `seconds`. */
async function until(ready: () => boolean, what: string, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!ready()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface BatchDetails {
  outcome: string;
  error?: string;
  screened: number;
  errors: number;
  matches: number;
  lastLine: number;
  input: { file: string; size: number; read: number; sha256: string };
  matcher: string;
}

/** The newest `screening.batch` entry of the audit log, and its outcome column. */
async function lastBatchEntry(dataDir: string): Promise<{ outcome: string; details: BatchDetails }> {
  const store = await openEmbedded(dataDir);
  try {
    const [entry] = await searchAuditEntries(store.db, { action: 'screening.batch', limit: 1 }, undefined);
    assert.ok(entry, 'a screening.batch entry');
    return { outcome: entry.outcome, details: entry.details as unknown as BatchDetails };
  } finally {
    await store.close();
  }
}

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

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
        ['h', 8, 'gender: "q" is not a gender (…)'],
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

  it('names the column at fault in a rejected line, as the file calls it, with its line', () => {
    const input = file(
      'columns.csv',
      [
        'id,name,birthDate,nationality,gender,documentNumber,documentCountry',
        'c-1,Anna Berg,1990-05-06,FRA,,RL1234567,QQQ',
        'c-2,???,,,,,',
        'c-3,Anna Berg|???,,,,,',
        'c-4,Anna Berg,1990-13,,,,',
        'c-5,,,ZZ,,AB1234567,',
        'c-6,,1990,,,,',
        'c-7,,,,,AB1234567,QQQ',
        'c-8,Anna Berg,,,,,',
      ].join('\n'),
    );
    const output = path.join(dir, 'columns.jsonl');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', output]);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(
      readLines(output).map((l) => [l.id, l.line, l.error]),
      [
        ['c-1', 2, 'documentCountry: unknown country code "QQQ"'],
        ['c-2', 3, 'name: "???" has no letters'],
        ['c-3', 4, 'name (2 of 2, |-separated): "???" has no letters'],
        ['c-4', 5, 'birthDate: 1990-13 has no month 13'],
        ['c-5', 6, 'nationality: unknown country code "ZZ"'],
        ['c-6', 7, 'name: at least one name is needed (or a documentNumber)'],
        ['c-7', 8, 'documentCountry: unknown country code "QQQ"'],
        ['c-8', undefined, undefined],
      ],
    );
  });

  it('reports a JSON line that is not UTF-8 with its id and line, as a CSV record is, and screens the others', () => {
    const input = path.join(dir, 'latin1.jsonl');
    writeFileSync(
      input,
      Buffer.concat([
        Buffer.from('{"id":"u-1","name":"Anna Berg"}\n'),
        Buffer.from('{"id":"u-2","name":"Anna B'),
        Buffer.from([0xe9]), // "é" in Latin-1
        Buffer.from('rg"}\n'),
        Buffer.from([0xff, 0xfe, 0x0a]),
        Buffer.from('{"id":"u-4","name":"Karim Haddad"}\n'),
      ]),
    );
    const output = path.join(dir, 'latin1.out.jsonl');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', output]);
    assert.equal(result.status, 1, 'rows were rejected');
    assert.match(result.stdout, /^screened 2 queries .* 2 rejected/);
    const lines = readLines(output);
    assert.deepEqual(
      lines.map((l) => [l.id, l.line, l.error]),
      [
        ['u-1', undefined, undefined],
        ['u-2', 2, 'not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?'],
        ['line-3', 3, 'not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?'],
        ['u-4', undefined, undefined],
      ],
    );
    assert.equal(lines[3]?.results?.[0]?.entityId, 'p-2');
  });

  it('refuses a --limit or --threshold that is not a plain decimal in range as a usage error (exit 2)', async (t) => {
    const input = file('usage.csv', 'id,name\nx,Anna Berg\n');
    const output = path.join(dir, 'usage.jsonl');
    const args = ['screen', '--list', 'wanted', '--input', input, '--output', output, '--data-dir', dataDir];
    // As a user runs it, for one of each.
    const limit = cli(['screen', '--list', 'wanted', '--input', input, '--output', output, '--limit', '0x5']);
    assert.equal(limit.status, 2, limit.stderr);
    assert.match(limit.stderr, /--limit <n>' argument '0x5' is invalid\. a whole number from 1 to 100/);
    const threshold = cli(['screen', '--list', 'wanted', '--input', input, '--output', output, '--threshold', '0']);
    assert.equal(threshold.status, 2, threshold.stderr);
    assert.match(threshold.stderr, /--threshold <score>' argument '0' is invalid\. a decimal number in \(0, 1\]/);
    // The rest through the same program in this process (commander refuses them before anything runs).
    const written: string[] = [];
    t.mock.method(process.stderr, 'write', (chunk: string) => written.push(chunk) > 0);
    for (const flag of [
      ['--limit', '0'],
      ['--limit', '101'],
      ['--limit', 'abc'],
      ['--limit', '1.5'],
      ['--limit', '1e1'],
      ['--threshold', 'NaN'],
      ['--threshold', '1.5'],
      ['--threshold', '0x1'],
      ['--threshold', '1e-1'],
    ]) {
      written.length = 0;
      assert.equal(await main([...args, ...flag]), 2, `${flag.join(' ')}: ${written.join('')}`);
      assert.match(written.join(''), new RegExp(`argument '${flag[1]!.replace('.', '\\.')}' is invalid`));
    }
    t.mock.restoreAll();
    assert.equal(existsSync(output), false, 'nothing was screened');
  });

  it('audits a completed run with its counts, its outcome and the SHA-256 of the file it read', async () => {
    const input = file(
      'audited.csv',
      'id,name,documentNumber,documentCountry\na-1,Anna Berg,,\na-2,Anna Berg,X1,QQQ\n',
    );
    const output = path.join(dir, 'audited.jsonl');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', output, '--limit', '1']);
    assert.equal(result.status, 1, result.stderr);
    const { outcome, details } = await lastBatchEntry(dataDir);
    assert.equal(outcome, 'ok');
    const { matcher, ...rest } = details;
    assert.match(matcher, /@/);
    const bytes = readFileSync(input);
    assert.deepEqual(rest, {
      outcome: 'completed',
      screened: 1,
      errors: 1,
      matches: 1,
      lastLine: 3,
      input: { file: input, size: bytes.length, read: bytes.length, sha256: sha256(bytes) },
    });
  });

  it('on SIGINT stops reading, finishes the query at hand, audits what was done, and exits 130', async () => {
    // A pipe: the command waits for lines, so the signal comes when the test says, and lines written after it
    // must not be screened.
    const fifo = path.join(dir, 'queries-pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const output = path.join(dir, 'pipe.jsonl');
    const child = spawnCli(['screen', '--list', 'wanted', '--input', fifo, '--output', output, '--data-dir', dataDir]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const writer = createWriteStream(fifo);
    writer.on('error', () => undefined); // EPIPE, once the command has stopped reading
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_v, i) => `s-${from + i},Anna Berg\n`).join('');
    const before = `id,name\n${rows(1, 50)}`;
    writer.write(before);
    await until(() => linesSoFar(output).length === 50 || child.exitCode !== null, 'the first 50 results');
    child.kill('SIGINT');
    await until(() => stderr.includes('SIGINT: stopping') || child.exitCode !== null, 'the command to take the signal');
    writer.write(rows(51, 100));
    const [code] = await exited;
    writer.destroy();
    assert.equal(code, 130, stderr);
    assert.match(
      stderr,
      /lodestar: stopped by SIGINT after line 51 of .*queries-pipe\.csv; the results so far are in /,
    );
    const lines = linesSoFar(output).map((l) => JSON.parse(l) as ResultLine);
    assert.deepEqual(
      lines.map((l) => l.id),
      Array.from({ length: 50 }, (_v, i) => `s-${i + 1}`),
    );
    const { outcome, details } = await lastBatchEntry(dataDir);
    assert.equal(outcome, 'ok');
    assert.equal(details.outcome, 'interrupted');
    assert.deepEqual([details.screened, details.errors, details.matches, details.lastLine], [50, 0, 50, 51]);
    // The bytes it read, which `head -c <read>` of what was written gives back.
    const written = Buffer.from(before + rows(51, 100));
    assert.ok(details.input.read >= Buffer.byteLength(before));
    assert.equal(details.input.sha256, sha256(written.subarray(0, details.input.read)));
  });

  it('on SIGTERM in the middle of a large file stops, keeps every result whole, audits them, and exits 143', async () => {
    const total = 300_000;
    const input = file(
      'large.csv',
      `id,name\n${Array.from({ length: total }, (_v, i) => `l-${i + 1},${i % 2 === 0 ? 'Anna Berg' : 'Karim Haddad'}\n`).join('')}`,
    );
    const output = path.join(dir, 'large.jsonl');
    const child = spawnCli(['screen', '--list', 'wanted', '--input', input, '--output', output, '--data-dir', dataDir]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null]>;
    await until(() => linesSoFar(output).length > 0 || child.exitCode !== null, 'the first results');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 143, stderr);
    const lines = readLines(output);
    const { outcome, details } = await lastBatchEntry(dataDir);
    assert.equal(outcome, 'ok');
    assert.equal(details.outcome, 'interrupted');
    assert.ok(details.screened < total, `stopped before the end (${details.screened} of ${total})`);
    assert.equal(lines.length, details.screened, 'every result the entry counts is in the file, whole');
    assert.equal(lines.at(-1)?.id, `l-${details.screened}`);
    assert.equal(details.lastLine, details.screened + 1);
    assert.equal(details.input.size, statSync(input).size);
    assert.equal(details.input.sha256, sha256(readFileSync(input).subarray(0, details.input.read)));
  });

  it('audits a run whose output fails (a full disk) as failed, with the error and what was screened', async (t) => {
    if (!existsSync('/dev/full')) {
      t.skip('no /dev/full here');
      return;
    }
    const input = file('to-full.csv', 'id,name\nf-1,Anna Berg\nf-2,Karim Haddad\n');
    const result = cli(['screen', '--list', 'wanted', '--input', input, '--output', '/dev/full']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^lodestar: cannot write \/dev\/full: ENOSPC/m);
    const { outcome, details } = await lastBatchEntry(dataDir);
    assert.equal(outcome, 'failed');
    assert.equal(details.outcome, 'failed');
    assert.match(details.error ?? '', /^cannot write \/dev\/full: ENOSPC/);
    assert.ok(details.screened >= 1 && details.screened <= 2, String(details.screened));
    assert.equal(details.input.file, input);
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
