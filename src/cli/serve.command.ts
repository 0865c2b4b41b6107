import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../http/server.js';
import { createLogger } from '../logger.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('apply migrations, then serve the HTTP API until SIGINT or SIGTERM')
    .option('--host <host>', 'address to listen on (LODESTAR_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (LODESTAR_PORT, default 8080)')
    .option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)')
    .action(async (options: { host?: string; port?: string; dataDir?: string }) => {
      const config = loadConfig(process.env, options);
      const logger = createLogger(config.logLevel);
      const server = await startServer(config, logger);
      console.log(
        `Lodestar listening on ${server.url} (${server.store.description}); API description at ${server.url}/docs`,
      );
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'shutting down: finishing in-flight requests');
          // A second signal during shutdown forces the exit.
          process.once(signal, () => process.exit(130));
          const force = setTimeout(() => {
            logger.error('shutdown timed out; exiting');
            process.exit(1);
          }, config.shutdownTimeoutMs + 5000);
          force.unref();
          server
            .close()
            .then(() => {
              logger.info('stopped cleanly');
              resolve();
            })
            .catch((error: unknown) => {
              logger.error({ err: error }, 'error during shutdown');
              process.exitCode = 1;
              resolve();
            });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
