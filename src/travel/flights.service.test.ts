import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../access/policy.js';
import { describeEachBackend } from '../../test/database.js';
import { buildWatchlist, operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url));
const noRequest = { ip: null, requestId: null };
const analyst = (country: string): Principal => ({
  kind: 'user',
  id: `analyst-${country}`,
  name: `${country} analyst`,
  country,
  roles: ['analyst'],
  sessionId: 'session',
});

describeEachBackend('a flight as analysts see it', (database) => {
  let services: Services;
  let flightId: string;
  let travellerIds: Map<string, string>;
  before(async () => {
    services = testServices(database());
    // The passenger list below carries HADDAD, AMAL (with document TD0012345), MUELLER, JONAS and O'NEILL, SIOBHAN
    // MARIE (with passport PE1234567). FRA restricts the first and the passport to itself; Mueller it shares.
    await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [
        {
          id: 'fra-secret-1',
          name: 'Amal Haddad',
          birthDate: '2001-01-01',
          nationality: 'SYR',
          documentNumber: 'TD0012345',
          documentCountry: 'FRA',
          restrictedTo: ['FRA'],
        },
        { id: 'fra-shared-1', name: 'Jonas Mueller', birthDate: '2015-07-04' },
      ],
    });
    await buildWatchlist(services, { ownerCountry: 'FRA', documents: [{ number: 'PE1234567', issuingState: 'IRL' }] });
    // The document importer takes no restriction: the owner sets it afterwards, as an edit would.
    await sql`update watchlist_documents set restricted_to = '{FRA}' where number = 'PE1234567'`.execute(database().db);
    const received = await services.ingest.receive(operator, fixture('paxlst-d05b-passengers.edi'), noRequest, 'DEU');
    const processed = await services.ingest.process(received.message.id);
    flightId = processed.flightId!;
    const { travellers } = await services.flights.get(operator, flightId, noRequest);
    travellerIds = new Map(travellers.filter((t) => t.source === 'api').map((t) => [t.surname, t.id]));
  });

  const hitsOn = async (principal: Principal, surname: string) => {
    const { alerts } = await services.flights.get(principal, flightId, noRequest);
    return alerts.filter((a) => a.kind !== 'rule' && a.traveller_id === travellerIds.get(surname));
  };

  it("shows another country's hit on a restricted entry only as whom to contact", async () => {
    const haddad = await hitsOn(analyst('DEU'), 'HADDAD');
    assert.deepEqual(haddad.map((a) => a.kind).sort(), ['document', 'person']);
    for (const alert of haddad) {
      assert.equal(alert.restricted, true);
      assert.equal(alert.restricted && alert.contactCountry, 'FRA');
      assert.equal(alert.entity_id, null);
      assert.equal(alert.score, null);
      assert.deepEqual(alert.explanation, []);
    }
    const text = JSON.stringify(haddad);
    for (const detail of ['fra-secret-1', 'AMAL', 'Amal', '2001-01-01', 'SYR', 'TD0012345'])
      assert.ok(!text.includes(detail), `no ${detail} in ${text}`);

    const passport = await hitsOn(analyst('DEU'), "O'NEILL");
    assert.deepEqual(
      passport.map((a) => [a.kind, a.restricted, a.restricted && a.contactCountry]),
      [['document', true, 'FRA']],
    );
    assert.ok(!JSON.stringify(passport).includes('PE1234567'));
  });

  it('shows the details of a shared entry, and everything to the operator', async () => {
    const mueller = await hitsOn(analyst('DEU'), 'MUELLER');
    assert.deepEqual(
      mueller.map((a) => [a.kind, a.restricted, a.entity_id]),
      [['person', false, 'fra-shared-1']],
    );
    assert.ok(mueller[0]!.explanation.length > 0);
    const haddad = await hitsOn(operator, 'HADDAD');
    assert.ok(haddad.length === 2 && haddad.every((a) => !a.restricted && a.entity_id === 'fra-secret-1'));
    assert.ok(JSON.stringify(haddad).includes('TD0012345'));
  });

  it('withholds the details of an entry removed since the alert, naming its list’s owner', async () => {
    await sql`delete from watchlist_persons where entity_id = 'fra-shared-1'`.execute(database().db);
    const mueller = await hitsOn(analyst('DEU'), 'MUELLER');
    assert.deepEqual(
      mueller.map((a) => [a.restricted, a.restricted && a.contactCountry, a.entity_id, a.explanation.length]),
      [[true, 'FRA', null, 0]],
    );
    assert.equal((await hitsOn(operator, 'MUELLER'))[0]?.entity_id, 'fra-shared-1');
  });
});
