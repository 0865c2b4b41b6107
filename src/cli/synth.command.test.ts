import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isAppError } from '../errors.js';
import { synthCommand } from './synth.command.js';

async function run(args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.map(String).join(' '));
  try {
    await synthCommand().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

describe('lodestar synth watchlist', () => {
  it('writes persons, documents and queries into the directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-synth-'));
    const printed = await run(['watchlist', '--persons', '50', '--documents', '200', '--queries', '40', '--out', dir]);
    assert.deepEqual(readdirSync(dir).sort(), ['documents.csv', 'persons.ftm.jsonl', 'queries.csv']);
    assert.equal(readFileSync(path.join(dir, 'persons.ftm.jsonl'), 'utf8').trimEnd().split('\n').length, 50);
    assert.equal(readFileSync(path.join(dir, 'documents.csv'), 'utf8').trimEnd().split('\n').length, 201);
    assert.match(printed, /persons\.ftm\.jsonl: 50 rows/);
    assert.match(printed, /done in/);
  });

  it('writes the same files for the same seed, and a person CSV on request', async () => {
    const a = mkdtempSync(path.join(tmpdir(), 'lodestar-synth-'));
    const b = mkdtempSync(path.join(tmpdir(), 'lodestar-synth-'));
    const args = ['watchlist', '--persons', '30', '--documents', '30', '--queries', '30', '--seed', '9'];
    await run([...args, '--out', a, '--format', 'csv']);
    await run([...args, '--out', b, '--format', 'csv']);
    for (const f of ['persons.csv', 'documents.csv', 'queries.csv']) {
      assert.equal(readFileSync(path.join(a, f), 'utf8'), readFileSync(path.join(b, f), 'utf8'), f);
    }
  });

  it('rejects invalid flags with a request.invalid error naming the flag', async () => {
    for (const [flag, value] of [
      ['--persons', '3x'],
      ['--documents', 'many'],
      ['--seed', '1.5'],
      ['--format', 'xml'],
    ] as const) {
      await assert.rejects(
        run(['watchlist', '--persons', '1', '--documents', '1', flag, value, '--out', tmpdir()]),
        (error: unknown) => isAppError(error, 'request.invalid') && error.message.startsWith(flag),
      );
    }
  });
});

describe('lodestar synth flights', () => {
  it('writes one file per message under paxlst/ and pnrgov/ and prints a summary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-synth-flights-'));
    const printed = await run(['flights', '--flights', '3', '--seed', '7', '--persons', '100', '--out', dir]);
    assert.deepEqual(readdirSync(dir).sort(), ['paxlst', 'pnrgov']);
    const pnr = readdirSync(path.join(dir, 'pnrgov'));
    assert.equal(pnr.length, 3);
    assert.ok(readdirSync(path.join(dir, 'paxlst')).filter((f) => f.endsWith('-crew.edi')).length === 3);
    assert.match(readFileSync(path.join(dir, 'pnrgov', pnr[0]!), 'utf8'), /PNRGOV/);
    assert.match(printed, /^3 flights: \d+ passengers/m);
    assert.match(printed, /done in/);
  });

  it('refuses to mix two runs in one directory unless asked to overwrite, which replaces the earlier files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-synth-flights-'));
    await run(['flights', '--flights', '3', '--seed', '7', '--persons', '50', '--out', dir]);
    const before = readdirSync(path.join(dir, 'pnrgov'));
    // Writing again used to replace files of the same name silently and leave the others.
    await assert.rejects(
      run(['flights', '--flights', '1', '--seed', '8', '--persons', '50', '--out', dir]),
      (error: unknown) => isAppError(error, 'resource.conflict') && /already holds .*--overwrite/.test(error.message),
    );
    assert.deepEqual(readdirSync(path.join(dir, 'pnrgov')), before, 'nothing written by the refused run');
    // Explicitly: the earlier messages go, this run's are written.
    await run(['flights', '--flights', '1', '--seed', '8', '--persons', '50', '--out', dir, '--overwrite']);
    assert.equal(readdirSync(path.join(dir, 'pnrgov')).length, 1);
    assert.equal(readdirSync(path.join(dir, 'paxlst')).filter((f) => f.endsWith('-crew.edi')).length, 1);
    // An existing but empty directory is fine.
    const empty = mkdtempSync(path.join(tmpdir(), 'lodestar-synth-flights-'));
    mkdirSync(path.join(empty, 'paxlst'));
    await run(['flights', '--flights', '1', '--out', empty]);
    assert.deepEqual(readdirSync(path.join(empty, 'pnrgov')), ['LA0001-2025-07-01-pnrgov.edi']);
  });

  it('rejects a bad flight count naming the flag', async () => {
    await assert.rejects(
      run(['flights', '--flights', 'ten', '--out', tmpdir()]),
      (error: unknown) => isAppError(error, 'request.invalid') && error.message.startsWith('--flights'),
    );
  });
});
