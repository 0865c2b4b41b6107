import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScreeningEngine } from '../screening/engine.js';
import { inSlices, SCREEN_SLICE_MS, type IndexedPersonHit } from '../screening/watchlist-index.js';
import { personAt } from '../synth/persons.js';
import { travellerAt } from '../synth/queries.js';
import { screenTravellers, travellerSubjects, type TravellerToScreen } from './ingest-alerts.js';
import type { TravellerRow } from './ingest-mapping.js';
import type { TravellerFacts } from './rules/facts.types.js';

const PERSONS = 2_000;

/** A watchlist of synthetic persons, screened on this thread as WatchlistIndex.screenManyForAlerts does without a thread. */
function listOf(persons: number) {
  const engine = new ScreeningEngine({ expectedPersons: persons });
  for (let i = 0; i < persons; i++) {
    const p = personAt(7, i);
    engine.add({
      key: i,
      entityId: p.id,
      names: [p.name, ...p.aliases],
      birthDates: p.birthDate === '' ? [] : [p.birthDate],
      nationalities: p.nationalities,
      gender: p.gender,
      documents: [],
    });
  }
  return {
    engine,
    index: {
      listIds: () => ['wanted'],
      screenManyForAlerts: (
        listId: string,
        queries: readonly Parameters<ScreeningEngine['screenPerson']>[0][],
        limit: number,
      ) =>
        inSlices(queries, (query) =>
          engine
            .screenPerson(query, { limit, matchesOnly: true })
            .hits.map((h): IndexedPersonHit => ({ ...h, listId, entryKey: h.key })),
        ),
      screenDocument: () => [],
    },
  };
}

/** Flight travellers of the synthetic plan, some of them listed persons. */
function travellers(count: number): TravellerToScreen[] {
  return Array.from({ length: count }, (_v, i) => {
    const t = travellerAt(7, i, PERSONS, 0.05);
    const row = {
      source: 'api',
      travellerKey: `t${i}`,
      role: 'passenger',
      surname: t.surname,
      givenNames: t.givenNames,
      birthDate: t.birthDate === '' ? null : t.birthDate,
      gender: null,
      nationality: t.nationality === '' ? null : t.nationality,
      documents: [],
      inTransit: false,
      embarkation: null,
      debarkation: null,
      seat: null,
      recordLocator: null,
      details: {},
      removed: false,
    } satisfies TravellerRow;
    return { id: `traveller-${i}`, row, flightId: 'flight-1', message: { id: 'message-1', ownerCountry: 'FRA' } };
  });
}

describe('screening a batch of travellers for alerts', () => {
  const { engine, index } = listOf(PERSONS);
  const batch = travellers(3_000);

  it('lets the rest of the process through while it screens, and raises the alerts screening one by one raises', async () => {
    // What each traveller raises, screened at one go.
    const expected = batch.flatMap((t) =>
      engine
        .screenPerson(
          {
            names: [`${t.row.givenNames} ${t.row.surname}`],
            birthDate: t.row.birthDate ?? undefined,
            nationality: t.row.nationality ?? undefined,
            documents: [],
          },
          { limit: 3, matchesOnly: true },
        )
        .hits.map((h) => `${t.id}|wanted|${h.entityId}`),
    );
    assert.ok(expected.length > 0, 'the batch holds listed persons');

    let turns = 0;
    let done = false;
    const count = (): void => {
      if (done) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    // The process's CPU time, not the wall clock: on a loaded machine a slice the scheduler interrupts lasts longer in
    // wall time, not in work, so the wall clock would count slices that never ran.
    const started = process.cpuUsage();
    const alerts = await screenTravellers(index, batch);
    const cpu = process.cpuUsage(started);
    const took = (cpu.user + cpu.system) / 1000;
    done = true;

    assert.deepEqual(
      alerts.map((a) => a.subjectKey),
      expected,
    );
    // The other work ran about once a slice (at least a third as often, allowing for slow turns and pauses), and at least once.
    assert.ok(
      turns >= Math.max(1, Math.floor(took / SCREEN_SLICE_MS / 3)),
      `${turns} turns of the event loop in ${took.toFixed(0)} ms of CPU time screening`,
    );
  });
});

describe('the subject of a traveller’s rule alerts', () => {
  const traveller = (key: string, surname: string, givenNames: string, dateOfBirth?: string) =>
    ({ key, surname, givenNames, dateOfBirth }) as TravellerFacts;

  it('is the person, by surname and first given name, wherever the messages put them', () => {
    const pnrCopy = travellerSubjects([traveller('pnr:RT9K4Z:1', 'HADDAD', 'LEILA MISS', '2013-02-14')]);
    const listCopy = travellerSubjects([
      traveller('api:1', 'ADAMS', 'JOHN'),
      traveller('api:2', 'Haddad', 'Leila', '2013-02-14'),
    ]);
    assert.equal(pnrCopy.get('pnr:RT9K4Z:1'), listCopy.get('api:2'));
    assert.equal(
      travellerSubjects([traveller('pnr:RT9K4Z:1', 'HADDAD', 'LEILA')]).get('pnr:RT9K4Z:1'),
      listCopy.get('api:2'),
      'a birth date the PNR lacked does not make another person',
    );
  });

  it('tells namesakes apart by birth date, and by place when even that is shared', () => {
    const subjects = travellerSubjects([
      traveller('api:1', 'SMITH', 'JOHN', '2012-01-01'),
      traveller('api:2', 'SMITH', 'JOHN', '1980-01-01'),
      traveller('pnr:A:1', 'SMITH', 'JOHN'),
      traveller('pnr:B:1', 'SMITH', 'JOHN'),
    ]);
    assert.equal(new Set(subjects.values()).size, 4);
    assert.ok(subjects.get('api:1')!.endsWith('|2012-01-01'));
    assert.ok(subjects.get('api:2')!.endsWith('|1980-01-01'));
  });
});
