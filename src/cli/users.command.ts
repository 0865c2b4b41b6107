import { Command } from 'commander';
import { readSecret, withCli } from './context.js';

export function usersCommand(): Command {
  const users = new Command('users').description("manage people's accounts on the local database");
  users
    .command('create-admin')
    .description(
      'create an admin of a country; the password is read from standard input (never a flag, never a default)',
    )
    .requiredOption('--email <email>', 'the admin’s email, used to sign in')
    .requiredOption('--country <code>', 'the admin’s country (ISO 3166 alpha-3, e.g. FRA)')
    .option('--name <name>', 'display name (default: the email)')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { email: string; country: string; name?: string; dataDir?: string }) => {
      const password = await readSecret('password (at least 12 characters): ');
      await withCli(options, async ({ services, operator, request }) => {
        const user = await services.users.create(
          operator,
          { email: options.email, name: options.name, country: options.country, roles: ['admin'], password },
          request,
        );
        console.log(`created admin ${user.email} of ${user.country} (id ${user.id})`);
      });
    });
  return users;
}
