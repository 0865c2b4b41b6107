/** The one structured logger. Every module asks for a child with its component name. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/** Creates the process's root logger: JSON lines on standard error, so standard output stays for CLI output. */
export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { service: 'lodestar' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests and one-shot commands that do not want logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
