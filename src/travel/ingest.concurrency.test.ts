/**
 * Messages processed at once, as the job queue's workers and several servers do: one flight's PNRGOV push and
 * passenger lists processed concurrently by two services (two servers: each its own cache of parsed messages) end
 * as they would one after the other, and nothing is applied twice.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { buildWatchlist, operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import { flightMessages } from '../synth/flights.js';
import { travellersOfFlight } from './flights.repository.js';
import { IngestService } from './ingest.service.js';
import { parseMessage } from './ingest-parse.js';

const noRequest = { ip: null, requestId: null };

describeEachBackend('passenger messages processed at once', (database) => {
  let services: Services;
  before(async () => {
    services = testServices(database());
    await buildWatchlist(services, { ownerCountry: 'NLD', persons: [{ id: 'w1', name: 'Zebulon Quartermaine' }] });
  });

  async function snapshot(flightId: string) {
    const { db } = database();
    const travellers = (await travellersOfFlight(db, flightId))
      .map((t) => ({ id: t.id, source: t.source, key: t.travellerKey, linkedTo: t.linkedTo, removed: t.removed }))
      .sort((a, b) => (a.source + a.key < b.source + b.key ? -1 : 1));
    const bookings = await db
      .selectFrom('bookings')
      .select(['id', 'record_locator'])
      .where('flight_id', '=', flightId)
      .orderBy('record_locator')
      .execute();
    const alerts = await db
      .selectFrom('alerts')
      .select(['kind', 'subject_key', 'traveller_id', 'booking_id'])
      .where('flight_id', '=', flightId)
      .orderBy('kind')
      .orderBy('subject_key')
      .execute();
    return { travellers, bookings, alerts };
  }

  it('stores a flight whose messages two servers process at once as one after the other would', async () => {
    const { db } = database();
    const generated = flightMessages({ seed: 11, personCount: 1000, hitRate: 0 }, 2);
    const files = [...generated.pnrgov, ...generated.paxlst];
    assert.ok(generated.paxlst.length >= 2, 'a flight with a passenger list and a crew list (or parts)');
    const ids: string[] = [];
    for (const f of files) {
      const { message } = await services.ingest.receive(operator, Buffer.from(f.text), noRequest, 'NLD');
      ids.push(message.id);
    }
    const other = new IngestService(db, services.index, services.rules, services.audit);
    const servers = [services.ingest, other];
    // Every message at once, alternating servers; the first one twice at once (a job taken again while running).
    const results = await Promise.all([
      ...ids.map((id, i) => servers[i % 2]!.process(id)),
      servers[1]!.process(ids[0]!),
    ]);
    assert.ok(results.every((r) => r.status === 'screened'));
    const flightId = results[0].flightId!;
    assert.ok(
      results.every((r) => r.flightId === flightId),
      'one flight',
    );

    const after = await snapshot(flightId);
    const expected = new Set<string>();
    for (const f of files) {
      for (const m of parseMessage(Buffer.from(f.text), '2025-01-01').mapped) {
        for (const t of m.travellers) expected.add(`${t.source}|${t.travellerKey}`);
      }
    }
    assert.deepEqual(after.travellers.map((t) => `${t.source}|${t.key}`).sort(), [...expected].sort());
    assert.ok(
      after.alerts.some((a) => a.kind === 'rule'),
      'the synthetic flight raises indicator alerts',
    );
    const listed = new Set(after.travellers.filter((t) => t.source === 'api').map((t) => t.id));
    const linked = after.travellers.filter((t) => t.linkedTo !== null);
    assert.ok(linked.length > 0 && linked.every((t) => listed.has(t.linkedTo!)), 'PNR travellers linked');

    // The open rule alerts are those of the flight as its messages, all of them, describe it: the same as when the
    // messages are processed one after the other (here for another country, so as a separate flight).
    const ruleAlerts = async (id: string) =>
      (
        await db
          .selectFrom('alerts')
          .select(['rule_id', 'explanation'])
          .where('flight_id', '=', id)
          .where('kind', '=', 'rule')
          .where('status', '=', 'open')
          .execute()
      )
        .map((a) => `${a.rule_id}|${JSON.stringify((a.explanation as { subject: unknown }[])[0]!.subject)}`)
        .sort();
    let sequentialFlight = '';
    for (const f of files) {
      const { message } = await services.ingest.receive(operator, Buffer.from(f.text), noRequest, 'BEL');
      sequentialFlight = (await services.ingest.process(message.id)).flightId!;
    }
    assert.deepEqual(await ruleAlerts(flightId), await ruleAlerts(sequentialFlight));

    // Applied again one after the other, nothing changes and nothing is raised twice.
    const counted = await db.selectFrom('messages').select(['id', 'alerts']).where('id', 'in', ids).execute();
    for (const id of ids) {
      const again = await services.ingest.process(id);
      assert.equal(again.alerts, counted.find((m) => m.id === id)!.alerts, 'its alerts as counted, none raised twice');
    }
    assert.deepEqual(await snapshot(flightId), after);
    const statuses = await db.selectFrom('messages').select('status').where('id', 'in', ids).execute();
    assert.ok(statuses.every((s) => s.status === 'screened'));
  });
});
