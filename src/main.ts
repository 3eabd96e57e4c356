/** Process entry for the `threatcrowd-bot` command: runs the CLI and sets the exit code. */
import { main } from './cli.js';

const LONG_RUNNING = new Set(['simulate', 'start', 'console', 'discord-shards']);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Short commands end here even if a library left a timer behind; servers keep running.
    if (!LONG_RUNNING.has(process.argv[2] ?? '') || code !== 0) setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(70);
  },
);
