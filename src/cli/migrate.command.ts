import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date (serve does this at start too)')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { dataDir?: string }) => {
      const config = loadConfig(process.env, options);
      const store = await openStore(config.database);
      try {
        const applied = await migrateToLatest(store.db);
        console.log(
          applied.length === 0
            ? `${store.description}: schema already up to date`
            : `${store.description}: applied ${applied.join(', ')}`,
        );
      } finally {
        await store.close();
      }
    });
}
