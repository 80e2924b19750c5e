#!/usr/bin/env node
// Entry point of the `gongkai` command (and of `npm start`). `gongkai serve` runs the sources compiled to plain
// JavaScript in dist/ (scripts/build.mjs), building them first when dist/ is missing or older than src/ — so a fresh
// clone needs no build step and a server process carries no TypeScript loader (decision 195: ~65 MB less resident
// memory per process). Every other command (migrate, bench, backup, …) runs the TypeScript sources through tsx
// (decision 003): they are short-lived, and the benches import TypeScript files outside src/.
// GONGKAI_RUNTIME=tsx runs `serve` through tsx as well (source positions in stack traces without --enable-source-maps).
import { fileURLToPath } from 'node:url';

const serve = process.argv[2] === 'serve' && process.env.GONGKAI_RUNTIME !== 'tsx';
if (serve) {
  const { ensureBuilt } = await import('../scripts/build.mjs');
  await ensureBuilt();
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../src/cli/main.ts');
}
