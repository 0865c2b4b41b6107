/**
 * The one place that reads the environment. `loadConfig` validates every setting, fails with one clear line
 * naming the variable and how to fix it, and returns a frozen object that is passed down explicitly.
 */
import os from 'node:os';
import path from 'node:path';
import { AppError } from './errors.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number };

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly logLevel: LogLevel;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimit: number;
  /** How long a graceful shutdown waits for in-flight requests and jobs, in milliseconds. */
  readonly shutdownTimeoutMs: number;
  /** Whether this process runs background jobs (every `serve` process does unless told otherwise). */
  readonly runJobs: boolean;
  /** Batches of received messages this process parses, screens and runs rules for at once (when it runs jobs). */
  readonly ingestConcurrency: number;
  /** The most received messages one of those takes together (fewer when fewer are waiting). */
  readonly ingestBatch: number;
  /**
   * Whether flight travellers are screened on a worker thread holding a copy of the screening index (replica.ts):
   * another core screens while the server's thread stores and runs the rules, at the memory of a second index.
   */
  readonly screeningThread: boolean;
  readonly access: AccessConfig;
}

export interface AccessConfig {
  /** How long a sign-in lasts, in hours. */
  readonly sessionTtlHours: number;
  /** Whether the session cookie is sent only over HTTPS. */
  readonly cookieSecure: boolean;
  /** Failed sign-ins in a row that lock an account, and for how long. */
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  /** Requests per minute: sign-in attempts per client address, screening requests per caller. */
  readonly signInRatePerMinute: number;
  readonly screeningRatePerMinute: number;
  /** Audit entries older than this many days are purged (never fewer than 180: the database refuses). */
  readonly auditRetentionDays: number;
}

/** Command-line flags that override the environment. */
export interface ConfigOverrides {
  readonly host?: string | undefined;
  readonly port?: string | number | undefined;
  readonly dataDir?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function invalid(name: string, message: string): AppError {
  return new AppError('config.invalid', `${name}: ${message}`, { location: { field: name } });
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number, raw?: string | number) {
  const value = raw ?? env[name];
  if (value === undefined || value === '') return fallback;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw invalid(name, `expected a whole number from ${min} to ${max}, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw invalid(name, `expected a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw invalid(name, `expected true or false, got "${value}"`);
}

/** Checks that `url` is a postgres:// URL with a host, and returns it unchanged. */
export function validateDatabaseUrl(url: string, name = 'DATABASE_URL'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(name, 'is not a URL; expected postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw invalid(
      name,
      `scheme "${parsed.protocol}" is not supported; expected postgres://user:password@host:5432/database`,
    );
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
    throw invalid(name, 'names no host; expected postgres://user:password@host:5432/database');
  }
  if (parsed.pathname.length <= 1) {
    throw invalid(name, 'names no database; expected postgres://user:password@host:5432/database');
  }
  return url;
}

function readHost(value: string | undefined, name: string): string {
  const host = (value ?? '127.0.0.1').trim();
  if (host === '' || /\s|\//.test(host)) throw invalid(name, `"${host}" is not a host name or IP address`);
  return host;
}

/** Reads and validates the configuration from `env` (normally `process.env`) and command-line overrides. */
export function loadConfig(env: Env = process.env, overrides: ConfigOverrides = {}, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim();
  const database: DatabaseConfig =
    databaseUrl !== undefined && databaseUrl !== ''
      ? {
          kind: 'postgres',
          url: validateDatabaseUrl(databaseUrl),
          poolSize: readInteger(env, 'LODESTAR_DB_POOL_SIZE', 10, 1, 500),
        }
      : { kind: 'pglite', dataDir: path.resolve(cwd, overrides.dataDir ?? env.LODESTAR_DATA_DIR ?? './data') };

  const logLevel = (env.LODESTAR_LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!logLevels.includes(logLevel as LogLevel)) {
    throw invalid('LODESTAR_LOG_LEVEL', `expected one of ${logLevels.join(', ')}, got "${logLevel}"`);
  }

  const host = readHost(overrides.host ?? env.LODESTAR_HOST, overrides.host === undefined ? 'LODESTAR_HOST' : '--host');
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const access: AccessConfig = Object.freeze({
    sessionTtlHours: readInteger(env, 'LODESTAR_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    // Off the loopback interface the cookie must travel over HTTPS only (behind a TLS-terminating proxy).
    cookieSecure: readBoolean(env, 'LODESTAR_COOKIE_SECURE', !loopback),
    lockoutAttempts: readInteger(env, 'LODESTAR_LOCKOUT_ATTEMPTS', 5, 1, 100),
    lockoutMinutes: readInteger(env, 'LODESTAR_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    signInRatePerMinute: readInteger(env, 'LODESTAR_SIGNIN_RATE_PER_MINUTE', 10, 1, 10_000),
    screeningRatePerMinute: readInteger(env, 'LODESTAR_SCREENING_RATE_PER_MINUTE', 6000, 1, 10_000_000),
    auditRetentionDays: readInteger(env, 'LODESTAR_AUDIT_RETENTION_DAYS', 1825, 180, 36_500),
  });

  // Another core screens flight travellers where there is one to spare.
  const screeningThread = readBoolean(env, 'LODESTAR_SCREENING_THREAD', os.availableParallelism() > 1);
  return Object.freeze({
    host,
    access,
    port: readInteger(env, overrides.port === undefined ? 'LODESTAR_PORT' : '--port', 8080, 0, 65535, overrides.port),
    database: Object.freeze(database),
    logLevel: logLevel as LogLevel,
    bodyLimit: readInteger(env, 'LODESTAR_BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    shutdownTimeoutMs: readInteger(env, 'LODESTAR_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    runJobs: readBoolean(env, 'LODESTAR_RUN_JOBS', true),
    ingestConcurrency: readInteger(
      env,
      'LODESTAR_INGEST_CONCURRENCY',
      defaultIngestConcurrency(database.kind, screeningThread),
      1,
      64,
    ),
    ingestBatch: readInteger(env, 'LODESTAR_INGEST_BATCH', DEFAULT_INGEST_BATCH, 1, 1000),
    screeningThread,
  });
}

/**
 * Received messages taken together unless told otherwise: a batch costs a fixed number of statements whatever its
 * size, and a busy hour's backlog is worked through in batches this size (a lone message is taken alone, at once).
 */
export const DEFAULT_INGEST_BATCH = 32;

/**
 * Batches of messages one server process works on at once unless told otherwise. On a PostgreSQL server one batch's
 * queries overlap another's parsing, screening and rules (the server runs on other cores). Screening on this thread,
 * two are enough: it is then busy, and more batches at once only take turns in it, each evicting the others' data from
 * the processor's caches (bench:ingest on 2 cores, 3 interleaved pairs: 3,912–3,954 list travellers/s with two,
 * 3,476–3,568 with four). With the screening thread this thread is idle a third of the time at two, waiting for the
 * database and that thread, and three fill it (two interleaved rounds: 4,368 / 4,762 with two, 4,700 / 4,902 with
 * three, 4,716 / 4,771 with four). The embedded database runs in this process's own thread through a single session,
 * so there nothing would overlap and messages are taken one at a time.
 */
export function defaultIngestConcurrency(kind: DatabaseConfig['kind'], screeningThread = false): number {
  if (kind === 'pglite') return 1;
  return screeningThread ? 3 : 2;
}

/** Settings only the test suite reads: which PostgreSQL server, if any, the database tests also run on. */
export function loadTestSettings(env: Env = process.env): { readonly postgresUrl: string | undefined } {
  const url = env.LODESTAR_TEST_DATABASE_URL?.trim();
  return Object.freeze({
    postgresUrl: url === undefined || url === '' ? undefined : validateDatabaseUrl(url, 'LODESTAR_TEST_DATABASE_URL'),
  });
}
