import { Command, Option } from 'commander';
import { scopes } from '../access/policy.js';
import { AppError } from '../errors.js';
import { withCli } from './context.js';

/**
 * The --expires-in-days flag: digits only, since Number() would also take "0x10", "1e2" or " 7 ". The range is the
 * service's, said here with the flag's name.
 */
export function parseExpiresInDays(value: string): number {
  const days = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= 3650)) {
    throw new AppError('request.invalid', `--expires-in-days: expected a whole number from 1 to 3650, got "${value}"`, {
      location: { field: '--expires-in-days' },
    });
  }
  return days;
}

export function tokensCommand(): Command {
  const tokens = new Command('tokens').description('manage machine tokens on the local database');
  tokens
    .command('create')
    .description('create a machine token and print it once (it is stored only as a digest)')
    .requiredOption('--name <name>', 'what the token is for, e.g. "AF PAXLST feed"')
    .requiredOption('--country <code>', 'the country the token acts for')
    .addOption(new Option('--scope <scope...>', 'what it may do (repeatable)').choices(scopes).makeOptionMandatory())
    .option('--expires-in-days <days>', 'days until it expires (default: never)', parseExpiresInDays)
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(
      async (options: { name: string; country: string; scope: string[]; expiresInDays?: number; dataDir?: string }) => {
        await withCli(options, async ({ services, operator, request }) => {
          const created = await services.tokens.create(
            operator,
            {
              name: options.name,
              country: options.country,
              scopes: options.scope,
              expiresInDays: options.expiresInDays,
            },
            request,
          );
          console.log(created.token);
          console.error(
            `token ${created.record.id} for ${created.record.country} with ${created.record.scopes.join(', ')}: shown once, store it now`,
          );
        });
      },
    );
  tokens
    .command('revoke')
    .description('revoke a machine token by id')
    .argument('<id>', 'the token id')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (id: string, options: { dataDir?: string }) => {
      await withCli(options, async ({ services, operator, request }) => {
        const token = await services.tokens.revoke(operator, id, request);
        console.log(`revoked token ${token.id} (${token.name})`);
      });
    });
  return tokens;
}
