import { sql, type Kysely } from 'kysely';

// Taking the audit chain's lock and reading its head in one round trip. In a plpgsql function each statement reads
// with a snapshot taken when it starts (READ COMMITTED), so the head is read after the lock is held and sees every
// entry committed before: a single SQL statement would read with a snapshot taken before it waited for the lock. The
// key is the one the application took itself before this migration, so old and new servers exclude each other;
// audit.repository.ts now takes the lock only through this function. Fewer round trips under the lock let more
// appends through it a second: it serialises every audited write of every server process.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function lodestar_audit_lock_head(out seq bigint, out hash text) language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(727001);
      select a.seq, a.hash into seq, hash from audit_log a order by a.seq desc limit 1;
      if not found then
        select c.seq, c.hash into seq, hash from audit_checkpoints c order by c.seq desc limit 1;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function lodestar_audit_lock_head()`.execute(db);
}
