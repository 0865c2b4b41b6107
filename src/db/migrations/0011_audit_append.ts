import { sql, type Kysely } from 'kysely';

// Appending audit entries in one round trip: the chain's lock, its head and the insert in one call, where the lock and
// head (lodestar_audit_lock_head) and the insert were two. The entries are hashed by the application against the head
// it expects (the last one it appended); the function inserts them only if the head under the lock is that one, and
// otherwise inserts nothing and answers the head, for the application to hash them again and call once more (it still
// holds the lock: the head cannot move). Every append of every server serialises on the lock, so each round trip
// held under it counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function lodestar_audit_append(expected_seq bigint, expected_hash text, entries jsonb,
      out seq bigint, out hash text, out appended boolean) language plpgsql volatile as $$
    begin
      select h.seq, h.hash into seq, hash from lodestar_audit_lock_head() h;
      appended := seq is not distinct from expected_seq and hash is not distinct from expected_hash;
      if appended then
        insert into audit_log (seq, at, actor_kind, actor_id, actor_name, actor_country, action, subject_type,
          subject_id, subject_country, outcome, details, ip, request_id, prev_hash, hash)
        select e.seq, e.at, e.actor_kind, e.actor_id, e.actor_name, e.actor_country, e.action, e.subject_type,
          e.subject_id, e.subject_country, e.outcome, e.details, e.ip, e.request_id, e.prev_hash, e.hash
        from jsonb_to_recordset(entries) as e(seq bigint, at timestamptz, actor_kind text, actor_id text,
          actor_name text, actor_country text, action text, subject_type text, subject_id text,
          subject_country text, outcome text, details jsonb, ip text, request_id text, prev_hash text, hash text)
        order by e.seq;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function lodestar_audit_append(bigint, text, jsonb)`.execute(db);
}
