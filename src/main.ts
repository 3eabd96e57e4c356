/** Process entry for the `threatcrowd-bot` command: runs the CLI and sets the exit code. */

import { exitWhenDrained } from './cli/exit-when-drained.js';
import { main } from './cli.js';

const LONG_RUNNING = new Set(['simulate', 'start', 'console', 'discord-shards']);

// The reader went away (`… | head`): nothing more can be said, so end quietly, as Unix tools do, rather than
// print a stack trace for a write nobody will read.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Short commands end here even if a library left a timer behind (once output has drained); servers keep running.
    if (!LONG_RUNNING.has(process.argv[2] ?? '') || code !== 0) void exitWhenDrained(code);
  },
  (error: unknown) => {
    console.error(error);
    void exitWhenDrained(70);
  },
);
