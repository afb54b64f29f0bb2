#!/usr/bin/env node
// Runs the TypeScript sources through tsx so `npx hourglass` works right after `npm install`,
// with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
