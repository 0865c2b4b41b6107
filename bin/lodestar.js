#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through the prepare script, and by `npm start`); from a source
// checkout that has not been built it falls back to the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/run.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/run.ts', import.meta.url).href);
}
