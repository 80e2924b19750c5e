#!/usr/bin/env node
// Entry point of the `gongkai` command (and of `npm start`): runs the TypeScript sources through tsx,
// so that a fresh clone needs no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
