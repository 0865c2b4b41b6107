#!/usr/bin/env node
// `npm test`: runs every *.test.ts under src/, test/ and bench/ with node's test runner (TypeScript through tsx).
// Database tests run on PGlite, and also on PostgreSQL when LODESTAR_TEST_DATABASE_URL names a server.
// Arguments narrow the run to files whose path contains one of them: `npm test -- screening`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function collect(dir) {
  let out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out = out.concat(collect(rel));
    else if (entry.name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ['src', 'test', 'bench']
  .flatMap(collect)
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const pgUrl = process.env.LODESTAR_TEST_DATABASE_URL;
console.log(
  pgUrl
    ? `database tests: PGlite and PostgreSQL (${pgUrl.replace(/\/\/[^@]*@/, '//')})`
    : 'database tests: PGlite only (set LODESTAR_TEST_DATABASE_URL=postgres://… to run them on PostgreSQL too)',
);

const concurrency = Number(process.env.LODESTAR_TEST_CONCURRENCY ?? Math.max(1, availableParallelism()));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', ...files],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LODESTAR_LOG_LEVEL: process.env.LODESTAR_LOG_LEVEL ?? 'silent' },
  },
);
process.exit(result.status ?? 1);
