import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { runCli } from '../../test/cli.js';
import { openEmbedded } from '../db/database.js';

describe('lodestar users, tokens and audit commands', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));

  it('creates the first admin with the password from standard input', () => {
    const result = runCli(
      ['users', 'create-admin', '--email', 'admin@ncb.example', '--country', 'fra', '--data-dir', dataDir],
      {},
      'a long admin passphrase\n',
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^created admin admin@ncb\.example of FRA \(id [0-9a-f-]{36}\)/);
  });

  it('refuses a short password, an unknown country and a duplicate email, each in one line', () => {
    const short = runCli(
      ['users', 'create-admin', '--email', 'b@ncb.example', '--country', 'FRA', '--data-dir', dataDir],
      {},
      'short\n',
    );
    assert.equal(short.status, 1);
    assert.equal(short.stderr.trim(), 'lodestar: password must be at least 12 characters');
    const country = runCli(
      ['users', 'create-admin', '--email', 'b@ncb.example', '--country', 'ZZZ', '--data-dir', dataDir],
      {},
      'a long admin passphrase\n',
    );
    assert.equal(country.stderr.trim(), 'lodestar: country: unknown country code "ZZZ"');
    const duplicate = runCli(
      ['users', 'create-admin', '--email', 'ADMIN@ncb.example', '--country', 'FRA', '--data-dir', dataDir],
      {},
      'a long admin passphrase\n',
    );
    assert.equal(duplicate.stderr.trim(), 'lodestar: a user with email ADMIN@ncb.example exists already');
  });

  it('prints a new machine token once, and refuses an unknown scope', () => {
    const result = runCli([
      'tokens',
      'create',
      '--name',
      'AF PAXLST feed',
      '--country',
      'FRA',
      '--scope',
      'messages:push',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout.trim(), /^lst_[A-Za-z0-9_-]{43}$/);
    assert.match(result.stderr, /shown once/);
    const bad = runCli([
      'tokens',
      'create',
      '--name',
      'x',
      '--country',
      'FRA',
      '--scope',
      'everything',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Allowed choices are screen, messages:push/);
  });

  it('takes --expires-in-days as a plain whole number of days only', () => {
    const create = (days: string) =>
      runCli(
        ['tokens', 'create', '--name', 'feed', '--country', 'FRA', '--scope', 'screen'].concat([
          '--expires-in-days',
          days,
          '--data-dir',
          dataDir,
        ]),
      );
    for (const days of ['0x10', '1e1', '16.0', '0', '-3', '3651', ' 7']) {
      const refused = create(days);
      assert.equal(refused.status, 1, `${days}: ${refused.stdout}`);
      assert.equal(
        refused.stderr.trim(),
        `lodestar: --expires-in-days: expected a whole number from 1 to 3650, got "${days}"`,
      );
    }
    const ok = create('16');
    assert.equal(ok.status, 0, ok.stderr);
  });

  it('refuses to revoke a token id that is not one with a clear message, not a database error', () => {
    const result = runCli(['tokens', 'revoke', 'not-a-uuid', '--data-dir', dataDir]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), 'lodestar: id: "not-a-uuid" is not a token id (a UUID)');
    const absent = runCli(['tokens', 'revoke', '00000000-0000-4000-8000-000000000000', '--data-dir', dataDir]);
    assert.equal(absent.status, 1);
    assert.equal(absent.stderr.trim(), 'lodestar: not found');
  });

  it('verifies the audit chain, and names the row changed directly in the database', async () => {
    const intact = runCli(['audit', 'verify', '--data-dir', dataDir]);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /^audit log intact: \d+ entries, head \d+ [0-9a-f]{64}/);

    const store = await openEmbedded(dataDir);
    const row = await store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'user.create')
      .executeTakeFirstOrThrow();
    await store.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_log set actor_name = 'someone else' where seq = ${row.seq}`.execute(trx);
    });
    await store.close();

    const broken = runCli(['audit', 'verify', '--data-dir', dataDir]);
    assert.equal(broken.status, 1);
    assert.equal(
      broken.stderr.trim(),
      `audit log BROKEN at entry ${row.seq}: its contents do not match its hash (the entry was changed)`,
    );
  });
});
