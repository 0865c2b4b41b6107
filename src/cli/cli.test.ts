import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../test/cli.js';
import { buildProgram } from './main.js';

/** A failure is one line on standard error, with no stack trace. */
function assertOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

describe('lodestar command', () => {
  it('has --help on every command, nested ones included', () => {
    const paths: string[][] = [[]];
    const walk = (command: ReturnType<typeof buildProgram>, prefix: string[]) => {
      for (const sub of command.commands) {
        paths.push([...prefix, sub.name()]);
        walk(sub, [...prefix, sub.name()]);
      }
    };
    walk(buildProgram(), []);
    assert.ok(paths.length > 15, `found ${paths.length} commands`);
    for (const args of paths) {
      // In-process: rendering help must not throw and must describe the command (spawning 20 processes is slow).
      let command = buildProgram();
      for (const name of args) command = command.commands.find((c) => c.name() === name)!;
      assert.match(command.helpInformation(), /^Usage: /, `lodestar ${args.join(' ')} --help`);
      assert.ok(command.description().length > 0 || args.length === 0, `lodestar ${args.join(' ')} has a description`);
    }
    const result = runCli(['watchlist', 'import', '--help']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Usage: lodestar watchlist import \[options\] <file>/);
  });

  it('rejects a malformed DATABASE_URL with one line and exit code 78', () => {
    const result = runCli(['migrate'], { DATABASE_URL: 'postgres//nohost' });
    assert.equal(result.status, 78);
    assertOneLine(result.stderr, /^lodestar: DATABASE_URL: is not a URL; expected postgres:\/\//);
  });

  it('rejects a configuration value of the wrong type', () => {
    const result = runCli(['serve'], { LODESTAR_PORT: 'http' });
    assert.equal(result.status, 78);
    assertOneLine(result.stderr, /^lodestar: LODESTAR_PORT: expected a whole number from 0 to 65535, got "http"$/);
  });

  it('says which server it cannot reach', () => {
    const result = runCli(['migrate'], { DATABASE_URL: 'postgres://lodestar:pw@127.0.0.1:1/lodestar' });
    assert.equal(result.status, 1);
    assertOneLine(
      result.stderr,
      /^lodestar: cannot reach PostgreSQL at 127\.0\.0\.1:1\/lodestar: .*ECONNREFUSED.*check that the server is running/,
    );
  });

  it('says when the data directory cannot be written', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lodestar-')), 'file');
    writeFileSync(file, '');
    const result = runCli(['migrate'], { LODESTAR_DATA_DIR: path.join(file, 'data') });
    assert.equal(result.status, 1);
    assertOneLine(result.stderr, /^lodestar: data directory .* is not writable .*set LODESTAR_DATA_DIR/);
  });

  it('says when the port is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
      const result = runCli(['serve', '--port', String(port), '--data-dir', dataDir]);
      assert.equal(result.status, 1);
      assertOneLine(result.stderr, new RegExp(`^lodestar: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('answers an unknown command with usage and exit code 2', () => {
    const result = runCli(['fly']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command 'fly'/);
  });

  it('migrates an empty data directory, then finds nothing to do', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
    const first = runCli(['migrate', '--data-dir', dataDir]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /applied 0001_foundation/);
    const second = runCli(['migrate', '--data-dir', dataDir]);
    assert.match(second.stdout, /schema already up to date/);
  });
});
