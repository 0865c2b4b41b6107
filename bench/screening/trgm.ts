/**
 * The baseline: PostgreSQL trigram search (pg_trgm, GIN index) over the same persons and the same queries. One row
 * per name and alias, lower-cased; a query asks for the ten persons whose names are most similar to the query's
 * name among those above `pg_trgm.similarity_threshold`. Names only: trigram search has no notion of birth dates,
 * nationalities or documents.
 */
import pg from 'pg';
import type { SynthQuery } from '../../src/synth/queries.js';
import { personRecord } from './data.js';
import { accuracy, latency, mb, rankOf, type Accuracy, type Answer, type Latency } from './metrics.js';

export interface TrgmInput {
  readonly url: string;
  readonly seed: number;
  readonly persons: number;
  /** The queries to send, in order (the first `count` of the benchmark's queries). */
  readonly queries: readonly SynthQuery[];
  readonly threshold: number;
  readonly connections: number;
  readonly seconds: number;
}

export interface TrgmResult {
  readonly persons: number;
  readonly rows: number;
  readonly loadSeconds: number;
  readonly indexSeconds: number;
  readonly tableMb: number;
  readonly indexMb: number;
  readonly similarityThreshold: number;
  readonly connections: number;
  readonly sql: string;
  readonly queriesSent: number;
  readonly queriesAnswered: number;
  readonly timedOut: boolean;
  readonly seconds: number;
  readonly queriesPerSecond: number;
  readonly latency: Latency;
  readonly accuracy: Accuracy;
  /** Rank of the expected id per answered query (-1 absent, -2 non-match), in query order. */
  readonly ranks: readonly number[];
}

const log = (message: string) => process.stderr.write(`[pg_trgm] ${message}\n`);

export const trgmSql =
  'select entity_id, max(similarity(name, $1)) as s from bench_names where name % $1 ' +
  'group by entity_id order by s desc, entity_id limit 10';

async function load(pool: pg.Pool, seed: number, persons: number): Promise<{ rows: number; seconds: number }> {
  await pool.query('create extension if not exists pg_trgm');
  await pool.query('drop table if exists bench_names');
  // Unlogged: the load is not what is measured, and the queries read the same pages either way.
  await pool.query('create unlogged table bench_names (entity_id text not null, name text not null)');
  const started = performance.now();
  let rows = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const batch = 20_000;
  for (let start = 0; start < persons; start += batch) {
    const ids: string[] = [];
    const names: string[] = [];
    for (let i = start; i < Math.min(persons, start + batch); i++) {
      const r = personRecord(seed, i);
      for (const name of new Set(r.names.map((n) => n.toLowerCase()))) {
        ids.push(r.entityId);
        names.push(name);
      }
    }
    // One insert in flight while the next batch is generated.
    await pending;
    pending = pool.query('insert into bench_names select * from unnest($1::text[], $2::text[])', [ids, names]);
    rows += ids.length;
    if ((start + batch) % 200_000 === 0) log(`loaded ${Math.min(persons, start + batch)}/${persons} persons`);
  }
  await pending;
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** Loads the names, builds the GIN index, and sends the queries over `connections` connections. */
export async function runTrgm(input: TrgmInput): Promise<TrgmResult> {
  const pool = new pg.Pool({ connectionString: input.url, max: Math.max(2, input.connections) });
  try {
    log(`loading the names of ${input.persons} persons`);
    const loaded = await load(pool, input.seed, input.persons);
    log(`loaded ${loaded.rows} names in ${loaded.seconds.toFixed(1)} s; building the GIN index`);
    const i0 = performance.now();
    const client = await pool.connect();
    try {
      await client.query("set maintenance_work_mem = '1GB'");
      await client.query('create index bench_names_trgm on bench_names using gin (name gin_trgm_ops)');
      await client.query('analyze bench_names');
    } finally {
      client.release();
    }
    const indexSeconds = (performance.now() - i0) / 1000;
    const sizes = await pool.query<{ t: string; i: string }>(
      "select pg_table_size('bench_names') as t, pg_relation_size('bench_names_trgm') as i",
    );
    log(
      `index built in ${indexSeconds.toFixed(1)} s; ${input.queries.length} queries on ${input.connections} connections`,
    );

    const clients = await Promise.all(Array.from({ length: input.connections }, () => pool.connect()));
    const answers: (Answer | undefined)[] = [];
    const samples: number[] = [];
    let sent = 0;
    let timedOut = false;
    try {
      for (const c of clients) await c.query(`set pg_trgm.similarity_threshold = ${input.threshold}`);
      // Warm the caches with a few queries (not counted).
      for (const q of input.queries.slice(0, 20)) await clients[0]!.query(trgmSql, [q.name.toLowerCase()]);
      const started = performance.now();
      const deadline = started + input.seconds * 1000;
      let next = 0;
      const loop = async (c: pg.PoolClient) => {
        while (next < input.queries.length) {
          if (performance.now() > deadline) {
            timedOut = true;
            return;
          }
          const at = next++;
          sent++;
          const q0 = performance.now();
          const res = await c.query<{ entity_id: string; s: number }>(trgmSql, [input.queries[at]!.name.toLowerCase()]);
          samples.push(performance.now() - q0);
          answers[at] = { ids: res.rows.map((r) => r.entity_id), matches: res.rows.map(() => true) };
        }
      };
      await Promise.all(clients.map(loop));
      const seconds = (performance.now() - started) / 1000;
      const answered = answers.filter((a) => a !== undefined).length;
      return {
        persons: input.persons,
        rows: loaded.rows,
        loadSeconds: Math.round(loaded.seconds * 10) / 10,
        indexSeconds: Math.round(indexSeconds * 10) / 10,
        tableMb: mb(Number(sizes.rows[0]!.t)),
        indexMb: mb(Number(sizes.rows[0]!.i)),
        similarityThreshold: input.threshold,
        connections: input.connections,
        sql: trgmSql,
        queriesSent: sent,
        queriesAnswered: answered,
        timedOut,
        seconds: Math.round(seconds * 100) / 100,
        queriesPerSecond: Math.round((answered / seconds) * 100) / 100,
        latency: latency(samples),
        accuracy: accuracy(input.queries, answers),
        ranks: input.queries.slice(0, answers.length).map((q, i) => {
          const a = answers[i];
          return a === undefined ? -3 : rankOf(q, a);
        }),
      };
    } finally {
      for (const c of clients) c.release();
    }
  } finally {
    await pool.end();
  }
}
