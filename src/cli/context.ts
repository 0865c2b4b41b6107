/**
 * What a CLI command works with: the configuration, the local store (migrated), the services, and the operator
 * principal — the CLI acts on the machine that holds the data, as that machine's operator, and is audited as such.
 */
import os from 'node:os';
import type { Principal } from '../access/policy.js';
import { loadConfig, type Config } from '../config.js';
import { openStore, type Store } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createServices, type Services } from '../services.js';
import type { RequestContext } from '../access/audit.service.js';

export interface CliContext {
  readonly config: Config;
  readonly store: Store;
  readonly services: Services;
  readonly operator: Principal & { kind: 'operator' };
  readonly request: RequestContext;
}

/** The options every command that touches the database accepts. */
export interface StoreOptions {
  readonly dataDir?: string | undefined;
}

/** Opens the store, brings it up to date, runs `body`, and always closes the store. */
export async function withCli<T>(options: StoreOptions, body: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { dataDir: options.dataDir });
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store.db);
    const user = os.userInfo().username;
    const operator = {
      kind: 'operator' as const,
      id: `operator:${user}@${os.hostname()}`,
      name: `${user}@${os.hostname()} (cli)`,
      country: undefined,
    };
    return await body({
      config,
      store,
      // A command takes one message at a time: screening on another thread would only wait for it.
      services: createServices(store, { ...config, screeningThread: false }),
      operator,
      request: { ip: null, requestId: null },
    });
  } finally {
    await store.close();
  }
}

/** Reads a secret: from standard input when it is piped, else from the terminal without echo. */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
