/**
 * The `lodestar` command. Each subcommand parses its flags, loads the configuration, calls a service and prints.
 * Every failure ends as one line on standard error and a non-zero exit code, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors.js';
import { version } from '../version.js';
import { serveCommand } from './serve.command.js';
import { migrateCommand } from './migrate.command.js';
import { statusCommand } from './status.command.js';

export function buildProgram(): Command {
  const program = new Command('lodestar')
    .description(
      'Lodestar: watchlists, screening, flight monitoring and live figures for operations against trafficking',
    )
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(migrateCommand());
  program.addCommand(statusCommand());
  return program;
}

/** Exit codes: 0 ok, 1 failure, 2 usage error, 78 configuration error (sysexits EX_CONFIG). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? 0
        : 2;
    }
    if (isAppError(error)) {
      console.error(`lodestar: ${error.message}`);
      return error.code === 'config.invalid' ? 78 : 1;
    }
    console.error(`lodestar: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
