import { Command } from 'commander';
import { withCli } from './context.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('walk the hash chain; exit 0 when intact, 1 naming the first broken entry')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { dataDir?: string }) => {
      await withCli(options, async ({ services, operator, request }) => {
        const result = await services.audit.verify();
        if (result.ok) {
          console.log(`audit log intact: ${result.entries} entries, head ${result.head.seq} ${result.head.hash}`);
        } else {
          console.error(`audit log BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason}`);
          process.exitCode = 1;
        }
        await services.audit.record(
          operator,
          { action: 'audit.verify', details: { ok: result.ok, entries: result.entries } },
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
        const removed = await services.audit.purge(config.access.auditRetentionDays);
        await services.audit.record(
          operator,
          { action: 'audit.purge', details: { removed, retentionDays: config.access.auditRetentionDays } },
          request,
        );
        console.log(`removed ${removed} entries older than ${config.access.auditRetentionDays} days`);
      });
    });
  return audit;
}
