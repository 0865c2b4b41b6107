import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { AppError } from '../errors.js';
import type { FlightStatus } from '../travel/ingest-mapping.js';
import { isoDate } from '../travel/dates.js';
import { RowError, cleanState } from '../watchlists/entries.js';
import { withCli } from './context.js';
import { filesUnder } from './files.js';
import { progressBar } from './progress.js';

/**
 * A country option as flights and messages are owned: the state's alpha-3 code (`fr` and `FRA` both give FRA), so a
 * flight received for FR is one of FRA's, and a mistyped code is refused rather than matching nothing.
 */
function stateOption(raw: string, option: string): string {
  try {
    return cleanState(raw, option);
  } catch (error) {
    if (error instanceof RowError) throw new AppError('request.invalid', error.message);
    throw error;
  }
}

/** A departure date option: a day that exists, as the flights list holds them. */
function dateOption(raw: string): string {
  const value = raw.trim();
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = parts === null ? undefined : isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  if (day === undefined || day.startsWith('0000'))
    throw new AppError('request.invalid', `--date: "${value.slice(0, 20)}" is not a date (expected YYYY-MM-DD)`);
  return day;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'ingest PAXLST and PNRGOV files on the local database: store, parse, screen every traveller, run the rules',
    )
    .argument('<paths...>', 'files or directories of raw EDIFACT messages')
    .requiredOption('--country <code>', 'the receiving country (owner of the flights)')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (paths: string[], options: { country: string; dataDir?: string }) => {
      const country = stateOption(options.country, '--country');
      const { files, unreadable } = filesUnder(paths);
      // A path that cannot be read is told and counted; the others are ingested. Nothing at all to read is an error.
      if (files.length === 0 && unreadable[0] !== undefined)
        throw new AppError('request.invalid', `cannot read ${unreadable[0].path}: ${unreadable[0].reason}`);
      for (const u of unreadable) console.error(`${u.path}: cannot read — ${u.reason}`);
      await withCli(options, async ({ services, operator, request }) => {
        await services.index.load();
        const bar = progressBar('ingesting', files.length, 'items');
        const totals = { messages: 0, duplicates: 0, screened: 0, failed: 0, travellers: 0, bookings: 0, alerts: 0 };
        const started = performance.now();
        for (const file of files) {
          totals.messages += 1;
          // One file that cannot be taken is reported and counted; the run goes on with the others.
          try {
            const { message, duplicate, result, error } = await services.ingest.receiveAndProcess(
              operator,
              readFileSync(file),
              request,
              country,
            );
            if (duplicate) totals.duplicates += 1;
            if (result !== undefined) {
              totals[result.status] += 1;
              totals.travellers += result.travellers;
              totals.bookings += result.bookings;
              totals.alerts += result.alerts;
            }
            if (result?.status === 'failed') {
              // The reason is stored with the message; the CLI has no command to show a message, so it is told here,
              // with the route that shows the whole record.
              const stored = error === undefined ? await services.flights.message(operator, message.id) : undefined;
              const reason =
                error?.message ??
                (typeof stored?.error?.message === 'string' ? stored.error.message : 'see the message');
              console.error(`${file}: failed — ${reason} (message ${message.id}; GET /api/messages/${message.id})`);
            }
          } catch (error) {
            totals.failed += 1;
            console.error(`${file}: failed — ${error instanceof Error ? error.message : String(error)}`);
          }
          bar.update(totals.messages);
        }
        bar.finish();
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `${totals.messages} messages (${totals.duplicates} duplicates, ${totals.failed} failed): ${totals.travellers} travellers, ${totals.bookings} bookings, ${totals.alerts} alerts in ${seconds.toFixed(1)} s (${Math.round(totals.travellers / Math.max(seconds, 1e-6))} travellers/s)`,
        );
        if (totals.failed > 0) console.error(`${totals.failed} of ${totals.messages} messages failed`);
        if (unreadable.length > 0) console.error(`${unreadable.length} paths could not be read`);
        if (totals.failed > 0 || unreadable.length > 0) process.exitCode = 1;
      });
    });
}

export function flightsCommand(): Command {
  const flights = new Command('flights').description('flights on the local database');
  flights
    .command('list')
    .description('flights with their counts of travellers, bookings and alerts')
    .option('--date <yyyy-mm-dd>', 'departure date')
    .option('--airport <iata>', 'origin or destination')
    .option('--country <code>', 'receiving country')
    .addOption(new Option('--status <status>', 'flight status').choices(['open', 'closed', 'cancelled']))
    .option('--limit <n>', 'how many, from 1 to 1000', (v) => Number(v), 50)
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(
      async (options: {
        date?: string;
        airport?: string;
        country?: string;
        status?: FlightStatus;
        limit: number;
        dataDir?: string;
      }) => {
        // As GET /api/flights checks its query: a bad value is named here, not left to fail in the database.
        if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 1000)
          throw new AppError('request.invalid', '--limit: a whole number from 1 to 1000');
        const airport = options.airport?.trim().toUpperCase();
        if (airport !== undefined && !/^[A-Z0-9]{3}$/.test(airport))
          throw new AppError('request.invalid', `--airport: "${airport.slice(0, 20)}" is not an IATA airport code`);
        const filter = {
          date: options.date === undefined ? undefined : dateOption(options.date),
          airport,
          country: options.country === undefined ? undefined : stateOption(options.country, '--country'),
          status: options.status,
          limit: options.limit,
        };
        await withCli(options, async ({ services, operator }) => {
          const list = await services.flights.list(operator, filter);
          for (const f of list) {
            console.log(
              `${f.departureDate} ${`${f.carrier}${f.flightNumber}`.padEnd(8)} ${(f.origin ?? '???').padEnd(3)}→${(f.destination ?? '???').padEnd(3)} ${f.status.padEnd(9)} ${String(f.travellers).padStart(4)} travellers ${String(f.bookings).padStart(4)} bookings ${String(f.alerts).padStart(4)} alerts  ${f.ownerCountry} ${f.id}`,
            );
          }
        });
      },
    );
  flights
    .command('show')
    .description('one flight: its travellers (with alerts) and bookings')
    .argument('<id>', 'the flight id (from flights list)')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (id: string, options: { dataDir?: string }) => {
      await withCli(options, async ({ services, operator, request }) => {
        const { flight, travellers, bookings, alerts } = await services.flights.get(operator, id, request);
        console.log(
          `${flight.carrier}${flight.flightNumber} ${flight.departureDate} ${flight.origin ?? '?'}→${flight.destination ?? '?'} ${flight.status} (${flight.ownerCountry})`,
        );
        const byTraveller = new Map<string, string[]>();
        for (const a of alerts) {
          if (a.traveller_id === null) continue;
          const list = byTraveller.get(a.traveller_id) ?? [];
          list.push(
            a.kind === 'rule'
              ? `rule ${a.rule_id}`
              : `${a.kind} hit ${a.list_id}/${a.entity_id ?? '?'} ${a.score ?? ''}`,
          );
          byTraveller.set(a.traveller_id, list);
        }
        for (const t of travellers.filter((x) => x.source === 'api')) {
          const flags = byTraveller.get(t.id) ?? [];
          console.log(
            `  ${t.role.padEnd(9)} ${`${t.surname}, ${t.givenNames}`.padEnd(36)} ${t.birthDate ?? '????-??-??'} ${t.nationality ?? '???'} ${flags.length > 0 ? `ALERT ${flags.join('; ')}` : ''}`,
          );
        }
        console.log(
          `${bookings.length} bookings; ${alerts.length} alerts (${alerts.filter((a) => a.kind === 'rule').length} from rules)`,
        );
      });
    });
  return flights;
}
