import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { describeEachBackend } from '../../test/database.js';
import type { Database } from '../db/schema.js';
import { migrations } from '../db/migrations/index.js';
import { genesisHash, hashCheckpoint, hashEntry } from './audit.js';
import { appendAuditEntries, readAuditChain } from './audit.repository.js';
import { AuditService, auditEvent, noRequest } from './audit.service.js';
import type { Principal } from './policy.js';

const officer: Principal = {
  kind: 'user',
  id: 'u-1',
  name: 'officer@police.example',
  country: 'FRA',
  roles: ['officer'],
  sessionId: 's',
};

const daysAgo = (days: number) => () => new Date(Date.now() - days * 86_400_000);

/** Runs `work` with the triggers switched off, as only the tables' owner or a superuser can. */
function asOwner(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<unknown>): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

/** Changes entry `seq`'s actor name and hashes it and every later entry again, as the owner: the links hold. */
async function rewriteFrom(db: Kysely<Database>, seq: number): Promise<void> {
  const chain = await readAuditChain(db, seq - 1, 10_000);
  await asOwner(db, async (trx) => {
    let prevHash = chain[0]!.prevHash;
    for (const entry of chain) {
      const edited = { ...entry, prevHash, ...(entry.seq === seq ? { actorName: 'nobody' } : {}) };
      const hash = hashEntry(edited);
      await sql`update audit_log set actor_name = ${edited.actorName}, prev_hash = ${edited.prevHash},
        hash = ${hash} where seq = ${entry.seq}`.execute(trx);
      prevHash = hash;
    }
  });
}

/** Appends `n` entries stamped `days` ago; returns their seqs. */
async function appendOld(
  db: Kysely<Database>,
  n: number,
  days: number,
  action = 'screening.person',
): Promise<number[]> {
  const events = Array.from({ length: n }, (_, i) => auditEvent(officer, { action, details: { i } }, noRequest));
  const entries = await db.transaction().execute((trx) => appendAuditEntries(trx, events, daysAgo(days)));
  return entries.map((e) => e.seq);
}

describeEachBackend('audit log against tampering', (database) => {
  // Each test starts from an empty log, so what one tampers with does not leak into the next.
  beforeEach(() =>
    asOwner(database().db, async (trx) => {
      await sql`delete from audit_heads`.execute(trx);
      await sql`delete from audit_checkpoints`.execute(trx);
      await sql`delete from audit_log`.execute(trx);
    }),
  );

  it('refuses to delete an old entry that no checkpoint covers: no holes', async () => {
    const { db } = database();
    const seqs = await appendOld(db, 5, 200);
    await new AuditService(db).record(officer, { action: 'person.view' }, noRequest);
    await assert.rejects(sql`delete from audit_log where seq = ${seqs[3]}`.execute(db), /append-only: DELETE refused/);
    assert.equal((await new AuditService(db).verify()).ok, true);
  });

  it('refuses hand-made checkpoints, however they are made', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    const seqs = await appendOld(db, 3, 200);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    const [first, , third] = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute();
    const insert = (values: { seq: number; hash: string; purgedCount: number; prevHash: string }, hash?: string) =>
      sql`insert into audit_checkpoints (seq, hash, purged_count, prev_hash, checkpoint_hash)
        values (${values.seq}, ${values.hash}, ${values.purgedCount}, ${values.prevHash},
          ${hash ?? hashCheckpoint(values)})`.execute(db);
    // The old form, without its link: refused.
    await assert.rejects(
      sql`insert into audit_checkpoints (seq, hash, purged_count) values (${third!.seq}, ${third!.hash}, 0)`.execute(
        db,
      ),
      /audit checkpoint/,
    );
    // A wrong count, an entry that is not there, a wrong hash, a wrong link: refused.
    const good = { seq: third!.seq, hash: third!.hash, purgedCount: 3, prevHash: genesisHash };
    await assert.rejects(insert({ ...good, purgedCount: 1 }), /purges 3 entries, not 1/);
    await assert.rejects(insert({ ...good, hash: first!.hash }), /must name an entry in the log/);
    await assert.rejects(insert(good, genesisHash), /its hash is not the hash of its contents/);
    await assert.rejects(insert({ ...good, prevHash: 'f'.repeat(64) }), /links to the genesis hash/);
    // A right one, but the entries it covers left in place: refused at commit.
    await assert.rejects(insert(good), /must be deleted with it/);
    // Up to an entry younger than 180 days: refused.
    const young = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await assert.rejects(insert({ ...good, ...young, purgedCount: 4 }), /younger than 180 days/);
    assert.equal((await db.selectFrom('audit_checkpoints').selectAll().execute()).length, 0);
    assert.deepEqual((await audit.verify()).entries, seqs.length + 1);
  });

  it('chains the checkpoints of successive purges, and the chain verifies', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await appendOld(db, 3, 400);
    await appendOld(db, 2, 300);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    assert.equal((await audit.purge(365)).removed, 3);
    assert.equal((await audit.purge(250)).removed, 2);
    const checkpoints = await sql<{ seq: number; prev_hash: string; checkpoint_hash: string }>`
      select seq, prev_hash, checkpoint_hash from audit_checkpoints order by seq`.execute(db);
    const [one, two] = checkpoints.rows;
    assert.equal(one?.prev_hash, genesisHash);
    assert.equal(two?.prev_hash, one?.checkpoint_hash);
    const result = await audit.verify();
    assert.equal(result.ok, true);
    assert.equal(result.entries, 1);
  });

  it('fails when an entry lies behind a checkpoint slipped in by the owner', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await audit.record(
      officer,
      [1, 2, 3, 4, 5].map((i) => ({ action: 'screening.person', details: { i } })),
      noRequest,
    );
    const rows = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute();
    // Entry 2 edited, then a checkpoint at it so that verify would start after it.
    await asOwner(db, async (trx) => {
      await sql`update audit_log set actor_name = 'someone else' where seq = ${rows[1]!.seq}`.execute(trx);
      const checkpoint = { seq: rows[1]!.seq, hash: rows[1]!.hash, purgedCount: 0, prevHash: genesisHash };
      await sql`insert into audit_checkpoints (seq, hash, purged_count, prev_hash, checkpoint_hash)
        values (${checkpoint.seq}, ${checkpoint.hash}, 0, ${genesisHash}, ${hashCheckpoint(checkpoint)})`.execute(trx);
    });
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, rows[0]!.seq);
    assert.match(result.firstBroken?.reason ?? '', /behind the retention checkpoint/);
  });

  it('names a checkpoint changed by the owner', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await appendOld(db, 3, 400);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    await audit.purge(365);
    assert.equal((await audit.verify()).ok, true);
    await asOwner(db, (trx) => sql`update audit_checkpoints set purged_count = 1`.execute(trx));
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.match(result.firstBroken?.reason ?? '', /retention checkpoint at entry 3 does not match its hash/);
  });

  it('reads the chain in one snapshot: a purge committing meanwhile does not break it', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await appendOld(db, 2000, 400);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    // Small batches: the walk takes many round trips, and the purge commits while it is under way.
    const [verified, purged] = await Promise.all([audit.verify(5), audit.purge(365)]);
    assert.equal(verified.ok, true, verified.firstBroken?.reason);
    assert.equal(purged.removed, 2000);
    assert.equal((await audit.verify()).ok, true);
  });

  it('names the head that is gone when the newest entries are removed', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await audit.record(
      officer,
      [1, 2, 3, 4, 5].map((i) => ({ action: 'screening.person', details: { i } })),
      noRequest,
    );
    const seen = await audit.verify();
    assert.equal(seen.ok, true);
    await asOwner(db, (trx) => sql`delete from audit_log where seq > ${seen.head.seq - 3}`.execute(trx));
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, seen.head.seq);
    assert.match(result.firstBroken?.reason ?? '', /it is gone, though audit\.verify at .* saw it as the head/);
  });

  it('names the head whose hash changed when the chain is rewritten with new hashes', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await audit.record(
      officer,
      [1, 2, 3, 4, 5].map((i) => ({ action: 'screening.person', details: { i } })),
      noRequest,
    );
    const seen = await audit.verify();
    // Entry 2 rewritten, and every later one hashed again: the chain's own links hold.
    await rewriteFrom(db, 2);
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, seen.head.seq);
    assert.match(result.firstBroken?.reason ?? '', /the chain was rewritten up to it/);
  });

  it('checks the head the auditor noted, and the head a purge saw', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await audit.record(
      officer,
      [1, 2, 3].map((i) => ({ action: 'screening.person', details: { i } })),
      noRequest,
    );
    const { head } = await audit.purge(365);
    await audit.record(
      officer,
      [4, 5].map((i) => ({ action: 'screening.person', details: { i } })),
      noRequest,
    );
    const noted = (await audit.verify()).head;

    const wrong = await audit.verify(undefined, [{ seq: noted.seq, hash: genesisHash }]);
    assert.equal(wrong.ok, false);
    assert.equal(wrong.firstBroken?.seq, noted.seq);
    assert.match(wrong.firstBroken?.reason ?? '', /that the auditor saw/);

    // The entries from the purge's head on removed, and the verify's head forgotten: the purge's is still there.
    await asOwner(db, async (trx) => {
      await sql`delete from audit_heads where seq > ${head.seq}`.execute(trx);
      await sql`delete from audit_log where seq >= ${head.seq}`.execute(trx);
    });
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, head.seq);
    assert.match(result.firstBroken?.reason ?? '', /audit\.purge at .* saw it as the head/);
  });

  it('checks the head an audit.verify entry recorded in its details', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await audit.record(
      officer,
      [1, 2].map((i) => ({ action: 'screening.person', details: { i } })),
      noRequest,
    );
    const { head } = await audit.verify();
    await audit.record(officer, { action: 'audit.verify', details: { ok: true, entries: 2, head } }, noRequest);
    await asOwner(db, (trx) => sql`delete from audit_heads`.execute(trx));
    await rewriteFrom(db, head.seq - 1);
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, head.seq);
    assert.match(result.firstBroken?.reason ?? '', /entry \d+ \(audit\.verify\) saw/);
  });

  it('chains the checkpoints already there, and the chain verifies', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    const migration = migrations['0016_audit_checkpoint_chain']!;
    await migration.down!(db);
    // Two purges as they were done before: a checkpoint of three columns, then the delete.
    for (const days of [400, 300]) {
      const seqs = await appendOld(db, 2, days);
      const last = seqs[seqs.length - 1]!;
      const { hash } = await db
        .selectFrom('audit_log')
        .select('hash')
        .where('seq', '=', last)
        .executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        await sql`insert into audit_checkpoints (seq, hash, purged_count) values (${last}, ${hash}, 2)`.execute(trx);
        await sql`delete from audit_log where seq <= ${last}`.execute(trx);
      });
    }
    await migration.up(db);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    const result = await audit.verify();
    assert.equal(result.ok, true, result.firstBroken?.reason);
    assert.equal(result.entries, 1);
  });

  it('computes the same checkpoint hash in the database as in audit.ts', async () => {
    const { db } = database();
    const checkpoint = { seq: 812, hash: 'ab'.repeat(32), purgedCount: 17, prevHash: genesisHash };
    const { rows } = await sql<{ hash: string }>`select lodestar_audit_checkpoint_hash(
      ${checkpoint.seq}, ${checkpoint.hash}, ${checkpoint.purgedCount}, ${checkpoint.prevHash}) as hash`.execute(db);
    assert.equal(rows[0]?.hash, hashCheckpoint(checkpoint));
  });
});
