/** Runs the `lodestar` command from the TypeScript sources in a child process, as a user would. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/cli/run.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment a test command runs in: this one without the variables that would point it elsewhere. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LODESTAR_LOG_LEVEL: 'silent' };
  return { ...base, ...env };
}

export function runCli(args: readonly string[], env: Record<string, string> = {}, input?: string): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: cleanEnv(env),
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(args: readonly string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env: cleanEnv(env) });
}
