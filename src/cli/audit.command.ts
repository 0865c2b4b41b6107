import { Command } from 'commander';
import type { ChainHead } from '../access/audit.service.js';
import { AppError } from '../errors.js';
import { withCli } from './context.js';

/** Parses `--expect-head`: a head as `verify` prints it, `<seq> <hash>` or `<seq>:<hash>`. */
export function parseExpectedHead(value: string): ChainHead {
  const match = /^\s*([0-9]+)[\s:]+([0-9a-f]{64})\s*$/.exec(value);
  if (match === null) {
    throw new AppError('request.invalid', `--expect-head: expected "<seq>:<64 hex digits>", got "${value}"`, {
      location: { field: '--expect-head' },
    });
  }
  return { seq: Number(match[1]), hash: match[2]! };
}

export function auditCommand(): Command {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'walk the hash chain; exit 0 when intact (printing the head: note it somewhere else), 1 naming the first broken entry',
    )
    .option(
      '--expect-head <seq:hash>',
      'a head noted earlier: the chain is broken unless it still holds it',
      parseExpectedHead,
    )
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { expectHead?: ChainHead; dataDir?: string }) => {
      await withCli(options, async ({ services, operator, request }) => {
        const expected = options.expectHead === undefined ? [] : [options.expectHead];
        const result = await services.audit.verify(undefined, expected);
        if (result.ok) {
          console.log(`audit log intact: ${result.entries} entries, head ${result.head.seq} ${result.head.hash}`);
        } else {
          console.error(`audit log BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason}`);
          process.exitCode = 1;
        }
        await services.audit.record(
          operator,
          { action: 'audit.verify', details: { ok: result.ok, entries: result.entries, head: result.head } },
          request,
        );
      });
    });
  audit
    .command('purge')
    .description('remove entries older than the retention period (LODESTAR_AUDIT_RETENTION_DAYS, at least 180)')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { dataDir?: string }) => {
      await withCli(options, async ({ config, services, operator, request }) => {
        const retentionDays = config.access.auditRetentionDays;
        const { removed, head } = await services.audit.purge(retentionDays);
        await services.audit.record(
          operator,
          { action: 'audit.purge', details: { removed, retentionDays, head } },
          request,
        );
        console.log(`removed ${removed} entries older than ${retentionDays} days`);
      });
    });
  return audit;
}
