#!/usr/bin/env node
// Launcher: runs the compiled CLI (built by `npm run build`, which `npm ci` runs through `prepare`).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !isLongRunning()) process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 70;
  },
);

function isLongRunning() {
  return ['simulate', 'start', 'console'].includes(process.argv[2] ?? '');
}
