import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { once } from 'node:events';
import { spawnCli } from '../../test/cli.js';
import { openEmbedded } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

describe('lodestar serve', () => {
  it('starts on an empty data directory, is ready, and shuts down cleanly on SIGINT', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
    const child = spawnCli(['serve', '--port', '0', '--data-dir', dataDir]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, stderr);
    assert.equal(existsSync(path.join(dataDir, 'lodestar.lock')), false);
    // The directory opens again, schema intact: the embedded database was closed cleanly.
    const store = await openEmbedded(dataDir);
    assert.deepEqual(await pendingMigrations(store.db), []);
    await store.close();
  });
});
