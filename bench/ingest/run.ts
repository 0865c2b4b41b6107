/**
 * The timed end-to-end loop: for each synthetic flight, its messages (PNRGOV push first, as airlines send it a day
 * or two ahead, then the passenger list parts and the crew list) go through `ingest.receive` and `ingest.process`
 * exactly as `lodestar ingest` and the message job run them. Generating the messages is outside the clock.
 */
import { sql } from 'kysely';
import { flightMessages, type FlightMessages } from '../../src/synth/flights.js';
import type { FlightOptions } from '../../src/synth/flights-plan.js';
import { parsePaxlst } from '../../src/travel/paxlst.js';
import { profiledProcess, type StageClock } from './profile.js';
import { noRequest, operator, type Backend } from './setup.js';

// Parse-only speed lives beside bench:parse, which measures the same thing on its own.
export { runParseOnly, runParseOnlyParallel, type ParseOnly } from '../parse-flights.js';

/** Messages of a flight in arrival order, with the number of list travellers and whether a planted person is in. */
export function orderedMessages(m: FlightMessages): { text: string; travellers: number; planted: boolean }[] {
  const planted = new Set(
    m.flight.bookings
      .flatMap((b) => b.passengers.filter((p) => p.expectedIds.length > 0))
      .map((p) => `${p.surname}/${p.givenNames}`),
  );
  // Which list part holds a planted person is read back from the part itself (outside the clock).
  const holds = (text: string) =>
    parsePaxlst(text).lists.some((l) => l.travellers.some((t) => planted.has(`${t.surname}/${t.givenNames}`)));
  return [
    ...m.pnrgov.map((f) => ({ text: f.text, travellers: 0, planted: false })),
    ...m.paxlst.map((f) => ({ text: f.text, travellers: f.travellers, planted: planted.size > 0 && holds(f.text) })),
  ];
}

export interface EndToEnd {
  readonly flights: number;
  readonly messages: number;
  /** People on the passenger and crew lists (PNR travellers are the same people again and are not counted). */
  readonly travellers: number;
  /** Traveller rows written: list travellers plus PNR travellers. */
  readonly travellerRows: number;
  readonly alerts: number;
  readonly alertsByKind: Readonly<Record<string, number>>;
  readonly failed: number;
  readonly seconds: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Receive → alert stored, for messages carrying a planted person. */
  readonly plantedAlertMs: { readonly count: number; readonly p50: number; readonly max: number };
  readonly generateSeconds: number;
}

/** The value at quantile q (0…1) of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Runs flights [first, first + count) through the real ingest path one message after the other, as `lodestar ingest`
 * does (receive, then process), and measures it. With a clock, each stage's time inside the service is added to it.
 */
export async function runEndToEnd(
  backend: Backend,
  options: FlightOptions,
  first: number,
  count: number,
  onFlight?: (done: number) => void,
  clock?: StageClock,
): Promise<EndToEnd> {
  const { services } = backend;
  const latencies: number[] = [];
  const planted: number[] = [];
  let messages = 0;
  let travellers = 0;
  let rows = 0;
  let alerts = 0;
  let failed = 0;
  let busy = 0;
  let generating = 0;
  const seen = new Set<string>();
  for (let i = first; i < first + count; i++) {
    const g0 = performance.now();
    const generated = flightMessages(options, i);
    const country = generated.flight.destination.country;
    const ordered = orderedMessages(generated).map((m) => ({ ...m, raw: Buffer.from(m.text) }));
    generating += performance.now() - g0;
    for (const m of ordered) {
      const t0 = performance.now();
      const receive = () => services.ingest.receive(operator, m.raw, noRequest, country);
      const { message } = await (clock === undefined ? receive() : clock.time('receive', receive));
      const result =
        clock === undefined
          ? await services.ingest.process(message.id)
          : await profiledProcess(backend.store.db, services, message.id, clock);
      const ms = performance.now() - t0;
      busy += ms;
      latencies.push(ms);
      seen.add(message.id);
      if (m.planted && result.alerts > 0) planted.push(ms);
      messages++;
      travellers += m.travellers;
      rows += result.travellers;
      alerts += result.alerts;
      if (result.status === 'failed') failed++;
    }
    onFlight?.(i - first + 1);
  }
  const byKind = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from alerts where message_id = any(${[...seen]}::uuid[])
    group by kind`.execute(backend.store.db);
  latencies.sort((a, b) => a - b);
  planted.sort((a, b) => a - b);
  return {
    flights: count,
    messages,
    travellers,
    travellerRows: rows,
    alerts,
    alertsByKind: Object.fromEntries(byKind.rows.map((r) => [r.kind, r.n])),
    failed,
    seconds: busy / 1000,
    latencyMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? 0 },
    plantedAlertMs: { count: planted.length, p50: quantile(planted, 0.5), max: planted.at(-1) ?? 0 },
    generateSeconds: generating / 1000,
  };
}
