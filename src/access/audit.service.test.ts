import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend } from '../../test/database.js';
import { auditRetentionJob } from './audit-retention.job.js';
import { appendAuditEntries } from './audit.repository.js';
import { AuditService, auditEvent, noRequest, type AuditedBatch } from './audit.service.js';
import type { Principal } from './policy.js';

const officer: Principal = {
  kind: 'user',
  id: 'u-1',
  name: 'officer@police.example',
  country: 'FRA',
  roles: ['officer'],
  sessionId: 's',
};

describeEachBackend('audit service', (database) => {
  it('chains concurrent entries into one order that verifies', async () => {
    // Four services, as four server processes have: their transactions compete for the chain's lock.
    const services = Array.from({ length: 4 }, () => new AuditService(database().db));
    const audit = services[0]!;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        services[i % 4]!.record(
          officer,
          { action: 'screening.person', details: { hits: i, fingerprint: `q${i}` } },
          noRequest,
        ),
      ),
    );
    const result = await audit.verify(7);
    assert.equal(result.ok, true);
    assert.equal(result.entries, 20);
  });

  it('commits concurrent entries together, and one failing entry fails only its own caller', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    const before = (await audit.verify()).entries;
    const marker = `writer-${Date.now()}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        i === 7
          ? audit.recordWith(officer, { action: 'screening.person', details: { marker, i } }, noRequest, () =>
              Promise.reject(new Error('alongside work failed')),
            )
          : audit.recordWith(officer, { action: 'screening.person', details: { marker, i } }, noRequest, (trx) =>
              sql`select 1`.execute(trx).then(() => undefined),
            ),
      ),
    );
    assert.equal(outcomes[7]!.status, 'rejected');
    assert.match(String((outcomes[7] as PromiseRejectedResult).reason), /alongside work failed/);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 29);
    const written = await db
      .selectFrom('audit_log')
      .select(sql<number>`(details->>'i')::int`.as('i'))
      .where(sql`details->>'marker'`, '=', marker)
      .execute();
    assert.deepEqual(
      written.map((r) => r.i).sort((a, b) => a - b),
      Array.from({ length: 30 }, (_, i) => i).filter((i) => i !== 7),
    );
    const result = await audit.verify();
    assert.equal(result.ok, true);
    assert.equal(result.entries, before + 29);
  });

  it('appends a deferred entry with the next one, in their order, or on its own when none comes', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    const marker = `deferred-${Date.now()}`;
    const batch: AuditedBatch<number, number> = {
      run: (trx, items) =>
        sql`select 1`
          .execute(trx)
          .then(() => items.map((i) => ({ value: i * 10, facts: { action: 'token.use', details: { marker, i } } }))),
    };
    const entries = () =>
      sql<{ i: number; tx: string }>`select (details->>'i')::int as i, xmin::text as tx from audit_log
        where details->>'marker' = ${marker} order by seq`
        .execute(db)
        .then((r) => r.rows);

    // Deferred, then an entry of its caller's: one transaction, the deferred entry first.
    const use = audit.recordDeferred(officer, noRequest, batch, 1);
    await audit.record(officer, { action: 'screening.person', details: { marker, i: 2 } }, noRequest);
    assert.equal(await use, 10);
    const [first, second] = await entries();
    assert.deepEqual([first?.i, second?.i], [1, 2]);
    assert.equal(first?.tx, second?.tx);

    // Released at once by flushDeferred; on its own after a few milliseconds otherwise.
    const released = audit.recordDeferred(officer, noRequest, batch, 3);
    audit.flushDeferred();
    assert.equal(await released, 30);
    assert.equal(await audit.recordDeferred(officer, noRequest, batch, 4), 40);
    assert.deepEqual(
      (await entries()).map((e) => e.i),
      [1, 2, 3, 4],
    );
    assert.equal((await audit.verify()).ok, true);
  });

  it('appends after an append that was rolled back, linked to the head that was committed', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    const before = (await audit.verify()).entries;
    // The rolled-back append leaves the process expecting a head the chain never had: the next one hashes again.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await appendAuditEntries(trx, [auditEvent(officer, { action: 'screening.person' }, noRequest)]);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await audit.record(officer, [{ action: 'screening.person' }, { action: 'screening.document' }], noRequest);
    const result = await audit.verify();
    assert.equal(result.ok, true);
    assert.equal(result.entries, before + 2);
  });

  it('names the entry that was changed directly in the database', async () => {
    const { db } = database();
    const audit = new AuditService(db);
    await audit.record(
      officer,
      [{ action: 'person.view', subject: { type: 'person', id: 'p-1', country: 'DEU' } }, { action: 'person.view' }],
      noRequest,
    );
    const target = await db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq', 'desc')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    // Only a superuser who switches the triggers off can do this; the application's role cannot.
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_log set subject_id = 'p-2' where seq = ${target.seq}`.execute(trx);
    });
    const result = await audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, target.seq);
    // Put it back, so the chain verifies again for the next test.
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_log set subject_id = 'p-1' where seq = ${target.seq}`.execute(trx);
    });
    assert.equal((await audit.verify()).ok, true);
  });

  it('refuses to delete entries younger than 180 days, even directly', async () => {
    const { db } = database();
    await new AuditService(db).record(officer, { action: 'screening.document' }, noRequest);
    await assert.rejects(
      sql`delete from audit_log where at > now() - interval '1 day'`.execute(db),
      /append-only: DELETE refused/,
    );
  });
});

describeEachBackend('audit retention', (database) => {
  it('purges a prefix of old entries, leaves a checkpoint, and the rest verifies', async () => {
    const { db } = database();
    const old = new AuditService(db, () => new Date(Date.now() - 400 * 86_400_000));
    await old.record(
      officer,
      [{ action: 'screening.person' }, { action: 'screening.person' }, { action: 'screening.person' }],
      noRequest,
    );
    const audit = new AuditService(db);
    await audit.record(officer, [{ action: 'person.view' }, { action: 'person.view' }], noRequest);
    const purged = await audit.purge(365);
    assert.equal(purged.removed, 3);
    // The head it saw: the newest entry, kept.
    const newest = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(purged.head, newest);
    const left = await db.selectFrom('audit_log').select('action').orderBy('seq').execute();
    assert.deepEqual(
      left.map((r) => r.action),
      ['person.view', 'person.view'],
    );
    const result = await audit.verify();
    assert.equal(result.ok, true);
    assert.equal(result.entries, 2);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    assert.equal((await audit.verify()).ok, true);
  });
});

describeEachBackend('audit retention job', (database) => {
  it('purges, and its entry records what it removed and the head it saw', async () => {
    const { db } = database();
    const old = new AuditService(db, () => new Date(Date.now() - 400 * 86_400_000));
    await old.record(officer, [{ action: 'screening.person' }, { action: 'screening.person' }], noRequest);
    const audit = new AuditService(db);
    await audit.record(officer, { action: 'person.view' }, noRequest);
    const head = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await auditRetentionJob(audit, 365).run({}, { id: 'j-1', attempt: 1 });
    const entry = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'audit.purge')
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry.details, { removed: 2, retentionDays: 365, head });
    assert.equal((await audit.verify()).ok, true);
  });
});

describeEachBackend('audit chain after every entry was purged', (database) => {
  it('links the next entry to the checkpoint, and the chain verifies', async () => {
    const { db } = database();
    const old = new AuditService(db, () => new Date(Date.now() - 400 * 86_400_000));
    await old.record(officer, [{ action: 'screening.person' }, { action: 'person.view' }], noRequest);
    const audit = new AuditService(db);
    assert.equal((await audit.purge(365)).removed, 2);
    const checkpoint = await db.selectFrom('audit_checkpoints').select(['seq', 'hash']).executeTakeFirstOrThrow();
    await audit.record(officer, { action: 'person.view' }, noRequest);
    const next = await db.selectFrom('audit_log').select(['seq', 'prev_hash']).executeTakeFirstOrThrow();
    assert.equal(next.seq, checkpoint.seq + 1);
    assert.equal(next.prev_hash, checkpoint.hash);
    const result = await audit.verify();
    assert.equal(result.ok, true);
    assert.equal(result.entries, 1);
  });
});
