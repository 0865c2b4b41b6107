import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openStore } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { liveServers } from '../jobs/heartbeats.repository.js';

export function statusCommand(): Command {
  return new Command('status')
    .description('show the database, pending migrations and the servers that shared it in the last two minutes')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { dataDir?: string }) => {
      const config = loadConfig(process.env, options);
      const store = await openStore(config.database);
      try {
        const pending = await pendingMigrations(store.db);
        console.log(`database: ${store.description}`);
        console.log(`migrations: ${pending.length === 0 ? 'up to date' : `pending ${pending.join(', ')}`}`);
        const servers = pending.length === 0 ? await liveServers(store.db, 120) : [];
        console.log(`servers: ${servers.length}`);
        for (const s of servers) {
          console.log(
            `  ${s.hostname} pid ${s.pid} v${s.version} up since ${new Date(s.started_at).toISOString()}, last beat ${new Date(s.beat_at).toISOString()}`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
