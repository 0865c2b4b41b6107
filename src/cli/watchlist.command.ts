import { createReadStream, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import { AppError, isAppError } from '../errors.js';
import { importFormats, type ImportFormat } from '../watchlists/formats.js';
import { DEFAULT_THRESHOLD } from '../screening/engine.js';
import { withCli } from './context.js';
import { checkOutputFile, inputFileSize } from './files.js';
import { progressBar } from './progress.js';

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)');

export function watchlistCommand(): Command {
  const watchlist = new Command('watchlist').description('watchlists on the local database: create, list, import');

  watchlist
    .command('create')
    .description('create a watchlist')
    .requiredOption('--id <id>', 'short id, e.g. wanted, missing, sltd-fra')
    .requiredOption('--country <code>', 'owner country')
    .option('--name <name>', 'display name (default: the id)')
    .addOption(
      new Option('--kind <kind>', 'what it holds').choices(['persons', 'documents', 'mixed']).default('persons'),
    )
    .option(
      '--threshold <score>',
      `match threshold in (0, 1] (default ${DEFAULT_THRESHOLD}, the matcher's operating point)`,
      (v) => Number(v),
    )
    .addOption(dataDirOption())
    .action(
      async (options: {
        id: string;
        country: string;
        name?: string;
        kind: 'persons' | 'documents' | 'mixed';
        threshold?: number;
        dataDir?: string;
      }) => {
        await withCli(options, async ({ services, operator, request }) => {
          const list = await services.watchlists.create(
            operator,
            {
              id: options.id,
              name: options.name ?? options.id,
              kind: options.kind,
              ownerCountry: options.country,
              matchThreshold: options.threshold,
            },
            request,
          );
          console.log(
            `created watchlist ${list.id} (${list.kind}) of ${list.ownerCountry}, threshold ${list.matchThreshold}`,
          );
        });
      },
    );

  watchlist
    .command('list')
    .description('the watchlists and their entry counts')
    .addOption(dataDirOption())
    .action(async (options: { dataDir?: string }) => {
      await withCli(options, async ({ services }) => {
        for (const list of await services.watchlists.list()) {
          console.log(
            `${list.id.padEnd(20)} ${list.kind.padEnd(9)} ${list.ownerCountry}  ${String(list.persons).padStart(9)} persons ${String(list.documents).padStart(10)} documents  ${list.name}`,
          );
        }
      });
    });

  watchlist
    .command('import')
    .description('import a file into a watchlist: streamed, batched, idempotent by entity id; bad rows go to a report')
    .argument('<file>', 'the file to import')
    .requiredOption('--list <id>', 'the watchlist')
    .addOption(
      new Option('--format <format>', 'ftm: FollowTheMoney JSON lines; csv: persons; sltd: stolen/lost documents')
        .choices(importFormats)
        .makeOptionMandatory(),
    )
    .option(
      '--replace',
      'remove the entries of the list that are not in the file (persons for ftm and csv, documents for sltd)',
    )
    .option(
      '--report <file>',
      'where to write rejected rows and warnings, one JSON line each (default: <file>.report.jsonl)',
    )
    .addOption(dataDirOption())
    .action(
      async (
        file: string,
        options: { list: string; format: ImportFormat; replace?: boolean; report?: string; dataDir?: string },
      ) => {
        const size = inputFileSize(file);
        const reportPath = options.report ?? `${file}.report.jsonl`;
        checkOutputFile(reportPath, file);
        await withCli(options, async ({ services, operator, request }) => {
          // Opened at the first problem (or once the import is done), so an import refused before it reads a row
          // (no such list, a format the list does not take) leaves the report of an earlier run as it was.
          let report: WriteStream | undefined;
          const reportFile = (): WriteStream => {
            if (report === undefined) {
              let fd: number;
              try {
                fd = openSync(reportPath, 'w');
              } catch (error) {
                throw new AppError(
                  'request.invalid',
                  `cannot write ${reportPath}: ${error instanceof Error ? error.message : String(error)}`,
                );
              }
              report = createWriteStream('', { fd });
            }
            return report;
          };
          const bar = progressBar(`importing ${file}`, size, 'bytes');
          const input = createReadStream(file);
          // Ctrl-C (or a TERM) stops the import as a cut-off upload would: the batches committed stay, the import is
          // audited as failed, and the store is closed cleanly. A second signal ends the process at once.
          const stop = new AbortController();
          const interrupt = (signal: NodeJS.Signals) => {
            stop.abort(new Error(`interrupted by ${signal}`));
            input.destroy();
          };
          process.once('SIGINT', interrupt);
          process.once('SIGTERM', interrupt);
          try {
            const summary = await services.imports.importStream(
              operator,
              options.list,
              input,
              {
                format: options.format,
                replace: options.replace === true,
                signal: stop.signal,
                onProgress: (bytes) => bar.update(bytes),
                onProblem: (p) => reportFile().write(`${JSON.stringify(p)}\n`),
              },
              request,
            );
            reportFile();
            bar.finish();
            const skipped = Object.entries(summary.skipped)
              .map(([schema, n]) => `${n} ${schema}`)
              .join(', ');
            console.log(
              `read ${summary.read}, inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}, removed ${summary.removed}, rejected ${summary.rejected}, warnings ${summary.warnings}` +
                `${skipped ? `, skipped ${skipped}` : ''} in ${summary.seconds.toFixed(1)} s (${Math.round(summary.read / Math.max(summary.seconds, 0.001))} rows/s)`,
            );
            if (summary.replaceSkipped !== null) console.log(`replace: ${summary.replaceSkipped}`);
            if (summary.rejected + summary.warnings > 0) console.log(`rejected rows and warnings: ${reportPath}`);
            if (summary.rejected > 0) process.exitCode = 1;
          } catch (error) {
            bar.finish();
            // The operator may read what failed underneath (the HTTP API tells a client only what it wrote).
            if (isAppError(error, 'internal.error') && error.cause instanceof Error)
              throw new AppError('internal.error', `${error.message} (${error.cause.message})`);
            throw error;
          } finally {
            process.off('SIGINT', interrupt);
            process.off('SIGTERM', interrupt);
            const opened = report;
            if (opened !== undefined) await new Promise<void>((resolve) => opened.end(resolve));
          }
        });
      },
    );
  return watchlist;
}
