/**
 * End to end on a running server: a passenger list pushed with a machine token is stored, processed on the job
 * queue, and a planted watchlist person on it raises an alert. The time it took is reported (bench:ingest measures
 * it properly); the test only requires that it happens.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, spawnCli } from '../../test/cli.js';

describe('a passenger list pushed to a running server', () => {
  it('raises an alert for the planted watchlist person', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
    const dataDir = path.join(dir, 'data');
    const persons = path.join(dir, 'wanted.csv');
    writeFileSync(persons, 'id,name,birthDate,nationality\nwanted-1,Amal Haddad,2001-01-01,SYR\n');
    assert.equal(
      runCli(['watchlist', 'create', '--id', 'wanted', '--country', 'FRA', '--data-dir', dataDir]).status,
      0,
    );
    assert.equal(
      runCli(['watchlist', 'import', '--list', 'wanted', '--format', 'csv', persons, '--data-dir', dataDir]).status,
      0,
    );
    const created = runCli([
      'tokens',
      'create',
      '--name',
      'NLD feed',
      '--country',
      'NLD',
      '--scope',
      'messages:push',
      '--data-dir',
      dataDir,
    ]);
    const token = created.stdout.trim();
    assert.match(token, /^lst_/);

    const server = spawnCli(['serve', '--port', '0', '--data-dir', dataDir]);
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const message = readFileSync(new URL('../../test/fixtures/travel/paxlst-d05b-passengers.edi', import.meta.url));
      const started = performance.now();
      const posted = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edifact' },
        body: message,
      });
      assert.equal(posted.status, 202);
      const { id } = (await posted.json()) as { id: string };
      let state: { status: string; alerts: number } = { status: 'received', alerts: 0 };
      while (state.status !== 'screened' && state.status !== 'failed' && performance.now() - started < 60_000) {
        await sleep(50);
        state = (await (
          await fetch(`${url}/api/messages/${id}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as typeof state;
      }
      const elapsed = performance.now() - started;
      t.diagnostic(`alert raised ${elapsed.toFixed(0)} ms after the message was posted`);
      assert.equal(state.status, 'screened');
      assert.ok(state.alerts >= 1);
      const duplicate = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edifact' },
        body: message,
      });
      assert.equal(((await duplicate.json()) as { duplicate: boolean; id: string }).duplicate, true);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
});
