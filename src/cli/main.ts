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
import { usersCommand } from './users.command.js';
import { tokensCommand } from './tokens.command.js';
import { auditCommand } from './audit.command.js';
import { watchlistCommand } from './watchlist.command.js';
import { screenCommand } from './screen.command.js';
import { flightsCommand, ingestCommand } from './ingest.command.js';
import { synthCommand } from './synth.command.js';

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
  program.addCommand(usersCommand());
  program.addCommand(tokensCommand());
  program.addCommand(auditCommand());
  program.addCommand(watchlistCommand());
  program.addCommand(screenCommand());
  program.addCommand(ingestCommand());
  program.addCommand(flightsCommand());
  program.addCommand(synthCommand());
  // Commands added with addCommand do not inherit these settings: apply them to the whole tree.
  const configure = (command: Command) => {
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Exit codes: 0 ok, 1 failure, 2 usage error, 78 configuration error (sysexits EX_CONFIG). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    // A command that completed but found a problem (a broken audit chain, rejected rows) sets process.exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
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
