import { sql, type Kysely } from 'kysely';

// Retention checkpoints that cannot be forged by the application's role, and heads that a verification or a purge saw.
//
// Before: any row in audit_checkpoints made verify start there (entries before it went unchecked), and any entry older
// than 180 days could be deleted on its own, so a hole plus a hand-made checkpoint passed as intact. Now:
// - checkpoints form a chain of their own: each stores the previous checkpoint's hash and a hash over its seq, the
//   purged entry's hash, the purged count and that link (lodestar_audit_checkpoint_hash; audit.ts hashCheckpoint is
//   the same function, for verify);
// - a checkpoint can only be inserted the way the purge does it: under the chain's lock, linked to the newest
//   checkpoint, naming an existing entry and its hash, counting exactly the entries up to it, all older than 180
//   days; and (checked at commit) those entries are gone by the end of its transaction;
// - an entry may be deleted only if it is older than 180 days and at or before the newest checkpoint: only a whole
//   prefix can go, behind a checkpoint, never a hole;
// - audit_heads keeps the heads (seq, hash) that each verify and purge saw, outside audit_log, so that removing or
//   rewriting the newest entries loses or changes a head that verify then misses.
// Someone who can switch the triggers off (the tables' owner, a superuser) can still rewrite everything consistently:
// that is what exporting the head (`lodestar audit verify` prints it) defends against.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function lodestar_audit_checkpoint_hash(seq bigint, hash text, purged_count bigint, prev_hash text)
      returns text language sql immutable strict as $$
      select encode(sha256(convert_to(concat_ws(':', 'checkpoint', seq::text, hash, purged_count::text, prev_hash),
        'UTF8')), 'hex')
    $$`.execute(db);

  // Chain the checkpoints already there, in order (the append-only trigger is off for this one update).
  await db.schema
    .alterTable('audit_checkpoints')
    .addColumn('prev_hash', 'text')
    .addColumn('checkpoint_hash', 'text')
    .execute();
  await sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`.execute(db);
  await sql`
    do $$
    declare
      c record;
      prev text := repeat('0', 64);
    begin
      for c in select * from audit_checkpoints order by seq loop
        update audit_checkpoints set prev_hash = prev,
          checkpoint_hash = lodestar_audit_checkpoint_hash(c.seq, c.hash, c.purged_count, prev)
        where seq = c.seq;
        prev := lodestar_audit_checkpoint_hash(c.seq, c.hash, c.purged_count, prev);
      end loop;
    end $$`.execute(db);
  await sql`alter table audit_checkpoints enable trigger audit_checkpoints_append_only`.execute(db);
  await sql`alter table audit_checkpoints alter column prev_hash set not null,
    alter column checkpoint_hash set not null`.execute(db);
  // One successor per checkpoint: two purges can never fork the chain.
  await sql`alter table audit_checkpoints add constraint audit_checkpoints_prev_hash_key unique (prev_hash)`.execute(
    db,
  );

  await sql`
    create function lodestar_audit_checkpoint_insert() returns trigger language plpgsql as $$
    declare
      prev record;
      entry_hash text;
      n bigint;
    begin
      -- The chain's lock (the one appends and purges take): the newest checkpoint and entries cannot move meanwhile.
      perform pg_advisory_xact_lock(727001);
      select c.seq, c.checkpoint_hash into prev from audit_checkpoints c order by c.seq desc limit 1;
      if found then
        if new.seq <= prev.seq or new.prev_hash is distinct from prev.checkpoint_hash then
          raise exception 'audit checkpoint % refused: it must follow and link to checkpoint %', new.seq, prev.seq
            using errcode = 'insufficient_privilege';
        end if;
      elsif new.prev_hash is distinct from repeat('0', 64) then
        raise exception 'audit checkpoint % refused: the first checkpoint links to the genesis hash', new.seq
          using errcode = 'insufficient_privilege';
      end if;
      select a.hash into entry_hash from audit_log a where a.seq = new.seq;
      if entry_hash is null or entry_hash <> new.hash then
        raise exception 'audit checkpoint % refused: it must name an entry in the log and its hash', new.seq
          using errcode = 'insufficient_privilege';
      end if;
      select count(*) into n from audit_log a where a.seq <= new.seq;
      if n <> new.purged_count then
        raise exception 'audit checkpoint % refused: it purges % entries, not %', new.seq, n, new.purged_count
          using errcode = 'insufficient_privilege';
      end if;
      if exists (select 1 from audit_log a where a.seq <= new.seq and a.at >= now() - interval '180 days') then
        raise exception 'audit checkpoint % refused: entries up to it are younger than 180 days', new.seq
          using errcode = 'insufficient_privilege';
      end if;
      if new.checkpoint_hash is distinct from
          lodestar_audit_checkpoint_hash(new.seq, new.hash, new.purged_count, new.prev_hash) then
        raise exception 'audit checkpoint % refused: its hash is not the hash of its contents', new.seq
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_checkpoints_insert before insert on audit_checkpoints
    for each row execute function lodestar_audit_checkpoint_insert()`.execute(db);
  await sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function lodestar_audit_no_truncate()`.execute(db);

  // At commit: a checkpoint's entries are gone (a checkpoint left in front of entries would hide them from verify).
  await sql`
    create function lodestar_audit_checkpoint_purged() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from audit_log a where a.seq <= new.seq) then
        raise exception 'audit checkpoint % refused: the entries up to it must be deleted with it', new.seq
          using errcode = 'insufficient_privilege';
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger audit_checkpoints_purged after insert on audit_checkpoints
    deferrable initially deferred for each row execute function lodestar_audit_checkpoint_purged()`.execute(db);

  // DELETE only of old entries behind the newest checkpoint: a prefix, never a hole.
  await sql`
    create or replace function lodestar_audit_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.at < now() - interval '180 days'
          and old.seq <= (select max(c.seq) from audit_checkpoints c) then
        return old;
      end if;
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege',
        detail = 'Only the retention purge deletes entries: entries older than 180 days, behind its checkpoint.';
    end $$`.execute(db);

  await db.schema
    .createTable('audit_heads')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('audit_heads_pkey', ['seq', 'hash'])
    .execute();
  // A head is recorded only if it is one: an entry, or the checkpoint it was purged behind.
  await sql`
    create function lodestar_audit_head_check() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if exists (select 1 from audit_log a where a.seq = new.seq and a.hash = new.hash)
            or exists (select 1 from audit_checkpoints c where c.seq = new.seq and c.hash = new.hash) then
          return new;
        end if;
        raise exception 'audit head % refused: no such entry in the log', new.seq
          using errcode = 'insufficient_privilege';
      end if;
      if tg_op = 'DELETE' and old.seq <= (select max(c.seq) from audit_checkpoints c) then
        return old;
      end if;
      raise exception 'audit_heads is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_heads_append_only before insert or update or delete on audit_heads
    for each row execute function lodestar_audit_head_check()`.execute(db);
  await sql`create trigger audit_heads_no_truncate before truncate on audit_heads
    for each statement execute function lodestar_audit_no_truncate()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_heads').execute();
  await sql`drop function lodestar_audit_head_check()`.execute(db);
  await sql`
    create or replace function lodestar_audit_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.at < now() - interval '180 days' then
        return old;
      end if;
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`drop trigger audit_checkpoints_purged on audit_checkpoints`.execute(db);
  await sql`drop trigger audit_checkpoints_no_truncate on audit_checkpoints`.execute(db);
  await sql`drop trigger audit_checkpoints_insert on audit_checkpoints`.execute(db);
  await sql`drop function lodestar_audit_checkpoint_purged()`.execute(db);
  await sql`drop function lodestar_audit_checkpoint_insert()`.execute(db);
  await db.schema.alterTable('audit_checkpoints').dropConstraint('audit_checkpoints_prev_hash_key').execute();
  await db.schema.alterTable('audit_checkpoints').dropColumn('prev_hash').dropColumn('checkpoint_hash').execute();
  await sql`drop function lodestar_audit_checkpoint_hash(bigint, text, bigint, text)`.execute(db);
}
